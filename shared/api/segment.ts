import { z } from 'zod';
import { isSegmentKey } from '../segments/keys';
import type { CustomerView, ExportPage, SegmentListView, SyncJobsPage, SyncJobView, SyncLog, TimelinePage } from '../segments/views';
import { action } from './contract';
import { noInput, openidSchema, pageCursor, requestIdSchema } from './common';
import type { SystemReport } from './campaign';

const keySchema = z.string().min(1).max(40).refine(isSegmentKey, '不认识的分组标识（例如 layer:paying、life:silent、purchases:2、tag:<标签>）');
const cursorSchema = z.string().min(1).max(128);

export interface RecomputeResult {
  processed: number;
  changed: number;
  nextCursor: string | null;
}

/**
 * The `segment` function (API.md): the time-based transition run (timer) and the operators' lists,
 * counts, one customer's profile, CSV export and WeCom tag sync.
 */
export const segmentApi = {
  transitions: action<SystemReport>()({ summary: '定时器：到期的分组变化（沉睡、流失、会员到期…）。', auth: 'system', input: noInput }),
  list: action<SegmentListView>()({
    summary: '一个分组的成员，按 openid 分页；传回 nextCursor 取下一页。',
    auth: 'operator',
    input: z.object({ key: keySchema, cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(100).optional() }).strict(),
  }),
  counts: action<Record<string, number>>()({ summary: '`{ [分组标识]: 人数 }`，每个分组一次索引计数。', auth: 'operator', input: noInput }),
  customer: action<CustomerView>()({ summary: '一位顾客的画像（无画像时为 NOT_FOUND）。', auth: 'operator', input: z.object({ openid: openidSchema }).strict() }),
  timeline: action<TimelinePage>()({ summary: '一位顾客的事件时间线，最新在前。', auth: 'operator', input: z.object({ openid: openidSchema, cursor: pageCursor.optional() }).strict() }),
  export: action<ExportPage>()({
    summary: '导出一页 CSV：第一页（无 cursor）带 BOM、表头与 total。',
    auth: 'operator',
    input: z.object({ key: keySchema, cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  }),
  syncTags: action<SyncJobView>()({
    summary: '把分组同步为企业微信标签：每次工作几秒，more 为真时用同一 requestId 再调用。',
    auth: 'operator',
    input: z
      .object({
        key: keySchema,
        tagId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '企业微信标签 ID 只能包含字母、数字、- 或 _'),
        requestId: requestIdSchema,
        /** Members per page (default 50) and pages per call (default: as many as fit in a few seconds). */
        batch: z.number().int().min(1).max(100).optional(),
        maxPages: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    errors: ['WECOM_NOT_CONFIGURED'],
  }),
  wecomSyncLog: action<SyncLog>()({ summary: '记录的 mark_tag 调用，最新在前（某个任务的，或全部）。', auth: 'operator', input: z.object({ jobId: z.string().min(1).max(64).optional(), cursor: pageCursor.optional() }).strict() }),
  syncJobs: action<SyncJobsPage>()({ summary: '标签同步任务，最新在前。', auth: 'operator', input: z.object({ cursor: pageCursor.optional() }).strict() }),
  recompute: action<RecomputeResult>()({ summary: '按当前规则重算全部画像的分组（分页走完，传回 nextCursor）。', auth: 'operator', input: z.object({ cursor: cursorSchema.optional() }).strict() }),
};
