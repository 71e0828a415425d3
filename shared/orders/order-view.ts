import type { Delivery } from '../gifts/delivery';
import type { OrderFulfilmentState } from './fulfilment';
import type { OrderState, RefundState } from './states';

/**
 * What a customer sees of an order (API.md order.get/list) — the one contract the `order`
 * function answers with and the Mini Program reads. No costs, no internal fields.
 */
/** 'combined' = 组合支付: part stored value, the rest WeChat Pay, in one order. */
export type PayWith = 'wechat' | 'balance' | 'combined';

/** 组合支付's split: the balance part (principal + bonus, reserved when placed, drawn when WeChat's part is paid) and WeChat's part. */
export interface CombinedSplit {
  balanceFen: number;
  principalFen: number;
  bonusFen: number;
  cashFen: number;
}
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
  /** This line's share of the coupon (lineTotalFen already has it taken off). */
  couponDiscountFen?: number;
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
  /**
   * Of a full refund now, what would take the stored-value balance over its cap (`refundCapFen`):
   * it goes back as principal to the WeChat payment of the top-up it came from (issue 15 #2).
   */
  refundOverCapFen?: number;
  refundCapFen?: number;
  balancePaid?: { principalFen: number; bonusFen: number };
  /** 组合支付 orders: the split (before payment: what is reserved; after: what was drawn and paid). */
  combined?: CombinedSplit;
  membership?: { planName: string; expiresAt?: number };
  topUp?: { principalFen: number; bonusFen: number };
  refunds: Array<{ refundId: string; amountFen: number; status: RefundState; createdAt: number }>;
  /** Where the goods are (paid orders): 待发货 / 已发货 (carrier + tracking no.) / 已自提 / 已发放. */
  fulfilment?: FulfilmentView;
  /** Where physical goods go, as given at checkout. */
  delivery?: Delivery;
  /** The coupon this order used: its name and what it took off. */
  coupon?: { couponId: string; name: string; discountFen: number };
}

export interface FulfilmentView {
  state: OrderFulfilmentState;
  /** 待发货 · 已发货 · 已自提 · 已发放 · 无需发货 */
  label: string;
  carrier?: string;
  carrierName?: string;
  trackingNo?: string;
  at?: number;
}
