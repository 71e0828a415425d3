import { z } from 'zod';
import { epochMs, int } from './fields';

/** The unpaid product orders one customer holds (`order_holds`, _id hld_<openid>). */
export const holdIdOf = (openid: string) => `hld_${openid}`;

/** One unpaid product order a customer holds (order_holds). `units`: stock-tracked lines only. */
export interface HoldEntry {
  orderId: string;
  createdAt: number;
  expiresAt: number;
  units: Array<{ productId: string; name: string; qty: number }>;
}

export interface HoldDoc {
  _id: string;
  openid: string;
  orders: HoldEntry[];
  /** For the sweep's index: how many entries, and the most units of one product across them. */
  orderCount: number;
  maxUnits: number;
  version: number;
  updatedAt: number;
}

const holdEntrySchema = z.looseObject({
  orderId: z.string(),
  createdAt: epochMs,
  expiresAt: epochMs,
  units: z.array(z.looseObject({ productId: z.string(), name: z.string(), qty: int.min(1) })),
});

export const holdDocSchema: z.ZodType<HoldDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  orders: z.array(holdEntrySchema),
  orderCount: int.min(0),
  maxUnits: int.min(0),
  version: int,
  updatedAt: epochMs,
});
