/**
 * Member price against list price, as the customer sees it before the server prices an order
 * (pure). The server's `unitPrice` (shared/orders/pricing.ts) decides what is charged — it also
 * applies the margin floor, which the shop never shows; this rule only decides which of the
 * catalog's two prices to show and what the member price saves. What an order actually saved is
 * `memberSavingsFen` (shared/membership/refund.ts), over the server's priced lines.
 */
export interface ListedPrices {
  priceFen: number;
  memberPriceFen?: number;
}

export interface ShownPrice {
  /** The price per unit to show: the member price for a member when the product has one. */
  unitFen: number;
  /** The member price is the one shown (the list price goes beside it, struck through). */
  memberPriceApplies: boolean;
  /** 每件省: list price − the price shown; 0 when the list price applies. */
  savingPerUnitFen: number;
}

export function shownPrice(p: ListedPrices, isMember: boolean): ShownPrice {
  const memberPriceApplies = isMember && p.memberPriceFen !== undefined;
  const unitFen = memberPriceApplies ? p.memberPriceFen! : p.priceFen;
  return { unitFen, memberPriceApplies, savingPerUnitFen: p.priceFen - unitFen };
}
