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

/** What a top-up credits: the amounts the customer is shown and confirms, and what the server answers. */
export interface TopUpOffer {
  principalFen: number;
  bonusFen: number;
}

/** `details` of TOPUP_OFFER_CHANGED: the offer a new confirmation gets now (planId for a plan). */
export interface TopUpOfferChanged {
  offer: TopUpOffer & { planId?: string };
}

/** The current offer a TOPUP_OFFER_CHANGED refusal carries, if its details have that shape. */
export function changedOffer(details: unknown): TopUpOfferChanged['offer'] | undefined {
  const o = (details as Partial<TopUpOfferChanged> | undefined)?.offer;
  return o && Number.isSafeInteger(o.principalFen) && Number.isSafeInteger(o.bonusFen) ? o : undefined;
}

export interface WalletService {
  balance(): Promise<Envelope<WalletBalance>>;
  terms(): Promise<Envelope<CardTerms>>;
  entries(cursor?: Cursor): Promise<Envelope<{ entries: LedgerEntry[]; nextCursor?: Cursor }>>;
  /**
   * `shown`: the amounts on the customer's screen when they confirmed (the server refuses them with
   * TOPUP_OFFER_CHANGED if the offer changed meanwhile). `acceptTerms`: the customer ticked the card
   * terms for this top-up (required until the current version is accepted).
   */
  topUp(choice: TopUpChoice, shown: TopUpOffer, acceptTerms: boolean, requestId: string): Promise<Envelope<PlacedOrder>>;
  refundQuote(): Promise<Envelope<WalletRefundQuote>>;
  refund(requestId: string): Promise<Envelope<RefundResult>>;
}

export const createWalletService = (call: CallFunction): WalletService => ({
  balance: () => call<WalletBalance>('wallet', { action: 'balance' }),
  terms: () => call<CardTerms>('wallet', { action: 'terms' }),
  entries: (cursor) => call('wallet', cursor === undefined ? { action: 'entries' } : { action: 'entries', cursor }),
  // The flag is sent only when the customer ticked it: acceptance is the customer's act, never a default.
  topUp: (choice, shown, acceptTerms, requestId) =>
    call<PlacedOrder>('wallet', {
      action: 'topUp',
      ...('planId' in choice ? { planId: choice.planId } : { amountFen: choice.amountFen }),
      expected: { principalFen: shown.principalFen, bonusFen: shown.bonusFen },
      ...(acceptTerms ? { acceptTerms: true } : {}),
      requestId,
    }),
  refundQuote: () => call<WalletRefundQuote>('wallet', { action: 'refundQuote' }),
  refund: (requestId) => call<RefundResult>('wallet', { action: 'refund', requestId }),
});
