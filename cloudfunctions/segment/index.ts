import { z } from 'zod';
import { isSegmentKey } from '../../shared/segments/keys';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { counts, customer, exportCsv, list, recompute, timeline, transitions } from './use-cases';
import { syncJobs, syncTags, wecomSyncLog } from '../_segments/sync-tags';

const keySchema = z.string().min(1).max(40).refine(isSegmentKey, '不认识的分组标识（例如 layer:paying、life:silent、purchases:2、tag:<标签>）');
const cursorSchema = z.string().min(1).max(128);
const openidSchema = z.string().min(1).max(64);
const timeCursor = z.number().int().positive();

/**
 * Customer segments (API.md `segment`): the time-based transition run (timer) and the operators'
 * lists, counts, one customer's profile, CSV export and WeCom tag sync. Every operator action checks
 * the operator role on the server (createHandler), never trusting the client.
 */
export const main = createHandler({
  name: 'segment',
  onTimer: 'transitions',
  actions: {
    transitions: action({ input: z.object({}).strict(), auth: 'system', sources: ['timer'], run: transitions }),
    list: action({
      input: z.object({ key: keySchema, cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(100).optional() }).strict(),
      auth: 'operator',
      run: list,
    }),
    counts: action({ input: z.object({}).strict(), auth: 'operator', run: counts }),
    customer: action({ input: z.object({ openid: openidSchema }).strict(), auth: 'operator', run: customer }),
    timeline: action({ input: z.object({ openid: openidSchema, cursor: timeCursor.optional() }).strict(), auth: 'operator', run: timeline }),
    export: action({ input: z.object({ key: keySchema, cursor: cursorSchema.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(), auth: 'operator', run: exportCsv }),
    syncTags: action({
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
      auth: 'operator',
      run: syncTags,
    }),
    wecomSyncLog: action({ input: z.object({ jobId: z.string().min(1).max(64).optional(), cursor: timeCursor.optional() }).strict(), auth: 'operator', run: wecomSyncLog }),
    syncJobs: action({ input: z.object({ cursor: timeCursor.optional() }).strict(), auth: 'operator', run: syncJobs }),
    recompute: action({ input: z.object({ cursor: cursorSchema.optional() }).strict(), auth: 'operator', run: recompute }),
  },
});
