import { fail, ok, type Result } from '../../shared/errors/result';
import { customerKeyOf, reservationHeldBy, trialDecision, type TrialReservation } from '../../shared/trials/eligibility';
import { idFromKey } from '../_kit/ids';
import type { Tx } from '../_kit/transaction';
import { type OrderDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { markedCount, trialMarkerCustomers } from '../_deletion/markers';
import { COLL } from '../_kit/collections';

/** One reservation document per (customer, trial product): its id IS the uniqueness rule. */
export const reservationIdFor = (customerKey: string, productId: string) => idFromKey('trl', customerKey, productId);

const trialLines = (order: OrderDoc) => order.lines.filter((l) => l.kind === 'trial');
const idOf = (order: OrderDoc, productId: string) => reservationIdFor(customerKeyOf(order), productId);

/**
 * Takes the order's trial products for this customer inside the order's own transaction. Two
 * concurrent orders for one trial both write the same reservation id: the second conflicts,
 * retries, reads the first one's reservation and is refused — exactly one wins. A balance-paid
 * order is paid in the same transaction, so its reservation is `used` at once.
 */
export async function reserveTrials(tx: Tx, order: OrderDoc, now: number): Promise<Result<void>> {
  for (const line of trialLines(order)) {
    const id = idOf(order, line.productId);
    const cur = await txGet<TrialReservation>(tx, COLL.trial_reservations, id);
    let decision = trialDecision(cur, now);
    // A customer who deleted their account after using the trial is still the same customer (issue 15 #6).
    if (decision.eligible && (await usedBeforeDeletion(tx, order, line.productId))) decision = { eligible: false, reason: 'used', orderId: '' };
    if (!decision.eligible) {
      return fail(
        'TRIAL_ALREADY_USED',
        decision.reason === 'used'
          ? `体验装「${line.name}」每人限购一次，您已购买过，可直接购买正装。`
          : `您已有一笔「${line.name}」的订单待支付，请到「我的订单」完成支付或取消后再下单。`,
      );
    }
    const paid = order.status === 'paid';
    const next: TrialReservation = {
      _id: id,
      customerKey: customerKeyOf(order),
      openid: order.openid,
      productId: line.productId,
      fullProductId: line.fullProductId ?? '',
      orderId: order._id,
      status: paid ? 'used' : 'reserved',
      reservedAt: now,
      expiresAt: order.expiresAt,
      ...(paid ? { usedAt: now } : {}),
      version: (cur?.version ?? 0) + 1,
    };
    await (cur ? txReplace(tx, COLL.trial_reservations, next) : txCreate(tx, COLL.trial_reservations, next));
  }
  return ok(undefined);
}

/** Whether a deleted account of this customer used the trial (limit markers: keyed hashes, no openid). */
async function usedBeforeDeletion(tx: Tx, order: OrderDoc, productId: string): Promise<boolean> {
  for (const key of trialMarkerCustomers({ customerKey: customerKeyOf(order), openid: order.openid })) if ((await markedCount(tx, 'trial', key, productId)) > 0) return true;
  return false;
}

/**
 * On payment: the order's reservations become `used`. False if one is no longer this order's
 * (its payment window passed and another order took the trial) — the payment is then refunded.
 */
export async function useTrials(tx: Tx, order: OrderDoc, now: number): Promise<boolean> {
  const updates: TrialReservation[] = [];
  for (const line of trialLines(order)) {
    const cur = await txGet<TrialReservation>(tx, COLL.trial_reservations, idOf(order, line.productId));
    if (!reservationHeldBy(cur, order._id)) return false;
    if (cur!.status === 'reserved') updates.push({ ...cur!, status: 'used', usedAt: now, version: cur!.version + 1 });
  }
  for (const u of updates) await txReplace(tx, COLL.trial_reservations, u);
  return true;
}

/**
 * Gives the trial back: an unpaid order cancelled or expired, or (if settings say a refund restores
 * eligibility) a refunded one. Only the order's own reservation is touched. With `keep`, a refund
 * is recorded on the reservation but the trial stays used.
 */
export async function releaseTrials(tx: Tx, order: OrderDoc, productIds: string[], reason: 'cancelled' | 'expired' | 'refunded', now: number, keep = false): Promise<void> {
  for (const productId of productIds) {
    const cur = await txGet<TrialReservation>(tx, COLL.trial_reservations, idOf(order, productId));
    if (!cur || cur.orderId !== order._id || cur.status === 'released') continue;
    const next: TrialReservation = keep
      ? { ...cur, refundedAt: now, version: cur.version + 1 }
      : { ...cur, status: 'released', releasedAt: now, releaseReason: reason, ...(reason === 'refunded' ? { refundedAt: now } : {}), version: cur.version + 1 };
    await txReplace(tx, COLL.trial_reservations, next);
  }
}

export const trialProductIds = (order: OrderDoc): string[] => trialLines(order).map((l) => l.productId);
