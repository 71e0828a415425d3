import { z } from 'zod';
import { CLAIMED_PACK_POLICIES, SAVINGS_POLICIES } from '../membership/refund';

/** Refund policy (PRODUCT.md "Refunds"): the window, what a membership refund deducts, when operators are told. */
export const refundSettings = {
  refundWindowDays: z.number().int().min(0).max(365).default(60),
  /**
   * Refunding a membership whose welcome pack was already claimed: 'deduct-value' refunds the fee
   * minus the pack's value (never below 0); 'deny' refuses the refund (shared/membership/refund.ts).
   */
  membershipRefundClaimedPack: z.enum(CLAIMED_PACK_POLICIES).default('deduct-value'),
  /**
   * Refunding a membership after buying at member prices (issue 15): 'deduct' refunds the fee minus
   * what the member prices saved on orders paid during that membership (net of refunded units; never
   * below 0); 'keep' refunds the fee as if no member price had been used.
   */
  membershipRefundSavings: z.enum(SAVINGS_POLICIES).default('deduct'),
  /**
   * A WeChat refund still unfinished this many hours after it was asked for is listed for operators
   * (运营后台 · 退款 「处理中过久」). WeChat: 零钱 in about 5 minutes, bank cards in 1–3 working days.
   */
  refundStuckHours: z.number().int().min(1).max(720).default(24),
};
