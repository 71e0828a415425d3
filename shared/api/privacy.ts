import { z } from 'zod';
import type { DeletionResult, ExportPage, PrivacySummary } from '../privacy/views';
import { action } from './contract';
import { noInput, requestIdSchema } from './common';
import type { SystemReport } from './campaign';

/** The `privacy` function (PIPL, issue 7): what we hold, the export, deleting the account. */
export const privacyApi = {
  summary: action<PrivacySummary>()({ summary: '我们保存的本人数据（分组）与注销的阻碍。', auth: 'customer', input: noInput }),
  export: action<ExportPage>()({ summary: '导出一页数据；传回 nextCursor 直到为 null。', auth: 'customer', input: z.object({ cursor: z.string().min(1).max(400).optional() }).strict() }),
  deleteAccount: action<DeletionResult>()({
    summary: '注销账户；结果为 running 时用同一 requestId 再调用。',
    auth: 'customer',
    input: z.object({ confirm: z.literal(true, '请先确认注销'), requestId: requestIdSchema }).strict(),
    errors: ['ACCOUNT_DELETION_BLOCKED'],
  }),
  sweep: action<SystemReport>()({ summary: '定时器：完成顾客中途离开的注销。', auth: 'system', input: noInput }),
};
