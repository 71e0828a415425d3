import { fail, ok, type Result } from '../errors/result';
import { ORDER_STATE_LABELS, ORDER_TRANSITIONS, PAYMENT_TRANSITIONS, REFUND_STATE_LABELS, REFUND_TRANSITIONS, type OrderState, type PaymentState, type RefundState } from './states';

/**
 * The state machines of shared/orders/states.ts as mechanism (Vendure's
 * `OrderStateMachine.transition()`): the only code that writes an order's `status`, a payment's
 * `state` or a refund's `status`. Pure: each returns the patch that makes the move — merged by the
 * caller into the document it writes in its transaction — or refuses with INVALID_STATE (a returned
 * value, DESIGN rule 4) when the table has no such move; a refusal changes nothing. Stamps such as
 * `paidAt` stay with the caller: they differ by path (a late payment is stamped on the payment only).
 */
export type StatusPatch<S extends string> = { status: S; updatedAt: number };

/** A move the table has no entry for, or a document in a state the table does not know (a bug upstream). */
export function tableMove<S extends string>(table: Readonly<Record<S, readonly S[]>>, what: string, from: S, to: S, labels?: Readonly<Record<S, string>>): Result<S> {
  const allowed = table[from];
  if (!allowed) return fail('INVALID_STATE', `${what}状态未知（${from}），请刷新后查看。`, { from, to });
  const name = (s: S) => labels?.[s] ?? s;
  if (!allowed.includes(to)) return fail('INVALID_STATE', `${what}当前为「${name(from)}」，不能变为「${name(to)}」，请刷新后查看。`, { from, to });
  return ok(to);
}

/** An order's status moves: created → paid | cancelled; paid → partially_refunded | refunded; … */
export function transitionOrder(doc: { status: OrderState }, to: OrderState, at: number): Result<StatusPatch<OrderState>> {
  const moved = tableMove(ORDER_TRANSITIONS, '订单', doc.status, to, ORDER_STATE_LABELS);
  return moved.ok ? ok({ status: moved.data, updatedAt: at }) : moved;
}

/**
 * An order's WeChat payment: pending → succeeded | closed. A closed payment can still succeed: the
 * close reaches WeChat after the customer paid (it waits 5 minutes, payment-closes.ts), and the
 * money that arrived is recorded as succeeded and refunded — never used to revive the order.
 */
export function transitionPayment<P extends { state: PaymentState }>(payment: P, to: PaymentState): Result<P & { state: PaymentState }> {
  const moved = tableMove(PAYMENT_TRANSITIONS, '支付', payment.state, to);
  return moved.ok ? ok({ ...payment, state: moved.data }) : moved;
}

/**
 * A refund document's status, as its parts make it (`refundStateOf`): staying in the same state is
 * no move (a part changed, the document did not), anything else follows the table.
 */
export function transitionRefund(doc: { status: RefundState }, to: RefundState, at: number): Result<StatusPatch<RefundState>> {
  if (doc.status === to) return ok({ status: to, updatedAt: at });
  const moved = tableMove(REFUND_TRANSITIONS, '退款', doc.status, to, REFUND_STATE_LABELS);
  return moved.ok ? ok({ status: moved.data, updatedAt: at }) : moved;
}

/** Where a refund of `refundedFen` out of `totalFen` leaves a paid order. */
export const refundedState = (refundedFen: number, totalFen: number): OrderState => (refundedFen >= totalFen ? 'refunded' : 'partially_refunded');

/** The state every new order starts in: waiting for its payment (a balance order is paid in the same transaction). */
export const NEW_ORDER_STATE: OrderState = 'created';

/** The state of a new WeChat payment: requested, not yet paid or closed. */
export const NEW_PAYMENT_STATE: PaymentState = 'pending';

/** The state every new refund starts in (its parts then move it, through transitionRefund). */
export const NEW_REFUND_STATE: RefundState = 'pending';
