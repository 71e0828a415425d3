import type { LotDraw } from './lots';

/**
 * Ledger entries are append-only (PRODUCT.md): a correction is a new reversing entry, never an
 * edit. The wallet's cached balance must always equal the sum of its entries.
 */
export const ENTRY_TYPES = ['topup', 'spend', 'spend-refund', 'withdraw', 'bonus-forfeit', 'adjust', 'topup-reversal'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export interface LedgerEntry {
  _id: string;
  walletId: string;
  type: EntryType;
  /** Signed: credits positive, debits negative. */
  principalDeltaFen: number;
  bonusDeltaFen: number;
  draws: LotDraw[];
  orderId?: string;
  refundId?: string;
  at: number;
}

export interface Balance {
  principalFen: number;
  bonusFen: number;
  totalFen: number;
}

export function balanceFromEntries(entries: ReadonlyArray<Pick<LedgerEntry, 'principalDeltaFen' | 'bonusDeltaFen'>>): Balance {
  let principalFen = 0;
  let bonusFen = 0;
  for (const e of entries) {
    principalFen += e.principalDeltaFen;
    bonusFen += e.bonusDeltaFen;
  }
  return { principalFen, bonusFen, totalFen: principalFen + bonusFen };
}

/** Whether a top-up of principal+bonus keeps the named balance within the cap (单用途商业预付卡). */
export function topUpWithinCap(current: Balance, principalFen: number, bonusFen: number, capFen: number): boolean {
  return current.totalFen + principalFen + bonusFen <= capFen;
}
