import type { Envelope } from '@shared/errors/envelope';
import type { CustomerView, ExportPage, SegmentListView, SyncJobsPage, SyncJobView, SyncLog, TimelinePage } from '@shared/segments/views';
import type { CallFunction } from './cloud';

/** Typed calls to the `segment` function (API.md). Every action answers FORBIDDEN to non-operators. */
export type { CustomerView, ExportPage, SegmentListView, SegmentMember, SyncJobsPage, SyncJobView, SyncLog, TimelineItem, TimelinePage, WecomCallView } from '@shared/segments/views';

export interface SegmentService {
  /** `{ [segmentKey]: members }`, one indexed count per key. */
  counts(): Promise<Envelope<Record<string, number>>>;
  /** One page in openid order; pass `nextCursor` back for the next. */
  list(key: string, cursor?: string, limit?: number): Promise<Envelope<SegmentListView>>;
  /** NOT_FOUND when the openid has no profile (never visited, answered or bought). */
  customer(openid: string): Promise<Envelope<CustomerView>>;
  timeline(openid: string, cursor?: number): Promise<Envelope<TimelinePage>>;
  /** One CSV page: the first (no cursor) carries the BOM, the header and `total`. */
  exportPage(key: string, cursor?: string, limit?: number): Promise<Envelope<ExportPage>>;
  /** Works a few seconds per call; call again with the same requestId while `more`. WECOM_NOT_CONFIGURED when there is no WeCom. */
  syncTags(key: string, tagId: string, requestId: string): Promise<Envelope<SyncJobView>>;
  syncJobs(cursor?: number): Promise<Envelope<SyncJobsPage>>;
  /** The recorded mark_tag calls, newest first (one job's, or all). */
  wecomSyncLog(jobId?: string, cursor?: number): Promise<Envelope<SyncLog>>;
}

/** Only the fields that are set: the server's schemas are strict and reject `cursor: undefined` over some transports. */
const opt = <K extends string, V>(k: K, v: V | undefined) => (v === undefined ? {} : ({ [k]: v } as Record<K, V>));

export const createSegmentService = (call: CallFunction): SegmentService => ({
  counts: () => call('segment', { action: 'counts' }),
  list: (key, cursor, limit) => call('segment', { action: 'list', key, ...opt('cursor', cursor), ...opt('limit', limit) }),
  customer: (openid) => call('segment', { action: 'customer', openid }),
  timeline: (openid, cursor) => call('segment', { action: 'timeline', openid, ...opt('cursor', cursor) }),
  exportPage: (key, cursor, limit) => call('segment', { action: 'export', key, ...opt('cursor', cursor), ...opt('limit', limit) }),
  syncTags: (key, tagId, requestId) => call('segment', { action: 'syncTags', key, tagId, requestId }),
  syncJobs: (cursor) => call('segment', { action: 'syncJobs', ...opt('cursor', cursor) }),
  wecomSyncLog: (jobId, cursor) => call('segment', { action: 'wecomSyncLog', ...opt('jobId', jobId), ...opt('cursor', cursor) }),
});
