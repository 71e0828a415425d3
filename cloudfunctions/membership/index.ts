import { z } from 'zod';
import { action, createHandler } from '../_kit';
import { deliverySchema as delivery } from '../../shared/gifts/delivery';
import { settlesEvents } from '../_events/settle';
import { requestIdSchema } from '../_kit/input';
import { buyMembership, claimPack, refund, refundQuote, status } from './use-cases';

const noInput = z.object({}).strict();
export const main = createHandler({
  name: 'membership',
  actions: {
    buy: action({ input: z.object({ planId: z.string().min(1).max(40), payWith: z.enum(['wechat', 'balance']).optional(), requestId: requestIdSchema }).strict(), auth: 'customer', run: settlesEvents(buyMembership) }),
    status: action({ input: noInput, auth: 'customer', run: status }),
    claimPack: action({ input: z.object({ entitlementId: z.string().min(1).max(64), delivery, requestId: requestIdSchema }).strict(), auth: 'customer', run: settlesEvents(claimPack) }),
    refundQuote: action({ input: noInput, auth: 'customer', run: refundQuote }),
    refund: action({ input: z.object({ requestId: requestIdSchema }).strict(), auth: 'customer', run: settlesEvents(refund) }),
  },
});
