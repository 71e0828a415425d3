import type { ReportCounters } from './rollup';

/**
 * Profit, defined once (README "经营报表" repeats it for operators):
 *
 *   GMV            = product sales + membership fees, at prices before coupons
 *                    (top-ups are NOT revenue: they are stored value the shop owes — see liability)
 * − refunds        = money given back for products and memberships (however it was paid)
 * − COGS           = product cost of what was sold, net of refunded units; a trial's cost only up
 *                    to its price
 * − trial losses   = what trials were sold below cost (the rest of their cost: never inside COGS)
 * − gift-pack cost = cost of welcome packs and tier gifts claimed
 * − bonus spent    = bonus (充X送Y's 送) used to pay, net of bonus refunds put back: the shop
 *                    collected no money for that part of GMV
 * − coupons        = coupon discounts (GMV counts the price before them)
 * = profit
 *
 * Equivalently (the property tests check it): profit = money actually kept for goods and fees
 * (cash + stored-value principal, net of refunds) − the full cost of goods and gifts.
 */
/**
 * Profit of a set of orders from what they were paid (after coupons), the bonus inside that, and
 * their full product cost — the identity above, for reports that follow orders rather than days
 * (the campaign report). Bonus is spent stored value the shop collected no money for.
 */
export const keptProfitFen = (paidFen: number, bonusFen: number, costFen: number): number => paidFen - bonusFen - costFen;

export interface ProfitBreakdown {
  gmvFen: number;
  productSalesFen: number;
  membershipFeesFen: number;
  refundsFen: number;
  cogsFen: number;
  trialLossFen: number;
  giftCostFen: number;
  bonusSpentFen: number;
  couponFen: number;
  profitFen: number;
}

/** The deductions from GMV to profit, in waterfall order, with their Chinese labels. */
export const PROFIT_STEPS = [
  { key: 'refundsFen', label: '退款' },
  { key: 'cogsFen', label: '商品成本' },
  { key: 'trialLossFen', label: '体验装亏损' },
  { key: 'giftCostFen', label: '礼包成本' },
  { key: 'bonusSpentFen', label: '赠送金消耗' },
  { key: 'couponFen', label: '优惠券' },
] as const satisfies ReadonlyArray<{ key: keyof ProfitBreakdown; label: string }>;

export type ProfitStepKey = (typeof PROFIT_STEPS)[number]['key'];

export function profitOf(c: ReportCounters): ProfitBreakdown {
  const gmvFen = c.productSalesFen + c.membershipFeesFen;
  const b = {
    refundsFen: c.productRefundsFen + c.membershipRefundsFen,
    cogsFen: c.cogsFen,
    trialLossFen: c.trialLossFen,
    giftCostFen: c.giftCostFen,
    bonusSpentFen: c.spentBonusFen - c.returnedBonusFen,
    couponFen: c.couponFen,
  };
  const deductions = PROFIT_STEPS.reduce((s, step) => s + b[step.key], 0);
  return { gmvFen, productSalesFen: c.productSalesFen, membershipFeesFen: c.membershipFeesFen, ...b, profitFen: gmvFen - deductions };
}

/**
 * Stored-value liability: what the shop owes holders of stored value. Principal is refundable
 * money received in advance; bonus is not refundable but can still be spent on goods, so it is
 * owed too (as goods). Changes: top-ups add, payments draw, refunds of balance-paid orders put
 * back, stored-value refunds pay principal out and forfeit the bonus.
 */
export interface LiabilityChange {
  principalInFen: number;
  principalOutFen: number;
  bonusInFen: number;
  bonusOutFen: number;
  principalDeltaFen: number;
  bonusDeltaFen: number;
}

export function liabilityChangeOf(c: ReportCounters): LiabilityChange {
  const principalInFen = c.topUpPrincipalFen + c.returnedPrincipalFen;
  const principalOutFen = c.spentPrincipalFen + c.withdrawnPrincipalFen;
  const bonusInFen = c.topUpBonusFen + c.returnedBonusFen;
  const bonusOutFen = c.spentBonusFen + c.forfeitedBonusFen;
  return { principalInFen, principalOutFen, bonusInFen, bonusOutFen, principalDeltaFen: principalInFen - principalOutFen, bonusDeltaFen: bonusInFen - bonusOutFen };
}
