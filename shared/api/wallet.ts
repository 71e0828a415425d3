import { z } from 'zod';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';
import { action } from './contract';
import { cursorOnly, noInput, requestIdSchema, type Cursor } from './common';
import { wholeRefundAction, type PlacedOrder } from './order';

export interface WalletBalance {
  principalFen: number;
  bonusFen: number;
  totalFen: number;
  capFen?: number;
  /** Part of the balance reserved by unpaid 组合支付 orders (not spendable until they are paid or closed). */
  heldFen?: number;
  termsAcceptedVersion?: string;
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

/** What a top-up credits: the amounts the customer is shown and confirms, and what the server answers. */
export interface TopUpOffer {
  principalFen: number;
  bonusFen: number;
}

/** `details` of TOPUP_OFFER_CHANGED: the offer a new confirmation gets now (planId for a plan). */
export interface TopUpOfferChanged {
  offer: TopUpOffer & { planId?: string };
}

/** The `wallet` function (API.md): the stored-value card. */
export const walletApi = {
  terms: action<CardTerms>()({ summary: '储值卡协议：当前版本、正文与本人已同意的版本。', auth: 'customer', input: noInput }),
  topUp: action<PlacedOrder>()({
    summary: '充值：套餐（planId）或自定义金额（amountFen）二选一；expected 为顾客确认时看到的本金与赠送。',
    auth: 'customer',
    input: z
      .object({
        planId: z.string().min(1).max(40).optional(),
        amountFen: positiveFenSchema.optional(),
        // The amounts the customer was shown and confirmed (issue 15: stale offers are refused, not charged).
        expected: z.object({ principalFen: positiveFenSchema, bonusFen: nonNegativeFenSchema }).strict().optional(),
        acceptTerms: z.boolean().optional(),
        requestId: requestIdSchema,
      })
      .strict(),
    errors: ['TOPUP_CAP_EXCEEDED', 'TOPUP_OFFER_CHANGED', 'TERMS_NOT_ACCEPTED', 'UNPAID_ORDER_LIMIT', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  balance: action<WalletBalance>()({ summary: '余额：本金、赠送、合计，上限与被组合支付占用的部分。', auth: 'customer', input: noInput }),
  entries: action<{ entries: LedgerEntry[]; nextCursor?: Cursor }>()({ summary: '余额明细，最新在前。', auth: 'customer', input: cursorOnly }),
  refundQuote: action<WalletRefundQuote>()({ summary: '余额退款试算：可退本金与将作废的赠送。', auth: 'customer', input: noInput }),
  refund: wholeRefundAction('退余额：本金原路退回，赠送作废。'),
};
