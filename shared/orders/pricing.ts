/**
 * Server-side pricing (client prices are never read). One function decides a line's unit price:
 * the member price applies while the buyer is an active member, and no price drops below the
 * product's margin floor. Orders are priced by `priceOrder` (shared/promotions/pricing.ts), which
 * builds on `unitPrice` and adds coupons and the stacking rule; `priceLines` is the no-coupon case.
 */
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
