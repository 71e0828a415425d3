import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { buyMembership, claimPack, refund, refundQuote, status } from './use-cases';

const noInput = z.object({}).strict();
const delivery = z.discriminatedUnion('method', [
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

export const main = createHandler({
  name: 'membership',
  actions: {
    buy: action({ input: z.object({ planId: z.string().min(1).max(40), payWith: z.enum(['wechat', 'balance']).optional(), requestId: requestIdSchema }).strict(), auth: 'customer', run: buyMembership }),
    status: action({ input: noInput, auth: 'customer', run: status }),
    claimPack: action({ input: z.object({ entitlementId: z.string().min(1).max(64), delivery, requestId: requestIdSchema }).strict(), auth: 'customer', run: claimPack }),
    refundQuote: action({ input: noInput, auth: 'customer', run: refundQuote }),
    refund: action({ input: z.object({ requestId: requestIdSchema }).strict(), auth: 'customer', run: refund }),
  },
});
