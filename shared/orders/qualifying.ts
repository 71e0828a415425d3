import { prorate } from '../money/rounding';

/**
 * Qualifying spend (PRODUCT.md "Cumulative spend tiers"): money actually paid for products and
 * memberships — cash plus stored-value principal. The bonus-funded part is excluded unless the
 * setting says otherwise; top-ups themselves never qualify (the spend happens later).
 */
export interface PaidAmounts {
  cashFen: number;
  principalFen: number;
  bonusFen: number;
}

export function qualifyingFen(kind: 'product' | 'membership' | 'topup', paid: PaidAmounts, includeBonus: boolean): number {
  if (kind === 'topup') return 0;
  return paid.cashFen + paid.principalFen + (includeBonus ? paid.bonusFen : 0);
}

/**
 * The part of an order's qualifying spend reversed by refunding `refundFen` of `totalFen`
 * (proportional, largest remainder, so full refunds reverse exactly what was counted).
 */
export function qualifyingReversal(orderQualifyingFen: number, alreadyReversedFen: number, totalFen: number, alreadyRefundedFen: number, refundFen: number): number {
  const remainingTotal = totalFen - alreadyRefundedFen;
  const remainingQualifying = orderQualifyingFen - alreadyReversedFen;
  if (refundFen >= remainingTotal) return remainingQualifying;
  const [part] = prorate(remainingQualifying, [refundFen, remainingTotal - refundFen]);
  return part;
}
