import type { OrderState, RefundState } from './states';

/**
 * What a customer sees of an order (API.md order.get/list) — the one contract the `order`
 * function answers with and the Mini Program reads. No costs, no internal fields.
 */
export type PayWith = 'wechat' | 'balance';
export type OrderKind = 'product' | 'membership' | 'topup';

export interface OrderLineView {
  productId: string;
  name: string;
  kind: 'regular' | 'trial';
  qty: number;
  unitFen: number;
  listUnitFen: number;
  memberPriceApplied: boolean;
  lineTotalFen: number;
  refundedQty: number;
}

export interface OrderView {
  orderId: string;
  kind: OrderKind;
  status: OrderState;
  statusLabel: string;
  title: string;
  lines: OrderLineView[];
  totalFen: number;
  payWith: PayWith;
  createdAt: number;
  paidAt?: number;
  payDeadline: number;
  refundedFen: number;
  canRefund: boolean;
  refundableFen: number;
  balancePaid?: { principalFen: number; bonusFen: number };
  membership?: { planName: string; expiresAt?: number };
  topUp?: { principalFen: number; bonusFen: number };
  refunds: Array<{ refundId: string; amountFen: number; status: RefundState; createdAt: number }>;
}
