import { allocateSpend, applyDraws, type Allocation, type Lot, type LotDraw, type SpendRule } from '../ledger/lots';
import type { EntryType } from '../ledger/entries';
import { walletIdOf, type EntryDoc, type WalletDoc, type WalletHold } from '../documents';

/** Wallet document transitions. Pure: each returns a new wallet; the caller writes it in a tx. */
export const emptyWallet = (openid: string, now: number): WalletDoc => ({
  _id: walletIdOf(openid),
  openid,
  principalFen: 0,
  bonusFen: 0,
  lots: [],
  version: 0,
  updatedAt: now,
});

const bump = (w: WalletDoc, lots: Lot[], now: number): WalletDoc => ({
  ...w,
  lots,
  principalFen: lots.reduce((s, l) => s + l.principalLeftFen, 0),
  bonusFen: lots.reduce((s, l) => s + l.bonusLeftFen, 0),
  version: w.version + 1,
  updatedAt: now,
});

export function creditLot(w: WalletDoc, lotId: string, principalFen: number, bonusFen: number, now: number): WalletDoc {
  if (w.lots.some((l) => l.lotId === lotId)) throw new Error(`lot ${lotId} already credited`);
  const lot: Lot = { lotId, createdAt: now, principalFen, bonusFen, principalLeftFen: principalFen, bonusLeftFen: bonusFen };
  // Used-up lots stay on the document: a refund of an old balance payment puts money back into
  // exactly the lots it came from. (A lot is ~100 bytes; a customer tops up a few times a year.)
  return bump(w, [...w.lots, lot], now);
}

/**
 * The lots as far as they can still be spent: what unpaid 组合支付 orders reserved (`holds`) is taken
 * off each lot. Their money stays in the lots (and in Σ entries) until the WeChat part is paid.
 */
export function freeLots(w: WalletDoc): Lot[] {
  if (!w.holds?.length) return w.lots;
  return applyDraws(w.lots, w.holds.flatMap((h) => h.draws), -1);
}

/** Balance that can be spent now (Σ lots − Σ holds). */
export const freeBalanceFen = (w: WalletDoc | null): number => (w ? freeLots(w).reduce((s, l) => s + l.principalLeftFen + l.bonusLeftFen, 0) : 0);

/** Σ reserved by unpaid 组合支付 orders. */
export const heldFen = (w: WalletDoc | null): number => (w?.holds ?? []).reduce((s, h) => s + h.amountFen, 0);

/** Spends from what is not reserved (freeLots), per the spend rule. */
export function debit(w: WalletDoc, amountFen: number, rule: SpendRule, now: number): { wallet: WalletDoc; allocation: Allocation } | null {
  const allocation = allocateSpend(freeLots(w), amountFen, rule);
  if (!allocation) return null;
  return { wallet: bump(w, applyDraws(w.lots, allocation.draws, -1), now), allocation };
}

/**
 * Reserves `amountFen` of what is free for an unpaid 组合支付 order (the draws it will take are
 * decided now, per the spend rule, so the checkout's principal/bonus figures are what is drawn).
 * Null when not enough is free. The lots and the balance do not change.
 */
export function reserve(w: WalletDoc, orderId: string, amountFen: number, rule: SpendRule, now: number): { wallet: WalletDoc; allocation: Allocation } | null {
  if (w.holds?.some((h) => h.orderId === orderId)) throw new Error(`order ${orderId} already holds balance`);
  const allocation = allocateSpend(freeLots(w), amountFen, rule);
  if (!allocation) return null;
  const hold: WalletHold = { orderId, amountFen, draws: allocation.draws, at: now };
  return { wallet: { ...w, holds: [...(w.holds ?? []), hold], version: w.version + 1, updatedAt: now }, allocation };
}

/** Gives a reservation back (the order was cancelled or expired unpaid). Unchanged when it holds none. */
export function unreserve(w: WalletDoc, orderId: string, now: number): WalletDoc {
  if (!w.holds?.some((h) => h.orderId === orderId)) return w;
  return { ...w, holds: w.holds.filter((h) => h.orderId !== orderId), version: w.version + 1, updatedAt: now };
}

/** The WeChat part was paid: the reservation's draws leave the lots. Null when the order holds nothing. */
export function drawReserved(w: WalletDoc, orderId: string, now: number): { wallet: WalletDoc; hold: WalletHold } | null {
  const hold = w.holds?.find((h) => h.orderId === orderId);
  if (!hold) return null;
  const released = { ...w, holds: w.holds!.filter((h) => h.orderId !== orderId) };
  return { wallet: bump(released, applyDraws(w.lots, hold.draws, -1), now), hold };
}

/** Puts refunded draws back into the lots they were taken from. */
export function returnDraws(w: WalletDoc, draws: LotDraw[], now: number): WalletDoc {
  return bump(w, applyDraws(w.lots, draws, 1), now);
}

/** Takes `draws` out of the lots (principal paid out, or bonus forfeited). */
export function takeDraws(w: WalletDoc, draws: LotDraw[], now: number): WalletDoc {
  return bump(w, applyDraws(w.lots, draws, -1), now);
}

export function withdrawAll(w: WalletDoc, now: number): { wallet: WalletDoc; principalFen: number; bonusFen: number; perLot: Array<{ lotId: string; principalFen: number; bonusFen: number }> } {
  const perLot = w.lots
    .filter((l) => l.principalLeftFen + l.bonusLeftFen > 0)
    .map((l) => ({ lotId: l.lotId, principalFen: l.principalLeftFen, bonusFen: l.bonusLeftFen }));
  const zeroed = w.lots.map((l) => ({ ...l, principalLeftFen: 0, bonusLeftFen: 0 }));
  return {
    wallet: bump(w, zeroed, now),
    principalFen: perLot.reduce((s, x) => s + x.principalFen, 0),
    bonusFen: perLot.reduce((s, x) => s + x.bonusFen, 0),
    perLot,
  };
}

export function entry(
  w: WalletDoc,
  id: string,
  type: EntryType,
  principalDeltaFen: number,
  bonusDeltaFen: number,
  draws: LotDraw[],
  memo: string,
  now: number,
  refs: { orderId?: string; refundId?: string } = {},
): EntryDoc {
  return {
    _id: id,
    walletId: w._id,
    openid: w.openid,
    type,
    principalDeltaFen,
    bonusDeltaFen,
    draws,
    balanceAfterFen: w.principalFen + w.bonusFen,
    memo,
    at: now,
    ...refs,
  };
}
