import { z } from 'zod';

/**
 * How a claimed gift reaches the customer, and where its fulfilment stands. Shared by the welcome
 * pack (membership.claimPack), tier gifts (member.claimGift), the operator's fulfilment list
 * (ops.giftClaims) and the Mini Program, so all of them validate and read the same shape.
 */
export const deliverySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('pickup'), name: z.string().trim().min(1).max(20).optional(), phone: z.string().regex(/^1\d{10}$/, '请输入 11 位手机号').optional() }).strict(),
  z
    .object({
      method: z.literal('address'),
      name: z.string().trim().min(1, '请填写收件人').max(20),
      phone: z.string().regex(/^1\d{10}$/, '请输入 11 位手机号'),
      address: z.string().trim().min(5, '请填写详细地址').max(120),
    })
    .strict(),
]);

export type Delivery = z.infer<typeof deliverySchema>;

export type FulfilmentState = 'pending' | 'shipped' | 'picked-up';

export interface Fulfilment {
  state: FulfilmentState;
  carrier?: string;
  trackingNo?: string;
  /** When it was shipped / picked up. */
  at?: number;
  /** Operator openid who marked it (audit). */
  by?: string;
}
