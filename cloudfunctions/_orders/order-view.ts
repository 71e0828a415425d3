import { fulfilmentView } from '../../shared/orders/fulfilment';
import type { OrderView } from '../../shared/orders/order-view';
import { ORDER_STATE_LABELS } from '../../shared/orders/states';
import type { OrderDoc, RefundDoc } from '../../shared/documents';
import { refundableLines } from '../../shared/orders/refund-window';

export function toOrderView(o: OrderDoc, refunds: RefundDoc[], now: number): OrderView {
  const refundable = refundableLines(o, now);
  const refundableFen = refundable.reduce((s, l) => s + l.amountFen, 0);
  return {
    orderId: o._id,
    kind: o.kind,
    status: o.status,
    statusLabel: statusLabel(o, refunds),
    title: o.title,
    lines: o.lines.map((l) => ({ productId: l.productId, name: l.name, kind: l.kind, qty: l.qty, unitFen: l.unitFen, listUnitFen: l.listUnitFen, memberPriceApplied: l.memberPriceApplied, lineTotalFen: l.lineTotalFen, refundedQty: l.refundedQty, ...(l.couponDiscountFen ? { couponDiscountFen: l.couponDiscountFen } : {}) })),
    totalFen: o.totalFen,
    payWith: o.payWith,
    createdAt: o.createdAt,
    ...(o.paidAt ? { paidAt: o.paidAt } : {}),
    payDeadline: o.expiresAt,
    refundedFen: o.refundedFen,
    canRefund: refundableFen > 0,
    refundableFen,
    ...(o.balance ? { balancePaid: { principalFen: o.balance.principalFen, bonusFen: o.balance.bonusFen } } : {}),
    ...(o.combined ? { combined: { balanceFen: o.combined.balanceFen, principalFen: o.combined.principalFen, bonusFen: o.combined.bonusFen, cashFen: o.combined.cashFen } } : {}),
    ...(o.membership ? { membership: { planName: o.membership.planName, ...(o.membership.expiresAt ? { expiresAt: o.membership.expiresAt } : {}) } } : {}),
    ...(o.topUp ? { topUp: { principalFen: o.topUp.principalFen, bonusFen: o.topUp.bonusFen } } : {}),
    refunds: refunds.map((r) => ({ refundId: r._id, amountFen: r.amountFen, status: r.status, createdAt: r.createdAt })),
    ...(o.fulfilment ? { fulfilment: fulfilmentView(o.fulfilment, o.delivery?.method) } : {}),
    ...(o.delivery ? { delivery: o.delivery } : {}),
    ...(o.coupon ? { coupon: { couponId: o.coupon.couponId, name: o.coupon.name, discountFen: o.coupon.discountFen } } : {}),
  };
}

/**
 * The headline the customer reads. A refunded order whose money WeChat has not paid out yet (or
 * failed to) says 退款处理中, never 已退款: accepted is not done (refund-lifecycle.ts).
 */
function statusLabel(o: OrderDoc, refunds: RefundDoc[]): string {
  if (o.status === 'created' && o.payment?.lateRefundId) return '已关闭（款项退回中）';
  if (o.status === 'cancelled' && o.cancelReason === 'hold-limit') return '已关闭（超出待支付上限）';
  if (o.status === 'refunded' && refunds.some((r) => r.status !== 'succeeded')) return '退款处理中';
  return ORDER_STATE_LABELS[o.status];
}


export { fulfilmentView };
export type { OrderView };
