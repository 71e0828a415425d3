import { allocateSpend, applyDraws, type Allocation, type Lot, type LotDraw, type SpendRule } from '../../shared/ledger/lots';
import type { EntryType } from '../../shared/ledger/entries';
import { walletIdOf, type EntryDoc, type WalletDoc } from './docs';

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

export function debit(w: WalletDoc, amountFen: number, rule: SpendRule, now: number): { wallet: WalletDoc; allocation: Allocation } | null {
  const allocation = allocateSpend(w.lots, amountFen, rule);
  if (!allocation) return null;
  return { wallet: bump(w, applyDraws(w.lots, allocation.draws, -1), now), allocation };
}

/** Puts refunded draws back into the lots they were taken from. */
export function returnDraws(w: WalletDoc, draws: LotDraw[], now: number): WalletDoc {
  return bump(w, applyDraws(w.lots, draws, 1), now);
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
