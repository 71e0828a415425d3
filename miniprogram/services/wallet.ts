import type { walletApi, TopUpOffer, TopUpOfferChanged } from '@shared/api/wallet';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `wallet` function (shared/api/wallet.ts). */
export type { CardTerms, EntryType, LedgerEntry, TopUpOffer, TopUpOfferChanged, WalletBalance, WalletRefundQuote } from '@shared/api/wallet';

type Api = typeof walletApi;

/** Exactly one of planId / amountFen. */
export type TopUpChoice = { planId: string } | { amountFen: number };

/** The current offer a TOPUP_OFFER_CHANGED refusal carries, if its details have that shape. */
export function changedOffer(details: unknown): TopUpOfferChanged['offer'] | undefined {
  const o = (details as Partial<TopUpOfferChanged> | undefined)?.offer;
  return o && Number.isSafeInteger(o.principalFen) && Number.isSafeInteger(o.bonusFen) ? o : undefined;
}

export interface WalletService {
  balance(): Out<Api, 'balance'>;
  terms(): Out<Api, 'terms'>;
  entries(cursor?: number): Out<Api, 'entries'>;
  /**
   * `shown`: the amounts on the customer's screen when they confirmed (the server refuses them with
   * TOPUP_OFFER_CHANGED if the offer changed meanwhile). `acceptTerms`: the customer ticked the card
   * terms for this top-up (required until the current version is accepted).
   */
  topUp(choice: TopUpChoice, shown: TopUpOffer, acceptTerms: boolean, requestId: string): Out<Api, 'topUp'>;
  refundQuote(): Out<Api, 'refundQuote'>;
  refund(requestId: string): Out<Api, 'refund'>;
}

export const createWalletService = (call: CallFunction): WalletService => {
  const wallet = callerOf<Api>(call, 'wallet');
  return {
    balance: () => wallet('balance'),
    terms: () => wallet('terms'),
    entries: (cursor) => wallet('entries', { cursor }),
    // The flag is sent only when the customer ticked it: acceptance is the customer's act, never a default.
    topUp: (choice, shown, acceptTerms, requestId) =>
      wallet('topUp', {
        ...('planId' in choice ? { planId: choice.planId } : { amountFen: choice.amountFen }),
        expected: { principalFen: shown.principalFen, bonusFen: shown.bonusFen },
        ...(acceptTerms ? { acceptTerms: true } : {}),
        requestId,
      }),
    refundQuote: () => wallet('refundQuote'),
    refund: (requestId) => wallet('refund', { requestId }),
  };
};
