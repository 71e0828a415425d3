import { formatYuan } from '../money/format';
import { applyRate, prorate } from '../money/rounding';
import type { CouponRule } from './coupon';

export interface PricedProduct {
  _id: string;
  priceFen: number;
  memberPriceFen?: number;
  floorFen: number;
}

export interface PricedLine {
  productId: string;
  qty: number;
  listUnitFen: number;
  unitFen: number;
  memberPriceApplied: boolean;
  lineTotalFen: number;
}

/**
 * A line's unit price (client prices are never read): the member price applies while the buyer is
 * an active member, and no price drops below the product's margin floor. `priceOrder` below builds
 * on it and adds coupons and the stacking rule; `priceLines` is the no-coupon case.
 */
export function unitPrice(p: PricedProduct, isMember: boolean): { unitFen: number; memberPriceApplied: boolean } {
  const member = isMember && p.memberPriceFen !== undefined && p.memberPriceFen < p.priceFen;
  const raw = member ? p.memberPriceFen! : p.priceFen;
  return { unitFen: Math.max(raw, p.floorFen), memberPriceApplied: member };
}

export function priceLines(lines: ReadonlyArray<{ product: PricedProduct; qty: number }>, isMember: boolean): { lines: PricedLine[]; totalFen: number } {
  const priced = lines.map(({ product, qty }) => {
    if (!Number.isSafeInteger(qty) || qty < 1) throw new RangeError('quantity must be a positive integer');
    const { unitFen, memberPriceApplied } = unitPrice(product, isMember);
    return { productId: product._id, qty, listUnitFen: product.priceFen, unitFen, memberPriceApplied, lineTotalFen: unitFen * qty };
  });
  const totalFen = priced.reduce((s, l) => s + l.lineTotalFen, 0);
  if (!Number.isSafeInteger(totalFen)) throw new RangeError('order total overflows');
  return { lines: priced, totalFen };
}

/**
 * THE pricing rule for an order (PRODUCT.md "member price OR coupon — configurable — never below a
 * per-product margin floor"). Everything that prices an order — order.create, the checkout quote —
 * calls `priceOrder`; nothing else combines member price, coupon and floor.
 *
 * Candidates, each priced line by line and never below any line's floor:
 *   member  — member price while the buyer is an active member (list price otherwise), no coupon;
 *   coupon  — the coupon applied to LIST prices;
 *   stacked — (stacking 'both' only) the coupon applied to member prices.
 * 'member-price-or-coupon' (default) picks the cheaper of member/coupon — never both; 'both' picks
 * the cheapest of all three. On a tie the coupon is NOT used (the customer keeps it for later).
 */
import { COUPON_STACKINGS } from '../settings/promotions';
export type CouponStacking = (typeof COUPON_STACKINGS)[number];
export { COUPON_STACKINGS };

export const STACKING_LABELS: Readonly<Record<CouponStacking, string>> = {
  'member-price-or-coupon': '会员价与优惠券二选一，自动为您选更省的',
  both: '会员价可与优惠券叠加使用',
};

export interface PricingLineInput {
  productId: string;
  qty: number;
  kind: 'regular' | 'trial';
  priceFen: number;
  memberPriceFen?: number;
  /** Margin floor per unit: no combination of discounts takes a unit below it. */
  floorFen: number;
}

export type CouponTerms = Pick<CouponRule, 'offer' | 'minSpendFen' | 'productIds'>;

export interface PricedOrderLine {
  productId: string;
  qty: number;
  listUnitFen: number;
  /** Unit price before the coupon (member price when that is the basis). */
  unitFen: number;
  memberPriceApplied: boolean;
  /** This line's share of the coupon (largest remainder, never past the line's floor). */
  couponDiscountFen: number;
  /** unitFen × qty − couponDiscountFen: what the customer pays for the line. */
  lineTotalFen: number;
}

/** Why the coupon is not used on this order. */
export type CouponMiss =
  | { reason: 'no-eligible-line' }
  | { reason: 'min-spend'; minSpendFen: number; shortFen: number }
  | { reason: 'floor' }
  | { reason: 'member-price-better'; extraFen: number };

export type CouponOutcome = { applied: true; discountFen: number; faceFen: number; floorCapped: boolean } | { applied: false; miss: CouponMiss };

export type PricingBasis = 'member' | 'coupon' | 'stacked';

export interface PricedOrder {
  lines: PricedOrderLine[];
  /** Σ unitFen × qty (before the coupon). */
  subtotalFen: number;
  couponDiscountFen: number;
  totalFen: number;
  basis: PricingBasis;
  /** Present when a coupon was offered. */
  coupon?: CouponOutcome;
}

interface Candidate {
  basis: PricingBasis;
  lines: PricedOrderLine[];
  totalFen: number;
  outcome?: CouponOutcome;
}

export function priceOrder(input: { lines: readonly PricingLineInput[]; isMember: boolean; coupon?: CouponTerms; stacking: CouponStacking }): PricedOrder {
  for (const l of input.lines) {
    if (!Number.isSafeInteger(l.qty) || l.qty < 1) throw new RangeError('quantity must be a positive integer');
  }
  const member = baseLines(input.lines, input.isMember);
  const plain: Candidate = { basis: 'member', lines: member, totalFen: sum(member) };
  if (!input.coupon) return finish(plain);

  const onList = withCoupon(input.lines, baseLines(input.lines, false), input.coupon, 'coupon');
  const tried = [onList];
  if (input.stacking === 'both' && input.isMember) tried.push(withCoupon(input.lines, member, input.coupon, 'stacked'));
  // Preference on equal totals: no coupon, then stacked, then coupon on list prices.
  const applied = tried.filter((c) => c.outcome?.applied).sort((a, b) => a.totalFen - b.totalFen || (a.basis === 'stacked' ? -1 : 1));
  const best = applied[0];
  if (best && best.totalFen < plain.totalFen) return finish(best);
  const miss: CouponMiss = best ? { reason: 'member-price-better', extraFen: best.totalFen - plain.totalFen } : (onList.outcome as { applied: false; miss: CouponMiss }).miss;
  return finish({ ...plain, outcome: { applied: false, miss } });
}

function finish(c: Candidate): PricedOrder {
  const subtotalFen = c.lines.reduce((s, l) => s + l.unitFen * l.qty, 0);
  const couponDiscountFen = c.lines.reduce((s, l) => s + l.couponDiscountFen, 0);
  if (!Number.isSafeInteger(subtotalFen) || !Number.isSafeInteger(c.totalFen)) throw new RangeError('order total overflows');
  return { lines: c.lines, subtotalFen, couponDiscountFen, totalFen: c.totalFen, basis: c.basis, ...(c.outcome ? { coupon: c.outcome } : {}) };
}

const sum = (lines: PricedOrderLine[]) => lines.reduce((s, l) => s + l.lineTotalFen, 0);

/** Unit prices with (memberBasis) or without member price — floored — and no coupon yet. */
function baseLines(lines: readonly PricingLineInput[], memberBasis: boolean): PricedOrderLine[] {
  return lines.map((l) => {
    const { unitFen, memberPriceApplied } = unitPrice({ _id: l.productId, priceFen: l.priceFen, memberPriceFen: l.memberPriceFen, floorFen: l.floorFen }, memberBasis);
    return { productId: l.productId, qty: l.qty, listUnitFen: l.priceFen, unitFen, memberPriceApplied, couponDiscountFen: 0, lineTotalFen: unitFen * l.qty };
  });
}

const eligible = (l: PricingLineInput, terms: CouponTerms) => l.kind === 'regular' && (!terms.productIds || terms.productIds.includes(l.productId));

/** The coupon's face value on an eligible subtotal: amount-off as is, percent-off through applyRate (capped). */
export function couponFace(terms: CouponTerms, eligibleFen: number): number {
  if (terms.offer.code === 'amount-off') return terms.offer.args.amountFen;
  const off = applyRate(eligibleFen, terms.offer.args.percent, 100);
  return terms.offer.args.maxOffFen !== undefined ? Math.min(off, terms.offer.args.maxOffFen) : off;
}

function withCoupon(inputs: readonly PricingLineInput[], base: PricedOrderLine[], terms: CouponTerms, basis: PricingBasis): Candidate {
  const idx = inputs.map((l, i) => (eligible(l, terms) ? i : -1)).filter((i) => i >= 0);
  const missed = (miss: CouponMiss): Candidate => ({ basis, lines: base, totalFen: sum(base), outcome: { applied: false, miss } });
  if (idx.length === 0) return missed({ reason: 'no-eligible-line' });
  const eligibleFen = idx.reduce((s, i) => s + base[i].lineTotalFen, 0);
  if (eligibleFen < terms.minSpendFen) return missed({ reason: 'min-spend', minSpendFen: terms.minSpendFen, shortFen: terms.minSpendFen - eligibleFen });
  const faceFen = Math.min(couponFace(terms, eligibleFen), eligibleFen);
  // Headroom: how far each eligible line may drop before it hits its floor.
  const room = idx.map((i) => base[i].lineTotalFen - inputs[i].floorFen * inputs[i].qty);
  const headroom = room.reduce((a, b) => a + Math.max(0, b), 0);
  const discountFen = Math.min(faceFen, headroom);
  if (discountFen <= 0) return missed({ reason: 'floor' });
  const shares = spread(
    discountFen,
    idx.map((i) => base[i].lineTotalFen),
    room.map((r) => Math.max(0, r)),
  );
  const lines = base.map((l) => ({ ...l }));
  idx.forEach((i, k) => {
    lines[i].couponDiscountFen = shares[k];
    lines[i].lineTotalFen -= shares[k];
  });
  return { basis, lines, totalFen: sum(lines), outcome: { applied: true, discountFen, faceFen, floorCapped: discountFen < faceFen } };
}

/**
 * Splits `total` over lines by weight (largest remainder, shared/money prorate) without giving any
 * line more than its cap: a line that would pass its floor is filled to its cap and the excess is
 * prorated again over the lines that still have room. Caller guarantees total ≤ Σ caps.
 */
export function spread(total: number, weights: number[], caps: number[]): number[] {
  const out = weights.map(() => 0);
  let left = total;
  let open = weights.map((_, i) => i).filter((i) => caps[i] > 0);
  while (left > 0) {
    if (open.length === 0) throw new RangeError('discount exceeds the headroom above the floors');
    const parts = prorate(left, open.map((i) => weights[i] || 1));
    left = 0;
    const still: number[] = [];
    open.forEach((i, k) => {
      const take = Math.min(parts[k], caps[i] - out[i]);
      out[i] += take;
      left += parts[k] - take;
      if (caps[i] - out[i] > 0) still.push(i);
    });
    open = still;
  }
  return out;
}

/** One sentence for why a coupon is not used — what the checkout shows next to it. */
export function missMessage(miss: CouponMiss): string {
  switch (miss.reason) {
    case 'no-eligible-line':
      return '本单商品不在此券适用范围内（体验装不可用券）';
    case 'min-spend':
      return `满${formatYuan(miss.minSpendFen)}可用，还差${formatYuan(miss.shortFen)}`;
    case 'floor':
      return '商品已是最低成交价，不能再叠加优惠';
    case 'member-price-better':
      return miss.extraFen === 0 ? '会员价已同样优惠，本单无需用券' : `会员价更省（用券反而多付${formatYuan(miss.extraFen)}），本单不用券`;
  }
}
