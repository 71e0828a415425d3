import { COLL } from '../_kit/collections';
import { fail, ok, type Result } from '../../shared/errors/result';
import { isPaidState } from '../../shared/orders/states';
import { refundedState, transitionOrder } from '../../shared/orders/transitions';
import { qualifyingReversal } from '../../shared/orders/qualifying';
import type { ActionContext } from '../_kit/create-handler';
import { faultPoint } from '../_kit/faults';
import { idFromKey } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { type OrderDoc, type RefundDoc } from '../../shared/documents';
import { refundedLines } from '../_events/make-event';
import { moneyBack } from './money-back';
import { releaseTrials } from '../_orders/trial-reservations';
import { refundableLines, refundForUnits } from '../../shared/orders/refund-window';
import { settleCouponOnRefund } from '../_coupons/use';
import { openRefund } from './refund-lifecycle';
import { txGet, txReplace } from '../_kit/tx';
import { deletionGuard } from '../_deletion/guard';

export const refundIdFor = (openid: string, requestId: string) => idFromKey('rfd', openid, requestId);

export interface RefundView {
  refundId: string;
  status: RefundDoc['status'];
  amountFen: number;
  forfeitBonusFen?: number;
}
export const refundView = (r: RefundDoc): RefundView => ({
  refundId: r._id,
  status: r.status,
  amountFen: r.amountFen,
  ...(r.forfeitBonusFen !== undefined ? { forfeitBonusFen: r.forfeitBonusFen } : {}),
});

/**
 * Refund of a product order (all remaining lines, or the given ones), in ONE transaction: the
 * order's refunded amounts and state, the money back (balance now; WeChat as a pending part), the
 * qualifying-spend reversal and the `order.refunded` event. The refund id derives from the
 * request id, so a retry finds the first result.
 */
export async function refundOrder(ctx: ActionContext, input: { orderId: string; requestId: string; lines?: Array<{ productId: string; qty: number }> }): Promise<Result<RefundDoc>> {
  const now = ctx.now();
  const refundId = refundIdFor(ctx.openid, input.requestId);
  const settings = await ctx.settings();
  return runInTransaction(ctx.db, async (tx): Promise<Result<RefundDoc>> => {
    const prior = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
    if (prior) return prior.orderId === input.orderId ? ok(prior) : fail('CONFLICT', '请求编号已用于另一笔退款，请刷新后重试。');
    const deleting = await deletionGuard(tx, ctx.openid, 'refund');
    if (deleting) return deleting;
    const order = await txGet<OrderDoc>(tx, COLL.orders, input.orderId);
    if (!order || order.openid !== ctx.openid) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
    if (order.kind !== 'product') return fail('REFUND_NOT_ALLOWED', order.kind === 'membership' ? '会员费退款请在「会员」页办理。' : '储值退款请在「钱包」页办理。');
    if (!isPaidState(order.status)) return fail('REFUND_NOT_ALLOWED', order.status === 'refunded' ? '该订单已全部退款。' : '该订单尚未支付，无需退款。');
    const open = refundableLines(order, now);
    const wanted = input.lines ?? open.map((l) => ({ productId: l.productId, qty: l.qty }));
    const take = new Map<string, number>();
    for (const w of wanted) {
      const avail = open.find((l) => l.productId === w.productId);
      const already = take.get(w.productId) ?? 0;
      if (!avail || avail.qty < already + w.qty) return fail('REFUND_NOT_ALLOWED', '所选商品已超过退款期限或已退款，如有疑问请联系客服。');
      take.set(w.productId, already + w.qty);
    }
    const lines = order.lines.map((l) => ({ ...l, refundedQty: l.refundedQty + (take.get(l.productId) ?? 0) }));
    // A coupon's share is spread over a line's units (refundForUnits), so the parts of a line add up to what was paid for it.
    const refundLines = [...take].map(([productId, qty]) => {
      const line = order.lines.find((l) => l.productId === productId)!;
      return { productId, qty, amountFen: refundForUnits(line, line.refundedQty, qty) };
    });
    const amountFen = refundLines.reduce((s, l) => s + l.amountFen, 0);
    if (amountFen <= 0) return fail('REFUND_NOT_ALLOWED', '没有可退款的商品（已退款或已超过退款期限）。');

    const refundedFen = order.refundedFen + amountFen;
    const moved = transitionOrder(order, refundedState(refundedFen, order.totalFen), now);
    if (!moved.ok) return moved;
    const back = await moneyBack(tx, order, amountFen, refundId, now, `退款：${order.title}`, settings.namedBalanceCapFen);
    faultPoint('refund.after-money');
    const reversal = qualifyingReversal(order.qualifyingFen, order.qualifyingReversedFen, order.totalFen, order.refundedFen, amountFen);
    const updated: OrderDoc = { ...back.order, ...moved.data, lines, refundedFen, qualifyingReversedFen: order.qualifyingReversedFen + reversal, version: order.version + 1 };
    // Everything refunded before it was shipped: take it off the operator's 待发货 list.
    if (updated.status === 'refunded' && updated.fulfilment?.state === 'pending') updated.fulfilment = { state: 'cancelled', at: now };
    await txReplace(tx, COLL.orders, updated);
    const refundedTrials = refundLines.filter((l) => order.lines.find((x) => x.productId === l.productId)!.kind === 'trial').map((l) => l.productId);
    await releaseTrials(tx, order, refundedTrials, 'refunded', now, !settings.trialRefundRestoresEligibility);
    if (updated.status === 'refunded') await settleCouponOnRefund(tx, order, settings.couponOnRefund, now);
    // Balance money is back already (no parts: succeeded now); WeChat parts wait for WeChat's result.
    const refund = await openRefund(
      tx,
      { _id: refundId, openid: order.openid, kind: 'order', orderId: order._id, lines: refundLines, amountFen, parts: back.parts, toBalanceFen: back.toBalanceFen, requestId: input.requestId, createdAt: now },
      now,
      {
        type: 'order.refunded',
        unionid: order.unionid,
        amounts: back.amounts,
        qualifyingDeltaFen: -reversal,
        productKinds: [...new Set(refundLines.map((l) => order.lines.find((x) => x.productId === l.productId)!.kind))],
        lines: refundedLines(order, refundLines),
        // Facts the profile needs whichever of the payment or this refund it applies first.
        data: { fullRefund: updated.status === 'refunded', orderPaidAt: order.paidAt ?? order.createdAt, orderQualifying: order.lines.some((l) => l.kind === 'regular') },
      },
      () => faultPoint('refund.before-event'),
    );
    return ok(refund);
  });
}
