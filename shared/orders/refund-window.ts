import { applyRate } from '../money/rounding';
import { DAY_MS } from '../time';
import { isPaidState, type OrderState } from './states';

/** What the refund rules read of an order line (shared/documents OrderLine has these fields). */
export interface RefundableLine {
  productId: string;
  qty: number;
  unitFen: number;
  couponDiscountFen?: number;
  refundedQty: number;
  refundWindowDays: number;
}

/** What the refund rules read of an order (structural, so shared/documents may build on shared/orders). */
export interface RefundableOrder {
  kind: string;
  status: OrderState;
  paidAt?: number;
  createdAt: number;
  lines: ReadonlyArray<RefundableLine>;
}

/**
 * The no-questions refund window (PRODUCT.md): a line may be refunded until `windowDays` after the
 * order was paid. The window is the one kept on the order line (or the membership order) when it
 * was sold, so a later settings change never moves it.
 */
export const refundableUntil = (order: Pick<RefundableOrder, 'paidAt' | 'createdAt'>, windowDays: number) => (order.paidAt ?? order.createdAt) + windowDays * DAY_MS;

/** Lines and amount still refundable right now. */
export function refundableLines(order: RefundableOrder, now: number): Array<{ productId: string; qty: number; amountFen: number }> {
  if (order.kind !== 'product' || !isPaidState(order.status)) return [];
  return order.lines
    .filter((l) => l.qty > l.refundedQty && now <= refundableUntil(order, l.refundWindowDays))
    .map((l) => ({ productId: l.productId, qty: l.qty - l.refundedQty, amountFen: refundForUnits(l, l.refundedQty, l.qty - l.refundedQty) }));
}

/**
 * What a customer paid for `units` of a line (units counted from the first): the coupon share is
 * spread over the units by applyRate, so partial refunds add up exactly to the line total and a
 * unit never goes below ⌊lineTotal / qty⌋ (≥ the floor).
 */
export function paidForUnits(line: { qty: number; unitFen: number; couponDiscountFen?: number }, units: number): number {
  if (units <= 0) return 0;
  const d = line.couponDiscountFen ?? 0;
  return units * line.unitFen - applyRate(d, Math.min(units, line.qty), line.qty);
}

/** The amount a refund of `qty` more units of a line (after `alreadyRefunded`) returns. */
export const refundForUnits = (line: { qty: number; unitFen: number; couponDiscountFen?: number }, alreadyRefunded: number, qty: number): number =>
  paidForUnits(line, alreadyRefunded + qty) - paidForUnits(line, alreadyRefunded);
