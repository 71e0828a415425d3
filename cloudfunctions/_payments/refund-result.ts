import { fail, ok, type Result } from '../../shared/errors/result';
import { refundResultFieldsOf, type RefundResultEvent } from '../../shared/schemas/payment';
import type { ActionContext } from '../_kit/create-handler';
import type { ProviderRefundStatus } from '../_kit/payments';
import { applyProviderAnswer, findRefundOfPart, type PartOutcome } from './refund-lifecycle';

const STATUSES = new Set(['SUCCESS', 'PROCESSING', 'CHANGE', 'REFUNDCLOSE']);

/**
 * A refund result WeChat delivered (to refundCallback; or to payCallback for refunds requested
 * before refundCallback existed). The platform source was checked by the handler; here the part and
 * its amount are checked against ours and the result applied by the refund-part table.
 *
 * What it answers, and why (errcode ≠ 0 only where a redelivery could help):
 *   applied / redelivered            → errcode 0 (a redelivery changes nothing)
 *   unknown out_refund_no            → errcode 0, warn log: not one of ours (e.g. a refund made in
 *                                       the merchant platform); redelivering cannot make it ours
 *   amount / order mismatch          → errcode 0, ERROR log, recorded on the part (运营后台 · 退款
 *                                       shows it; the sweep's queryRefund is the second opinion): the
 *                                       same event redelivered would mismatch again
 *   a move the table refuses         → errcode 0, error log (e.g. SUCCESS for a part already failed)
 *   a status we do not know          → errcode 1 (redelivered: a fixed deployment can take it)
 *   a fault (database, conflict)     → errcode ≠ 0, redelivered
 */
export async function refundResult(event: RefundResultEvent, ctx: ActionContext): Promise<Result<{ outcome: PartOutcome; refundId?: string }>> {
  const f = refundResultFieldsOf(event);
  if (!STATUSES.has(f.refundStatus)) {
    ctx.log.log('error', 'refund result with an unknown status', { outRefundNo: f.outRefundNo, refundStatus: f.refundStatus.slice(0, 32) });
    return fail('INVALID_INPUT', `refund result: unknown refundStatus ${f.refundStatus.slice(0, 32)}`);
  }
  const refund = await findRefundOfPart(ctx.db, f.outRefundNo);
  if (!refund) {
    ctx.log.log('warn', 'refund result for an unknown out_refund_no', { outRefundNo: f.outRefundNo, refundStatus: f.refundStatus });
    return ok({ outcome: 'unknown' as const });
  }
  const { outcome } = await applyProviderAnswer(
    ctx.db,
    refund._id,
    f.outRefundNo,
    {
      status: f.refundStatus as ProviderRefundStatus,
      refundFee: f.refundFee,
      ...(f.outTradeNo ? { outTradeNo: f.outTradeNo } : {}),
      ...(f.refundId ? { refundId: f.refundId } : {}),
      ...(f.successTime ? { successTime: f.successTime } : {}),
      ...(f.refundRecvAccout ? { recvAccount: f.refundRecvAccout } : {}),
    },
    'result',
    ctx.now(),
    ctx.log,
  );
  return ok({ outcome, refundId: refund._id });
}
