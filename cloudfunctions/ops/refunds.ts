import { fail, ok, type Result } from '../../shared/errors/result';
import { formatYuan } from '../../shared/money/format';
import type { OpsRefundsTab, OpsRefundView, Shown } from '../../shared/ops/views';
import { withCustomers } from '../_customers/display-profiles';
import { OPS_REFUND_STATE_LABELS } from '../../shared/labels/audit';
import { REFUND_PART_STATE_LABELS, REFUND_STATE_LABELS } from '../../shared/orders/states';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { type RefundDoc } from '../../shared/documents';
import { pageNewestFirst } from '../_kit/paging';
import { retryRefund as retry } from '../_payments/refund-lifecycle';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';

/**
 * 运营后台 · 退款: the refunds a person should look at — 处理中过久 (WeChat has not finished them
 * settings.refundStuckHours after they were asked for: refused requests, results that never came)
 * and 失败 (WeChat said 退款异常 or 退款关闭) — with 重试 (refund-lifecycle.ts retryRefund says
 * what a retry does for each kind). Money inside the store moved when the refund was created; what
 * is shown here is money WeChat still owes the customer.
 */
export function opsRefundView(r: RefundDoc): OpsRefundView {
  return {
    refundId: r._id,
    openid: r.openid,
    kind: r.kind,
    ...(r.orderId ? { orderId: r.orderId } : {}),
    amountFen: r.amountFen,
    status: r.status,
    customerLabel: REFUND_STATE_LABELS[r.status],
    createdAt: r.createdAt,
    ...(r.waitingSince !== undefined ? { waitingSince: r.waitingSince } : {}),
    ...(r.completedAt !== undefined ? { completedAt: r.completedAt } : {}),
    retries: r.retries ?? 0,
    ...(r.lastRetryAt !== undefined ? { lastRetryAt: r.lastRetryAt } : {}),
    parts: r.parts.map((p) => ({
      outRefundNo: p.outRefundNo,
      outTradeNo: p.outTradeNo,
      refundFee: p.refundFee,
      state: p.state,
      ...(p.resultStatus ? { resultStatus: p.resultStatus } : {}),
      ...(p.error ? { error: p.error } : {}),
      attempts: p.attempts ?? 0,
      queries: p.queries ?? 0,
      ...(p.requestedAt !== undefined ? { requestedAt: p.requestedAt } : {}),
      ...(p.lastQueryAt !== undefined ? { lastQueryAt: p.lastQueryAt } : {}),
      ...(p.nextAt !== undefined && p.state !== 'succeeded' ? { nextAt: p.nextAt } : {}),
      ...(p.finishedAt !== undefined ? { finishedAt: p.finishedAt } : {}),
    })),
    canRetry: r.status !== 'succeeded' && r.parts.some((p) => p.state !== 'succeeded'),
  };
}

/**
 * 处理中过久: pending refunds waiting since before now − refundStuckHours (the (status,
 * waitingSince) index; the cursor never goes past that cutoff). 失败: failed refunds, newest first
 * ((status, createdAt)).
 */
export async function listRefunds(input: { tab: OpsRefundsTab; cursor?: number }, ctx: ActionContext): Promise<Result<{ refunds: Array<Shown<OpsRefundView>>; stuckHours: number; nextCursor?: number }>> {
  const settings = await ctx.settings();
  const page =
    input.tab === 'stuck'
      ? await pageNewestFirst<RefundDoc>(ctx.db, COLL.refunds, { status: 'pending' }, 'waitingSince', Math.min(input.cursor ?? Infinity, ctx.now() - settings.refundStuckHours * 3_600_000 + 1), 20)
      : await pageNewestFirst<RefundDoc>(ctx.db, COLL.refunds, { status: 'failed' }, 'createdAt', input.cursor, 20);
  return ok({ refunds: await withCustomers(ctx.db, page.items.map(opsRefundView), ctx.now()), stuckHours: settings.refundStuckHours, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/**
 * 重试, whatever the backoff says: WeChat is asked again now (see retryRefund). Audited; a retried
 * request (same requestId) returns the refund as it is without asking WeChat twice.
 */
export async function retryRefundOp(input: { refundId: string; requestId: string }, ctx: ActionContext): Promise<Result<Shown<OpsRefundView>>> {
  const shown = async (r: RefundDoc) => ok((await withCustomers(ctx.db, [opsRefundView(r)], ctx.now()))[0]);
  const auditId = auditIdFor(ctx.openid, input.requestId, 'refund.retry', input.refundId);
  const before = await getById<RefundDoc>(ctx.db, COLL.refunds, input.refundId);
  if (!before) return fail('NOT_FOUND', '没有找到该退款，请刷新列表。');
  if (await getById(ctx.db, COLL.audit_log, auditId)) return shown(before);
  if (before.status === 'succeeded') return shown(before);
  const after = (await retry(ctx.db, input.refundId, ctx.now, ctx.log)) ?? before;
  const now = ctx.now();
  const parts = (r: RefundDoc) => r.parts.map((p) => ({ outRefundNo: p.outRefundNo, state: p.state, error: p.error ?? null }));
  await runInTransaction(ctx.db, async (tx) => {
    if (await priorAudit(tx, auditId)) return;
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      id: auditId,
      entity: 'refund',
      entityId: input.refundId,
      action: 'refund.retry',
      summary: `重试退款（${formatYuan(before.amountFen)}）：${after.parts.map((p) => REFUND_PART_STATE_LABELS[p.state]).join('、') || OPS_REFUND_STATE_LABELS[after.status]}`,
      before: { status: before.status, parts: parts(before) },
      after: { status: after.status, parts: parts(after) },
    });
  });
  return shown(after);
}
