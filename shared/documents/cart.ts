import { z } from 'zod';
import { productIdSchema } from '../schemas/product';
import { epochMs, int } from './fields';

/** A customer's cart (`carts`, _id cart_<openid>): one document, so every change is one transaction on it. */
export const cartIdOf = (openid: string) => `cart_${openid}`;

/** One checkout takes at most this many lines (order.create's limit), so the cart holds no more. */
export const MAX_CART_LINES = 20;

export interface CartLine {
  productId: string;
  qty: number;
  /** When the product was first put in: the cart lists the newest first. */
  addedAt: number;
}

export interface CartDoc {
  _id: string;
  openid: string;
  lines: CartLine[];
  updatedAt: number;
  version: number;
}

export const cartLineSchema: z.ZodType<CartLine> = z.object({ productId: productIdSchema, qty: int.min(1).max(99), addedAt: epochMs }).strict();

export const cartDocSchema: z.ZodType<CartDoc> = z.looseObject({
  _id: z.string(),
  openid: z.string(),
  lines: z.array(cartLineSchema).max(MAX_CART_LINES),
  updatedAt: epochMs,
  version: int,
});
