import { z } from 'zod';
import { productIdSchema } from '../schemas/product';

/** Client-generated idempotency keys (API.md): one per user intent, reused on retry. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const requestIdSchema = z.string().regex(REQUEST_ID_PATTERN, 'requestId 须为 8–64 位字母、数字、- 或 _');

/** Actions that take nothing: still strict, so a stray field is INVALID_INPUT rather than ignored. */
export const noInput = z.object({}).strict();

/** Newest-first paging: the server's cursor, passed back unchanged. */
export const pageCursor = z.number().int().positive();
export type Cursor = number;
export const cursorOnly = z.object({ cursor: pageCursor.optional() }).strict();

export const orderIdSchema = z.string().regex(/^ord_[a-z0-9]{10,40}$/, '订单编号格式不正确');
export const entitlementIdSchema = z.string().min(1).max(64);
export const openidSchema = z.string().min(1).max(64);

/** Lines of an order or a quote: a product and how many (the server prices them). */
export const orderLinesSchema = z.array(z.object({ productId: productIdSchema, qty: z.number().int().min(1).max(99) }).strict()).min(1).max(20);
export type OrderLine = z.infer<typeof orderLinesSchema>[number];
