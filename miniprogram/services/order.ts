import type { orderApi } from '@shared/api/order';
import { isPaidState } from '@shared/orders/states';
import type { CustomerOrderTab } from '@shared/orders/customer-tabs';
import { callerOf, type In, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `order` function (shared/api/order.ts). The server prices every order; the client only shows it. */
export type { CombinedSplit, OrderKind, OrderLineView, OrderView, PayWith } from '@shared/orders/order-view';
export type { OrderState as OrderStatus, RefundState as RefundStatus } from '@shared/orders/states';
export type { CombinedQuote, PlacedOrder, RefundResult } from '@shared/api/order';
export type { Cursor } from '@shared/api/common';

type Api = typeof orderApi;

export interface OrderService {
  /** `delivery`: where physical goods go (快递到家 / 到店自提); the server keeps it only for orders with physical goods. */
  create(input: In<Api, 'create'>): Out<Api, 'create'>;
  combinedQuote(items: In<Api, 'combinedQuote'>['items'], couponId?: string): Out<Api, 'combinedQuote'>;
  get(orderId: string): Out<Api, 'get'>;
  /** 我的订单, one tab (全部 when omitted), newest first. */
  list(tab: CustomerOrderTab, cursor?: number): Out<Api, 'list'>;
  /** How many orders each tab holds (the badges). */
  counts(): Out<Api, 'counts'>;
  pay(orderId: string): Out<Api, 'pay'>;
  cancel(orderId: string): Out<Api, 'cancel'>;
  refund(orderId: string, requestId: string): Out<Api, 'refund'>;
}

export const createOrderService = (call: CallFunction): OrderService => {
  const order = callerOf<Api>(call, 'order');
  return {
    // Copies: the wire takes plain data, never the store's observables.
    create: ({ items, delivery, ...input }) => order('create', { ...input, items: items.map((i) => ({ ...i })), ...(delivery ? { delivery: { ...delivery } } : {}) }),
    combinedQuote: (items, couponId) => order('combinedQuote', { items: items.map((i) => ({ ...i })), couponId }),
    get: (orderId) => order('get', { orderId }),
    list: (tab, cursor) => order('list', { ...(tab === 'all' ? {} : { tab }), cursor }),
    counts: () => order('counts', {}),
    pay: (orderId) => order('pay', { orderId }),
    cancel: (orderId) => order('cancel', { orderId }),
    refund: (orderId, requestId) => order('refund', { orderId, requestId }),
  };
};

/** Money has been received for the order (and not all of it refunded). */
export const isPaidStatus = isPaidState;
