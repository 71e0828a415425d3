/**
 * Order and payment state tables as data (Vendure-style): a transition not listed here is
 * refused, so state never moves backwards (a late "paid" callback cannot revive a cancelled or
 * refunded order; a second "paid" is a no-op success handled by the caller).
 */
export const ORDER_STATES = ['created', 'paid', 'fulfilled', 'partially_refunded', 'refunded', 'cancelled'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_TRANSITIONS: Readonly<Record<OrderState, readonly OrderState[]>> = {
  created: ['paid', 'cancelled'],
  paid: ['fulfilled', 'partially_refunded', 'refunded'],
  fulfilled: ['partially_refunded', 'refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  cancelled: [],
};

export const canTransition = (from: OrderState, to: OrderState): boolean => ORDER_TRANSITIONS[from].includes(to);

/** States in which money has been received for the order. */
export const isPaidState = (s: OrderState): boolean => s === 'paid' || s === 'fulfilled' || s === 'partially_refunded';

export const PAYMENT_STATES = ['pending', 'succeeded', 'closed'] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];
export const PAYMENT_TRANSITIONS: Readonly<Record<PaymentState, readonly PaymentState[]>> = {
  pending: ['succeeded', 'closed'],
  succeeded: [],
  closed: [],
};

export const REFUND_STATES = ['pending', 'succeeded', 'failed'] as const;
export type RefundState = (typeof REFUND_STATES)[number];
export const REFUND_TRANSITIONS: Readonly<Record<RefundState, readonly RefundState[]>> = {
  pending: ['succeeded', 'failed'],
  succeeded: [],
  failed: ['pending'],
};

/** Chinese labels for display. */
export const ORDER_STATE_LABELS: Readonly<Record<OrderState, string>> = {
  created: '待支付',
  paid: '已支付',
  fulfilled: '已完成',
  partially_refunded: '部分退款',
  refunded: '已退款',
  cancelled: '已取消',
};
