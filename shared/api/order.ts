import { z } from 'zod';
import { deliverySchema } from '../gifts/delivery';
import type { CombinedSplit, OrderView } from '../orders/order-view';
import type { OrderState, RefundState } from '../orders/states';
import type { PaymentHandle } from '../schemas/payment';
import { action } from './contract';
import { orderIdSchema, orderLinesSchema, pageCursor, requestIdSchema, type Cursor } from './common';
import { CUSTOMER_ORDER_TABS, type OrderTabCounts } from '../orders/customer-tabs';

/** What order.create, membership.buy and wallet.topUp answer: WeChat orders carry `payment`. */
export interface PlacedOrder {
  orderId: string;
  status: OrderState;
  totalFen: number;
  /** 组合支付: the balance part (reserved now, drawn when WeChat's part is paid) and WeChat's part (= payment.totalFen). */
  combined?: CombinedSplit;
  /** wallet.topUp: what the top-up credits when paid (success messages are built from this). */
  topUp?: { principalFen: number; bonusFen: number };
  payment?: PaymentHandle;
}

/** What the checkout confirms before a 组合支付 order (order.combinedQuote): all spendable balance, the rest by WeChat. */
export interface CombinedQuote extends CombinedSplit {
  totalFen: number;
}

/** A refund as order.refund, wallet.refund and membership.refund answer it. */
export interface RefundResult {
  refundId: string;
  status: RefundState;
  amountFen: number;
  forfeitBonusFen?: number;
}

/** 退会员费 / 退余额: one confirmed refund of the caller's whole refundable amount, under a request id. */
export const wholeRefundAction = (summary: string) =>
  action<RefundResult>()({ summary, auth: 'customer', input: z.object({ requestId: requestIdSchema }).strict(), errors: ['REFUND_NOT_ALLOWED', 'ACCOUNT_DELETION_IN_PROGRESS'] });

const couponId = z.string().min(1).max(64);

/** Codes an order being priced and placed may meet (order.create and its quote). */
const PLACING = ['PRODUCT_UNAVAILABLE', 'MEMBERS_ONLY_UNTIL', 'OUT_OF_STOCK', 'TRIAL_ALREADY_USED', 'COUPON_UNAVAILABLE', 'COUPON_EXPIRED', 'COUPON_NOT_APPLICABLE'] as const;

/** The `order` function (API.md): the server prices every order; the client only shows it. */
export const orderApi = {
  create: action<PlacedOrder>()({
    summary: '下单：微信支付、余额支付或组合支付（balanceFen 为顾客确认过的余额部分）；delivery 仅对实物商品保留。',
    auth: 'customer',
    input: z
      .object({ items: orderLinesSchema, payWith: z.enum(['wechat', 'balance', 'combined']), balanceFen: z.number().int().positive().optional(), couponId: couponId.optional(), delivery: deliverySchema.optional(), requestId: requestIdSchema })
      .strict()
      .refine((i) => (i.payWith === 'combined') === (i.balanceFen !== undefined), { message: '组合支付须提供确认过的余额支付金额 balanceFen（其他支付方式不传）', path: ['balanceFen'] }),
    errors: [...PLACING, 'INSUFFICIENT_BALANCE', 'BALANCE_CHANGED', 'UNPAID_ORDER_LIMIT', 'HOLD_LIMIT_REACHED', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  combinedQuote: action<CombinedQuote>()({
    summary: '组合支付确认：本单金额、可用余额（本金/赠送）与微信支付部分；不预留任何东西。',
    auth: 'customer',
    input: z.object({ items: orderLinesSchema, couponId: couponId.optional() }).strict(),
    errors: [...PLACING, 'INSUFFICIENT_BALANCE', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  get: action<OrderView>()({ summary: '本人的一张订单（他人的订单为 NOT_FOUND）。', auth: 'customer', input: z.object({ orderId: orderIdSchema }).strict() }),
  list: action<{ orders: OrderView[]; nextCursor?: Cursor }>()({
    summary: '本人的订单，最新在前；tab 为「我的订单」的分类（全部 / 待付款 / 待发货 / 待自提 / 待收货 / 退款售后）。',
    auth: 'customer',
    input: z.object({ tab: z.enum(CUSTOMER_ORDER_TABS).optional(), cursor: pageCursor.optional() }).strict(),
  }),
  counts: action<OrderTabCounts>()({ summary: '「我的订单」各分类的订单数（全部除外）。', auth: 'customer', input: z.object({}).strict() }),
  pay: action<{ payment: PaymentHandle }>()({
    summary: '继续支付：待支付微信订单的支付参数（同一 out_trade_no）。',
    auth: 'customer',
    input: z.object({ orderId: orderIdSchema }).strict(),
    errors: ['INVALID_STATE', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  cancel: action<OrderView>()({ summary: '取消待支付订单（并关闭微信支付单）。', auth: 'customer', input: z.object({ orderId: orderIdSchema }).strict(), errors: ['INVALID_STATE'] }),
  refund: action<RefundResult>()({
    summary: '申请退款：整单或部分商品（lines）。',
    auth: 'customer',
    input: z.object({ orderId: orderIdSchema, requestId: requestIdSchema, lines: orderLinesSchema.optional() }).strict(),
    errors: ['REFUND_NOT_ALLOWED', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
};
