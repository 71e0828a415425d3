import { z } from 'zod';
import { ENTRY_TYPES, type EntryType } from '../ledger/entries';
import type { Lot, LotDraw } from '../ledger/lots';
import { epochMs, fen, int, lotDrawSchema, lotSchema } from './fields';

/** Stored-value wallet per customer (`wallets`, _id wal_<openid>): cached balance + lots, version-bumped. */
export const walletIdOf = (openid: string) => `wal_${openid}`;

/** Stored value reserved by an unpaid 组合支付 order: these draws are not spendable until released or drawn. */
export interface WalletHold {
  orderId: string;
  amountFen: number;
  draws: LotDraw[];
  at: number;
}

export interface WalletDoc {
  _id: string;
  openid: string;
  principalFen: number;
  bonusFen: number;
  lots: Lot[];
  /** Reservations of unpaid 组合支付 orders (the balance stays in the lots and in Σ entries until drawn). */
  holds?: WalletHold[];
  termsVersion?: string;
  termsAcceptedAt?: number;
  version: number;
  updatedAt: number;
}

/** An append-only ledger entry (`wallet_entries`); Σ entries = wallet balance. */
export interface EntryDoc {
  _id: string;
  walletId: string;
  openid: string;
  type: EntryType;
  principalDeltaFen: number;
  bonusDeltaFen: number;
  draws: LotDraw[];
  /** Wallet balance right after this entry (for display; the sum of entries is authoritative). */
  balanceAfterFen: number;
  orderId?: string;
  refundId?: string;
  memo: string;
  at: number;
}

const walletHoldSchema = z.looseObject({ orderId: z.string(), amountFen: fen, draws: z.array(lotDrawSchema), at: epochMs });

export const walletDocSchema: z.ZodType<WalletDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  principalFen: fen,
  bonusFen: fen,
  lots: z.array(lotSchema),
  holds: z.array(walletHoldSchema).optional(),
  termsVersion: z.string().optional(),
  termsAcceptedAt: epochMs.optional(),
  version: int,
  updatedAt: epochMs,
});

export const entryDocSchema: z.ZodType<EntryDoc> = z.looseObject({
  _id: z.string(),
  walletId: z.string(),
  openid: z.string(),
  type: z.enum(ENTRY_TYPES),
  principalDeltaFen: int,
  bonusDeltaFen: int,
  draws: z.array(lotDrawSchema),
  balanceAfterFen: fen,
  orderId: z.string().optional(),
  refundId: z.string().optional(),
  memo: z.string(),
  at: epochMs,
});
