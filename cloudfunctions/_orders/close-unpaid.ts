import type { Tx } from '../_kit/transaction';
import { releaseCoupon } from '../_coupons/use';
import { walletIdOf, type CancelReason, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { releaseHold } from './order-holds';
import { scheduleClose } from '../_payments/payment-closes';
import { releaseStock } from './stock';
import { releaseTrials, trialProductIds } from './trial-reservations';
import { txGet, txReplace } from '../_kit/tx';
import { unreserve } from '../../shared/wallet/model';
import { COLL } from '../_kit/collections';

/**
 * Closes an unpaid order inside the caller's transaction — order.cancel, the payment window
 * (scheduler sweep), or the sweep releasing holds over the limits — and gives back everything it
 * held: trials, coupon, stock, its hold entry, and a 组合支付 order's balance reservation (nothing
 * was drawn, so nothing returns to the lots). WeChat must close the payment too: queued in the same
 * transaction (payment-closes.ts). `cur` is the order as read in this transaction, still `created`.
 */
export async function closeUnpaid(tx: Tx, cur: OrderDoc, reason: CancelReason, now: number): Promise<OrderDoc> {
  const closed: OrderDoc = { ...cur, status: 'cancelled', cancelledAt: now, cancelReason: reason, ...(cur.payment ? { payment: { ...cur.payment, state: 'closed' as const } } : {}), updatedAt: now, version: cur.version + 1 };
  await txReplace(tx, COLL.orders, closed);
  await scheduleClose(tx, cur, reason, now);
  await releaseTrials(tx, closed, trialProductIds(closed), reason === 'expired' ? 'expired' : 'cancelled', now);
  await releaseCoupon(tx, closed, now);
  await releaseStock(tx, closed);
  await releaseHold(tx, closed, now);
  await releaseBalanceReservation(tx, closed, now);
  return closed;
}

/** A 组合支付 order's reserved balance goes back to spendable (the lots never changed). */
export async function releaseBalanceReservation(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  if (order.payWith !== 'combined') return;
  const w = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
  if (!w) return;
  const next = unreserve(w, order._id, now);
  if (next !== w) await txReplace(tx, COLL.wallets, next);
}
