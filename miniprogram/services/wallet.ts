import type { Envelope } from '@shared/errors/envelope';
import type { CallFunction } from './cloud';
import type { Cursor, PlacedOrder, RefundResult } from './order';

/** Typed calls to the `wallet` function (API.md). */
export interface WalletBalance {
  principalFen: number;
  bonusFen: number;
  totalFen: number;
  capFen?: number;
  /** Part of the balance reserved by unpaid 组合支付 orders (not spendable until they are paid or closed). */
  heldFen?: number;
}

export interface CardTerms {
  version: string;
  text: string;
  /** The version this customer accepted; absent before the first top-up. */
  acceptedVersion?: string;
}

export type EntryType = 'topup' | 'spend' | 'spend-refund' | 'withdraw' | 'bonus-forfeit' | 'adjust' | 'topup-reversal';

export interface LedgerEntry {
  _id: string;
  type: EntryType | (string & {});
  principalDeltaFen: number;
  bonusDeltaFen: number;
  balanceAfterFen: number;
  memo: string;
  at: number;
  orderId?: string;
}

export interface WalletRefundQuote {
  refundableFen: number;
  forfeitBonusFen: number;
}

/** Exactly one of planId / amountFen. */
export type TopUpChoice = { planId: string } | { amountFen: number };

export interface WalletService {
  balance(): Promise<Envelope<WalletBalance>>;
  terms(): Promise<Envelope<CardTerms>>;
  entries(cursor?: Cursor): Promise<Envelope<{ entries: LedgerEntry[]; nextCursor?: Cursor }>>;
  /** `acceptTerms`: the customer ticked the card terms for this top-up (required until the current version is accepted). */
  topUp(choice: TopUpChoice, acceptTerms: boolean, requestId: string): Promise<Envelope<PlacedOrder>>;
  refundQuote(): Promise<Envelope<WalletRefundQuote>>;
  refund(requestId: string): Promise<Envelope<RefundResult>>;
}

export const createWalletService = (call: CallFunction): WalletService => ({
  balance: () => call<WalletBalance>('wallet', { action: 'balance' }),
  terms: () => call<CardTerms>('wallet', { action: 'terms' }),
  entries: (cursor) => call('wallet', cursor === undefined ? { action: 'entries' } : { action: 'entries', cursor }),
  // The flag is sent only when the customer ticked it: acceptance is the customer's act, never a default.
  topUp: (choice, acceptTerms, requestId) =>
    call<PlacedOrder>('wallet', {
      action: 'topUp',
      ...('planId' in choice ? { planId: choice.planId } : { amountFen: choice.amountFen }),
      ...(acceptTerms ? { acceptTerms: true } : {}),
      requestId,
    }),
  refundQuote: () => call<WalletRefundQuote>('wallet', { action: 'refundQuote' }),
  refund: (requestId) => call<RefundResult>('wallet', { action: 'refund', requestId }),
});
