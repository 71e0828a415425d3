import { z } from 'zod';
import type { CartLine } from '../documents/cart';
import { productIdSchema } from '../schemas/product';
import { action } from './contract';
import { noInput } from './common';

/** The cart as the customer sees it: newest line first. Prices come from catalog.list; the server prices the order at checkout. */
export interface CartView {
  lines: CartLine[];
}

/**
 * The `cart` function: a customer's cart, kept on the server so it follows them across sessions
 * and devices. Quantities are absolute (set, not add), so a retried request changes nothing more.
 */
export const cartApi = {
  get: action<CartView>()({ summary: '本人的购物车（最新加入的在前）。', auth: 'customer', input: noInput }),
  set: action<CartView>()({
    summary: '把某商品在购物车里的数量设为 qty（0 为移除）；体验装最多 1 件，最多 20 种商品。',
    auth: 'customer',
    input: z.object({ productId: productIdSchema, qty: z.number().int().min(0).max(99) }).strict(),
    errors: ['PRODUCT_UNAVAILABLE', 'CART_FULL', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  remove: action<CartView>()({
    summary: '从购物车移除这些商品（结算下单后移除已下单的商品）。',
    auth: 'customer',
    input: z.object({ productIds: z.array(productIdSchema).min(1).max(20) }).strict(),
  }),
};
