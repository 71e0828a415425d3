import { z } from 'zod';
import { positiveFenSchema } from '../money/fen';

/**
 * Contact policy per lifecycle stage (PRODUCT.md "Promotions and contact policy", seed 001): how
 * many messages a customer in that stage may get per 7 days (sends beyond it are skipped and
 * counted, never sent) and which offers suit the stage. Read by campaigns
 * (shared/promotions/contact-policy.ts owns the offer list and the rule).
 */
/**
 * Option lists of the promotion settings. They live here, not in shared/promotions, because the
 * rules there read the settings: shared/settings depends on no folder that depends on it.
 * shared/promotions/pricing.ts re-exports COUPON_STACKINGS beside its labels.
 */
export const CONTACT_OFFERS = ['none', 'small', 'big', 'big-sale-only'] as const;
export const CONTACT_OFFER_LABELS: Record<(typeof CONTACT_OFFERS)[number], string> = {
  none: '只发内容，不发优惠',
  small: '小额优惠',
  big: '大额优惠',
  'big-sale-only': '仅大促',
};
export const COUPON_STACKINGS = ['member-price-or-coupon', 'both'] as const;
export const COUPON_STACKING_LABELS: Readonly<Record<(typeof COUPON_STACKINGS)[number], string>> = {
  'member-price-or-coupon': '二选一，自动选更省的',
  both: '可叠加（券在会员价上再减）',
};
export const COUPON_ON_REFUND = ['restore', 'void'] as const;
export const COUPON_ON_REFUND_LABELS: Readonly<Record<(typeof COUPON_ON_REFUND)[number], string>> = {
  restore: '退回给顾客（仍在有效期内时）',
  void: '作废',
};

/** A label table as the options of a choice field, in the table's order. */
export const optionsOf = <K extends string>(labels: Readonly<Record<K, string>>): Array<{ key: K; label: string }> =>
  (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

const stagePolicySchema = z.object({ maxPer7Days: z.number().int().min(0).max(14), offers: z.enum(CONTACT_OFFERS) }).strict();

const DEFAULT_CONTACT_POLICY = {
  active: { maxPer7Days: 2, offers: 'none' },
  silent: { maxPer7Days: 2, offers: 'small' },
  sleeping: { maxPer7Days: 1, offers: 'big' },
  churned: { maxPer7Days: 1, offers: 'big-sale-only' },
  prospect: { maxPer7Days: 2, offers: 'small' },
} as const;

/**
 * How deep an offer is (contact policy "small" vs "big"): a percent-off coupon is small up to
 * `smallMaxPercent`; an amount-off coupon is small up to `smallMaxAmountFen`, or when it is at most
 * `smallMaxPercent` of its minimum spend. Anything deeper is big.
 */
export const offerDepthSchema = z
  .object({
    smallMaxPercent: z.number().int().min(1).max(90).default(15),
    smallMaxAmountFen: positiveFenSchema.default(3_000),
  })
  .strict();

export const promotionSettings = {
  contactPolicy: z
    .object({
      active: stagePolicySchema,
      silent: stagePolicySchema,
      sleeping: stagePolicySchema,
      churned: stagePolicySchema,
      /** Customers with no standing qualifying purchase yet (new, engaged, trial buyers): no life stage. Older documents lack it. */
      prospect: stagePolicySchema.prefault(DEFAULT_CONTACT_POLICY.prospect),
    })
    .strict()
    .prefault(DEFAULT_CONTACT_POLICY),
  offerDepth: offerDepthSchema.prefault({}),
  /**
   * Coupons against member price (PRODUCT.md: explicit, configurable, never below a product's
   * floor): 'member-price-or-coupon' gives whichever is cheaper, never both; 'both' lets a
   * coupon stack on member price. The rule itself is shared/promotions/pricing.ts.
   */
  couponStacking: z.enum(COUPON_STACKINGS).default('member-price-or-coupon'),
  /** A fully refunded order's coupon: 'restore' gives it back (if still within its validity), 'void' spends it. */
  couponOnRefund: z.enum(COUPON_ON_REFUND).default('restore'),
};
