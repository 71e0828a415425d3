/**
 * Trial products (PRODUCT.md): one per customer — per unionid when the platform gives one, else per
 * openid — enforced with ONE reservation document per (customer, trial product), written in the
 * same transaction as the order. Pure rules here; the document id is derived in the functions.
 */
export type ReservationStatus = 'reserved' | 'used' | 'released';

export interface TrialReservation {
  _id: string;
  customerKey: string;
  openid: string;
  productId: string;
  fullProductId: string;
  /** The order holding (or that used) the trial. */
  orderId: string;
  status: ReservationStatus;
  reservedAt: number;
  /** An unpaid reservation lapses with its order's payment window. */
  expiresAt: number;
  usedAt?: number;
  releasedAt?: number;
  releaseReason?: 'cancelled' | 'expired' | 'refunded';
  refundedAt?: number;
  version: number;
}

export const customerKeyOf = (c: { openid: string; unionid?: string }): string => (c.unionid ? `u:${c.unionid}` : `o:${c.openid}`);

export type TrialDecision =
  | { eligible: true }
  | { eligible: false; reason: 'used' | 'pending'; orderId: string };

/**
 * Whether a new order may take this trial. An unpaid reservation whose payment window has passed
 * no longer holds it, even before the sweep closes its order (that order can then no longer use
 * the trial: its late payment is refunded).
 */
export function trialDecision(r: Pick<TrialReservation, 'status' | 'expiresAt' | 'orderId'> | null, now: number): TrialDecision {
  if (!r || r.status === 'released') return { eligible: true };
  if (r.status === 'used') return { eligible: false, reason: 'used', orderId: r.orderId };
  if (r.expiresAt <= now) return { eligible: true };
  return { eligible: false, reason: 'pending', orderId: r.orderId };
}

/** Whether paying `orderId` may use the trial now: its own reservation, still held. */
export const reservationHeldBy = (r: Pick<TrialReservation, 'status' | 'orderId'> | null, orderId: string): boolean =>
  !!r && r.orderId === orderId && (r.status === 'reserved' || r.status === 'used');
