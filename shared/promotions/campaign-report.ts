import { keptProfitFen } from '../reports/profit';

/**
 * A campaign's report from its counters (pure): who was reached, what the contact policy held back,
 * coupons, and conversions of the treated group against the holdout (lift), with revenue and
 * PROFIT (seed 004: profit, not GMV). Rates are per customer of each group; "incremental" scales the
 * holdout's result to the treated group's size.
 *
 * Profit has one definition, the profit report's (shared/reports/profit.ts): money kept for the
 * goods (cash + stored-value principal, net of refunds) − their full cost. Revenue here is what the
 * orders cost the customer, already after the coupon; so profit = revenue − bonus spent − product
 * cost, and the coupon is NOT deducted again (couponCostFen is what the coupons gave away, for
 * information).
 */
export interface CampaignCounts {
  audience: number;
  holdout: number;
  treated: number;
  sent: number;
  capped: number;
  offerTooDeep: number;
  noGrant: number;
  noTemplate: number;
  refused: number;
  failed: number;
  unknown: number;
  couponsIssued: number;
  couponsRefused: number;
  couponsUsed: number;
  /** Treated customers whose stage takes no offer this deep, given the content message instead. */
  contentOnly: number;
  convertedTreated: number;
  convertedHoldout: number;
  ordersTreated: number;
  ordersHoldout: number;
  revenueTreatedFen: number;
  revenueHoldoutFen: number;
  cogsTreatedFen: number;
  cogsHoldoutFen: number;
  /** Bonus (充X送Y's 送) the group paid with, net of bonus put back by refunds. */
  bonusTreatedFen: number;
  bonusHoldoutFen: number;
  /** Discount of the campaign's coupons on orders (already out of revenue). */
  couponCostFen: number;
  optOuts: number;
}

export interface CampaignResults {
  /** Share of each group that bought, in basis points (1 % = 100). */
  conversionTreatedBp: number;
  conversionHoldoutBp: number;
  /** Treated minus holdout conversion, in basis points; null without a holdout to compare with. */
  liftBp: number | null;
  /** Profit of each group: revenue (after coupons) − bonus spent − product cost. */
  profitTreatedFen: number;
  profitHoldoutFen: number;
  /** What the campaign added over doing nothing (holdout scaled to the treated size); null without holdout. */
  incrementalRevenueFen: number | null;
  incrementalProfitFen: number | null;
}

const bp = (part: number, whole: number) => (whole > 0 ? Math.round((part * 10_000) / whole) : 0);

export function campaignResults(c: CampaignCounts): CampaignResults {
  const conversionTreatedBp = bp(c.convertedTreated, c.treated);
  const conversionHoldoutBp = bp(c.convertedHoldout, c.holdout);
  const profitTreatedFen = keptProfitFen(c.revenueTreatedFen, c.bonusTreatedFen, c.cogsTreatedFen);
  const profitHoldoutFen = keptProfitFen(c.revenueHoldoutFen, c.bonusHoldoutFen, c.cogsHoldoutFen);
  const hasHoldout = c.holdout > 0;
  const scale = (fen: number) => Math.round((fen * c.treated) / c.holdout);
  return {
    conversionTreatedBp,
    conversionHoldoutBp,
    liftBp: hasHoldout ? conversionTreatedBp - conversionHoldoutBp : null,
    profitTreatedFen,
    profitHoldoutFen,
    incrementalRevenueFen: hasHoldout ? c.revenueTreatedFen - scale(c.revenueHoldoutFen) : null,
    incrementalProfitFen: hasHoldout ? profitTreatedFen - scale(profitHoldoutFen) : null,
  };
}
