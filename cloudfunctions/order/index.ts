import { z } from 'zod';
import { deliverySchema } from '../../shared/gifts/delivery';
import { productIdSchema } from '../../shared/schemas/product';
import { action, createHandler } from '../_kit';
import { settlesEvents } from '../_events/settle';
import { requestIdSchema } from '../_kit/input';
import { cancelOrder, createOrder, getOrder, listOrders, payOrder, requestRefund } from './use-cases';

const orderId = z.string().regex(/^ord_[a-z0-9]{10,40}$/, '订单编号格式不正确');
const lines = z.array(z.object({ productId: productIdSchema, qty: z.number().int().min(1).max(99) }).strict()).min(1).max(20);

export const main = createHandler({
  name: 'order',
  actions: {
    create: action({
      // delivery: where physical goods go (快递到家 address or 到店自提); kept only when the order has physical goods.
      input: z.object({ items: lines, payWith: z.enum(['wechat', 'balance']), couponId: z.string().min(1).max(64).optional(), delivery: deliverySchema.optional(), requestId: requestIdSchema }).strict(),
      auth: 'customer',
      run: settlesEvents(createOrder),
    }),
    get: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: getOrder }),
    list: action({ input: z.object({ cursor: z.number().int().positive().optional() }).strict(), auth: 'customer', run: listOrders }),
    pay: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: payOrder }),
    cancel: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: cancelOrder }),
    refund: action({ input: z.object({ orderId, requestId: requestIdSchema, lines: lines.optional() }).strict(), auth: 'customer', run: settlesEvents(requestRefund) }),
  },
});
