import { fail, ok, type Result } from '../../shared/errors/result';
import { transitionOrder, transitionPayment } from '../../shared/orders/transitions';
import type { Tx } from '../_kit/transaction';
import { releaseCoupon } from '../_coupons/use';
import { walletIdOf, type CancelReason, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { releaseHold } from './order-holds';
import { scheduleClose } from './payment-closes';
import { releaseStock } from './stock';
import { releaseTrials, trialProductIds } from './trial-reservations';
import { txGet, txReplace } from '../_kit/tx';
import { unreserve } from '../../shared/wallet/model';
import { COLL } from '../_kit/collections';

/**
 * Closes an unpaid order inside the caller's transaction — the one way for order.cancel, the payment
 * window (scheduler sweep) and the sweep releasing holds over the limits — and gives back everything
 * it held: trials, coupon, stock, its hold entry, and a 组合支付 order's balance reservation (nothing
 * was drawn, so nothing returns to the lots). WeChat must close the payment too: queued in the same
 * transaction (payment-closes.ts). `cur` is the order as read in this transaction: anything but
 * `created` is refused by the order table (INVALID_STATE) and nothing is written.
 */
export async function closeUnpaid(tx: Tx, cur: OrderDoc, reason: CancelReason, now: number): Promise<Result<OrderDoc>> {
  const moved = transitionOrder(cur, 'cancelled', now);
  if (!moved.ok) return fail('INVALID_STATE', '订单已支付，不能取消；如需退款请申请退款。', moved.error.details);
  // A payment that already succeeded (it arrived after the window and is being refunded, lateRefundId)
  // stays succeeded: closing it would move it backwards, and a redelivered notification would then
  // not be recognised as already applied.
  const payment = cur.payment && cur.payment.state !== 'succeeded' ? transitionPayment(cur.payment, 'closed') : null;
  if (payment && !payment.ok) return payment;
  const closed: OrderDoc = { ...cur, ...moved.data, cancelledAt: now, cancelReason: reason, ...(payment ? { payment: payment.data } : {}), version: cur.version + 1 };
  await txReplace(tx, COLL.orders, closed);
  await scheduleClose(tx, cur, reason, now);
  await releaseTrials(tx, closed, trialProductIds(closed), reason === 'expired' ? 'expired' : 'cancelled', now);
  await releaseCoupon(tx, closed, now);
  await releaseStock(tx, closed);
  await releaseHold(tx, closed, now);
  await releaseBalanceReservation(tx, closed, now);
  return ok(closed);
}

/** A 组合支付 order's reserved balance goes back to spendable (the lots never changed). */
export async function releaseBalanceReservation(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  if (order.payWith !== 'combined') return;
  const w = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
  if (!w) return;
  const next = unreserve(w, order._id, now);
  if (next !== w) await txReplace(tx, COLL.wallets, next);
}
