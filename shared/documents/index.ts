import type { MembershipRefundPolicy } from '../membership/refund';
import type { Delivery, Fulfilment } from '../gifts/delivery';
import type { LotDraw } from '../ledger/lots';
import type { OrderFulfilment } from '../orders/fulfilment';
import type { Logistics, ShippingInfoBody } from '../orders/shipping-info';
import type { OrderState, PaymentState, RefundPartState, RefundState } from '../orders/states';

/** Stored document shapes of the money core. Ids are derived from the customer and request ids. */
export type OrderKind = 'product' | 'membership' | 'topup';
export type PayWith = 'wechat' | 'balance' | 'combined';

/**
 * 组合支付 (payWith 'combined'): part from stored value, the rest by WeChat Pay, one order. The
 * balance part is reserved on the wallet when the order is placed (`WalletDoc.holds`, these exact
 * draws) and drawn only when the WeChat part is paid; until then nothing leaves the lots.
 */
export interface CombinedPart {
  /** Stored value to draw (= principalFen + bonusFen = Σ draws). */
  balanceFen: number;
  principalFen: number;
  bonusFen: number;
  draws: LotDraw[];
  /** What WeChat Pay collects (the payment's total_fee): totalFen − balanceFen, ≥ 1 fen. */
  cashFen: number;
}

/** Why an unpaid order was closed. */
export type CancelReason = 'cancelled' | 'expired' | 'hold-limit';

export interface OrderLine {
  productId: string;
  name: string;
  kind: 'regular' | 'trial';
  /** Trial lines: the full product (conversion tracking). */
  fullProductId?: string;
  physical: boolean;
  qty: number;
  listUnitFen: number;
  unitFen: number;
  memberPriceApplied: boolean;
  lineTotalFen: number;
  costFen: number;
  refundWindowDays: number;
  refundedQty: number;
  /** The product tracked stock when the order was priced (its units are taken before the order is placed). */
  stockTracked?: boolean;
  /** The product tracks stock and this line holds `qty` units of it (given back if the order is cancelled unpaid). */
  stockReserved?: boolean;
  /** This line's share of the order's coupon (lineTotalFen = unitFen × qty − this); refunds use refundForUnits. */
  couponDiscountFen?: number;
}

/** The coupon an order used (shared/promotions/pricing.ts decided it): the discount facts, kept with the order. */
export interface OrderCoupon {
  couponId: string;
  templateId: string;
  name: string;
  discountFen: number;
  /** 'coupon' = on list prices (member price not used), 'stacked' = on member prices. */
  basis: 'coupon' | 'stacked';
  /** Σ unit prices × qty before the coupon. */
  subtotalFen: number;
}

export interface OrderDoc {
  _id: string;
  openid: string;
  unionid?: string;
  kind: OrderKind;
  status: OrderState;
  title: string;
  lines: OrderLine[];
  totalFen: number;
  payWith: PayWith;
  payment?: { provider: 'cloudpay' | 'local'; state: PaymentState; transactionId?: string; paidAt?: number; lateRefundId?: string };
  balance?: { entryId: string; principalFen: number; bonusFen: number; draws: LotDraw[]; refundedDraws: LotDraw[] };
  /** 组合支付: the split (the balance part becomes `balance` when the WeChat part is paid). */
  combined?: CombinedPart;
  membership?: {
    planId: string;
    planName: string;
    termDays: number;
    startsAt?: number;
    expiresAt?: number;
    entitlementId?: string;
    /** 提前续费奖励: the coupon this renewal earned (issued in its payment's transaction). */
    renewalCouponId?: string;
    /** The refund rules it was sold with (the window is `refundWindowDays`): later settings never change them (older orders: migration 2026-12-membership-refund-policy). */
    refundPolicy: MembershipRefundPolicy;
  };
  topUp?: { planId?: string; principalFen: number; bonusFen: number; termsVersion: string };
  qualifyingFen: number;
  qualifyingReversedFen: number;
  refundedFen: number;
  refundWindowDays: number;
  /** The coupon this order holds (reserved at creation, used on payment, released if it closes unpaid). */
  coupon?: OrderCoupon;
  /** Where physical goods go (product orders, from checkout). */
  delivery?: Delivery;
  /** Set when paid: pending (physical, waiting for the operator) or delivered (virtual). */
  fulfilment?: OrderFulfilment;
  requestId: string;
  createdAt: number;
  expiresAt: number;
  paidAt?: number;
  cancelledAt?: number;
  /** Why it was closed unpaid (order.cancel, the payment window, the hold limits). */
  cancelReason?: CancelReason;
  updatedAt: number;
  version: number;
}

export type EntitlementStatus = 'available' | 'claimed' | 'void' | 'suspended' | 'expired';

export type { Delivery } from '../gifts/delivery';

export interface EntitlementDoc {
  /** Tier gifts: claim time left when refunds suspended it (the claim clock pauses meanwhile). */
  suspendedRemainingMs?: number;
  suspendedAt?: number;
  _id: string;
  openid: string;
  source: 'welcome' | 'tier';
  giftId: string;
  name: string;
  items: string[];
  valueFen: number;
  costFen: number;
  status: EntitlementStatus;
  grantedAt: number;
  claimDeadline: number;
  orderId?: string;
  claimedAt?: number;
  delivery?: Delivery;
  fulfilment?: Fulfilment;
  version: number;
}

/**
 * One WeChat refund request (shared/orders/states.ts: pending → requested → succeeded | failed).
 * `nextAt` is when the sweep acts on it next (re-send a pending one, query a requested one).
 */
export interface RefundPart {
  outTradeNo: string;
  totalFee: number;
  refundFee: number;
  outRefundNo: string;
  state: RefundPartState;
  providerRefundId?: string;
  /** The last problem: a refused request (`<err_code>: <message>`), CHANGE/REFUNDCLOSE, a result that did not match. */
  error?: string;
  /** Refund calls WeChat refused or did not answer. */
  attempts?: number;
  /** When WeChat accepted the request (the result is awaited from then on). */
  requestedAt?: number;
  /** queryRefund calls made for this part, and the last one. */
  queries?: number;
  lastQueryAt?: number;
  nextAt?: number;
  /** WeChat's refund_status once final, when it said so, and where the money went (refund_recv_accout). */
  resultStatus?: 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE';
  finishedAt?: number;
  recvAccount?: string;
}

export interface RefundDoc {
  _id: string;
  openid: string;
  kind: 'order' | 'membership' | 'wallet' | 'late-payment' | 'topup-over-cap';
  orderId?: string;
  lines?: Array<{ productId: string; qty: number; amountFen: number }>;
  amountFen: number;
  /** For stored-value refunds: the bonus forfeited. */
  forfeitBonusFen?: number;
  /** Money back through WeChat Pay (one part per original payment). */
  parts: RefundPart[];
  /** Money back into stored value (balance-paid orders). */
  toBalanceFen: number;
  status: RefundState;
  requestId: string;
  createdAt: number;
  /** Set when the last part succeeded (the customer sees 已退款 from then on). */
  completedAt?: number;
  /**
   * The earliest `nextAt` of its parts that still need WeChat: pending and requested ones, and failed
   * CHANGE ones (still queried now and then) — the sweep finds it through (status, driveAt).
   */
  driveAt?: number;
  /**
   * While pending: since when the customer has been waiting (created, or an operator's retry). 运营后台 ·
   * 退款 「处理中过久」 lists those waiting longer than settings.refundStuckHours, through (status, waitingSince).
   */
  waitingSince?: number;
  /** Operator retries (运营后台 · 退款 · 重试) and the last one. */
  retries?: number;
  lastRetryAt?: number;
  updatedAt?: number;
}

/**
 * A WeChat shipping-info upload (outbox): written in the same transaction as the fulfilment it
 * reports, sent after the commit, re-driven by the scheduler sweep or an operator until WeChat
 * accepts it. One per order (`shp_<orderId>`), so it can never be sent for two different facts.
 *   pending → (lease, call WeChat) → succeeded | failed;  failed → retried (sweep when due, or operator)
 *   pending/failed → cancelled when the order was fully refunded meanwhile.
 */
export type { ShippingUploadState } from '../ops/views';
import type { ShippingUploadState } from '../ops/views';

export interface ShippingUploadDoc {
  _id: string;
  orderId: string;
  openid: string;
  logistics: Logistics;
  state: ShippingUploadState;
  /** The request body as sent to WeChat (built once, when the fulfilment happened). */
  body?: ShippingInfoBody;
  /** Why no body could be built (then it fails without calling WeChat). */
  buildError?: string;
  attempts: number;
  /** Only the holder of an unexpired lease calls WeChat, so a sweep and an operator retry never both send. */
  leaseUntil?: number;
  nextAttemptAt?: number;
  lastAttemptAt?: number;
  lastError?: string;
  succeededAt?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const shippingUploadIdOf = (orderId: string) => `shp_${orderId}`;

export * from './wallet';
export * from './membership';
export * from './hold';
export * from './member-card';
export * from './cart';
export * from './display-profile';
export * from './address-book';
export * from './followup';
