import type { segmentApi } from '@shared/api/segment';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `segment` function (shared/api/segment.ts). Every action answers FORBIDDEN to non-operators. */
export type { CustomerView, ExportPage, SegmentListView, SegmentMember, SegmentMemberRow, SyncJobsPage, SyncJobView, SyncLog, TimelineItem, TimelinePage, WecomCallView } from '@shared/segments/views';

type Api = typeof segmentApi;

export interface SegmentService {
  /** `{ [segmentKey]: members }`, one indexed count per key. */
  counts(): Out<Api, 'counts'>;
  /** One page in openid order; pass `nextCursor` back for the next. */
  list(key: string, cursor?: string, limit?: number): Out<Api, 'list'>;
  /** NOT_FOUND when the openid has no profile (never visited, answered or bought). */
  customer(openid: string): Out<Api, 'customer'>;
  timeline(openid: string, cursor?: number): Out<Api, 'timeline'>;
  /** One CSV page: the first (no cursor) carries the BOM, the header and `total`. */
  exportPage(key: string, cursor?: string, limit?: number): Out<Api, 'export'>;
  /** Works a few seconds per call; call again with the same requestId while `more`. WECOM_NOT_CONFIGURED when there is no WeCom. */
  syncTags(key: string, tagId: string, requestId: string): Out<Api, 'syncTags'>;
  syncJobs(cursor?: number): Out<Api, 'syncJobs'>;
  /** The recorded mark_tag calls, newest first (one job's, or all). */
  wecomSyncLog(jobId?: string, cursor?: number): Out<Api, 'wecomSyncLog'>;
}

export const createSegmentService = (call: CallFunction): SegmentService => {
  const segment = callerOf<Api>(call, 'segment');
  return {
    counts: () => segment('counts'),
    list: (key, cursor, limit) => segment('list', { key, cursor, limit }),
    customer: (openid) => segment('customer', { openid }),
    timeline: (openid, cursor) => segment('timeline', { openid, cursor }),
    exportPage: (key, cursor, limit) => segment('export', { key, cursor, limit }),
    syncTags: (key, tagId, requestId) => segment('syncTags', { key, tagId, requestId }),
    syncJobs: (cursor) => segment('syncJobs', { cursor }),
    wecomSyncLog: (jobId, cursor) => segment('wecomSyncLog', { jobId, cursor }),
  };
};
