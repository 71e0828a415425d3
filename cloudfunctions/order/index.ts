import { z } from 'zod';
import { deliverySchema } from '../../shared/gifts/delivery';
import { productIdSchema } from '../../shared/schemas/product';
import { action, createHandler } from '../_kit';
import { settlesEvents } from '../_events/settle';
import { requestIdSchema } from '../_kit/input';
import { cancelOrder, combinedQuote, createOrder, getOrder, listOrders, payOrder, requestRefund } from './use-cases';

const orderId = z.string().regex(/^ord_[a-z0-9]{10,40}$/, '订单编号格式不正确');
const lines = z.array(z.object({ productId: productIdSchema, qty: z.number().int().min(1).max(99) }).strict()).min(1).max(20);

export const main = createHandler({
  name: 'order',
  actions: {
    create: action({
      // delivery: where physical goods go (快递到家 address or 到店自提); kept only when the order has physical goods.
      // 组合支付 ('combined'): `balanceFen` is the balance part the customer confirmed (order.combinedQuote); WeChat pays the rest.
      input: z
        .object({ items: lines, payWith: z.enum(['wechat', 'balance', 'combined']), balanceFen: z.number().int().positive().optional(), couponId: z.string().min(1).max(64).optional(), delivery: deliverySchema.optional(), requestId: requestIdSchema })
        .strict()
        .refine((i) => (i.payWith === 'combined') === (i.balanceFen !== undefined), { message: '组合支付须提供确认过的余额支付金额 balanceFen（其他支付方式不传）', path: ['balanceFen'] }),
      auth: 'customer',
      run: settlesEvents(createOrder),
    }),
    /** 组合支付 confirmation: the order's price, the spendable balance part (principal / bonus) and what WeChat collects. */
    combinedQuote: action({ input: z.object({ items: lines, couponId: z.string().min(1).max(64).optional() }).strict(), auth: 'customer', run: combinedQuote }),
    get: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: getOrder }),
    list: action({ input: z.object({ cursor: z.number().int().positive().optional() }).strict(), auth: 'customer', run: listOrders }),
    pay: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: payOrder }),
    cancel: action({ input: z.object({ orderId }).strict(), auth: 'customer', run: cancelOrder }),
    refund: action({ input: z.object({ orderId, requestId: requestIdSchema, lines: lines.optional() }).strict(), auth: 'customer', run: settlesEvents(requestRefund) }),
  },
});
