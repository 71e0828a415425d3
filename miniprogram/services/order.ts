import type { Envelope } from '@shared/errors/envelope';
import type { Delivery } from '@shared/gifts/delivery';
import type { PaymentHandle } from '@shared/schemas/payment';
import type { CombinedSplit, OrderView, PayWith } from '@shared/orders/order-view';
import type { OrderState as OrderStatus, RefundState as RefundStatus } from '@shared/orders/states';
import type { CallFunction } from './cloud';

/** Typed calls to the `order` function (API.md). The server prices every order; the client only shows it. */
export type { CombinedSplit, OrderKind, OrderLineView, OrderView, PayWith } from '@shared/orders/order-view';
export type { OrderState as OrderStatus, RefundState as RefundStatus } from '@shared/orders/states';
/** Server paging cursor, passed back unchanged. */
export type Cursor = number;

/** What order.create, membership.buy and wallet.topUp answer: WeChat orders carry `payment`. */
export interface PlacedOrder {
  orderId: string;
  status: OrderStatus;
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

export interface RefundResult {
  refundId: string;
  status: RefundStatus;
  amountFen: number;
  forfeitBonusFen?: number;
}

export interface OrderService {
  /** `delivery`: where physical goods go (快递到家 / 到店自提); the server keeps it only for orders with physical goods. */
  create(input: { items: Array<{ productId: string; qty: number }>; payWith: PayWith; requestId: string; couponId?: string; delivery?: Delivery; /** 组合支付 only: the balance part the customer confirmed. */ balanceFen?: number }): Promise<Envelope<PlacedOrder>>;
  combinedQuote(items: Array<{ productId: string; qty: number }>, couponId?: string): Promise<Envelope<CombinedQuote>>;
  get(orderId: string): Promise<Envelope<OrderView>>;
  list(cursor?: Cursor): Promise<Envelope<{ orders: OrderView[]; nextCursor?: Cursor }>>;
  pay(orderId: string): Promise<Envelope<{ payment: PaymentHandle }>>;
  cancel(orderId: string): Promise<Envelope<OrderView>>;
  refund(orderId: string, requestId: string): Promise<Envelope<RefundResult>>;
}

export const createOrderService = (call: CallFunction): OrderService => ({
  create: ({ delivery, ...input }) => call<PlacedOrder>('order', delivery ? { action: 'create', ...input, delivery: { ...delivery } } : { action: 'create', ...input }),
  combinedQuote: (items, couponId) => call<CombinedQuote>('order', couponId ? { action: 'combinedQuote', items, couponId } : { action: 'combinedQuote', items }),
  get: (orderId) => call<OrderView>('order', { action: 'get', orderId }),
  // An absent cursor is left out rather than sent as undefined: the server's schemas are strict.
  list: (cursor) => call('order', cursor === undefined ? { action: 'list' } : { action: 'list', cursor }),
  pay: (orderId) => call('order', { action: 'pay', orderId }),
  cancel: (orderId) => call<OrderView>('order', { action: 'cancel', orderId }),
  refund: (orderId, requestId) => call<RefundResult>('order', { action: 'refund', orderId, requestId }),
});

/** Money has been received for the order (and not all of it refunded). */
export const isPaidStatus = (s: OrderStatus) => s === 'paid' || s === 'fulfilled' || s === 'partially_refunded';
