import { z } from 'zod';
import type { ShippingInfoBody } from '../orders/shipping-info';
import type { ShippingUploadDoc } from './index';
import { epochMs, int, objectWith } from './fields';

/** A WeChat shipping-info upload (`shipping_uploads`, _id shp_<orderId>). */
export const shippingUploadDocSchema: z.ZodType<ShippingUploadDoc> = z.looseObject({
  _id: z.string(),
  orderId: z.string(),
  openid: z.string(),
  logistics: z.enum(['express', 'virtual', 'pickup']),
  state: z.enum(['pending', 'failed', 'succeeded', 'cancelled']),
  body: objectWith<ShippingInfoBody>('order_key').optional(),
  buildError: z.string().optional(),
  attempts: int.min(0),
  leaseUntil: epochMs.optional(),
  nextAttemptAt: epochMs.optional(),
  lastAttemptAt: epochMs.optional(),
  lastError: z.string().optional(),
  succeededAt: epochMs.optional(),
  createdAt: epochMs,
  updatedAt: epochMs,
  version: int,
});
