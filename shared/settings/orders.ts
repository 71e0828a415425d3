import { z } from 'zod';

/** Unpaid product orders (PRODUCT.md "Orders"): how long they wait and how much they may hold. */
export const orderSettings = {
  /** Unpaid orders close after this many minutes. */
  paymentTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
  /**
   * Holds of unpaid orders (issue 15): an unpaid product order (微信支付 or 组合支付) holds its stock,
   * coupon and trial until it is paid, cancelled or expires. One customer may keep at most this many
   * unpaid product orders at once, and hold at most `maxHeldUnitsPerProduct` units of one stock-tracked
   * product across them; beyond that order.create is refused, and the scheduler sweep releases the
   * oldest holds of a customer over the limits (e.g. after an operator lowered them).
   */
  maxUnpaidOrders: z.number().int().min(1).max(20).default(3),
  maxHeldUnitsPerProduct: z.number().int().min(1).max(99).default(10),
};
