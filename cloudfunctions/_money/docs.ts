import type { Delivery, Fulfilment } from '../../shared/gifts/delivery';
import type { Lot, LotDraw } from '../../shared/ledger/lots';
import type { EntryType } from '../../shared/ledger/entries';
import type { OrderState, PaymentState, RefundState } from '../../shared/orders/states';

/** Stored document shapes of the money core. Ids are derived from the customer and request ids. */
export type OrderKind = 'product' | 'membership' | 'topup';
export type PayWith = 'wechat' | 'balance';

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
  membership?: { planId: string; planName: string; termDays: number; startsAt?: number; expiresAt?: number; entitlementId?: string };
  topUp?: { planId?: string; principalFen: number; bonusFen: number; termsVersion: string };
  qualifyingFen: number;
  qualifyingReversedFen: number;
  refundedFen: number;
  refundWindowDays: number;
  requestId: string;
  createdAt: number;
  expiresAt: number;
  paidAt?: number;
  cancelledAt?: number;
  updatedAt: number;
  version: number;
}

export interface WalletDoc {
  _id: string;
  openid: string;
  principalFen: number;
  bonusFen: number;
  lots: Lot[];
  termsVersion?: string;
  termsAcceptedAt?: number;
  version: number;
  updatedAt: number;
}

export interface EntryDoc {
  _id: string;
  walletId: string;
  openid: string;
  type: EntryType;
  principalDeltaFen: number;
  bonusDeltaFen: number;
  draws: LotDraw[];
  /** Wallet balance right after this entry (for display; the sum of entries is authoritative). */
  balanceAfterFen: number;
  orderId?: string;
  refundId?: string;
  memo: string;
  at: number;
}

export interface MembershipTerm {
  orderId: string;
  planId: string;
  startsAt: number;
  expiresAt: number;
  refunded: boolean;
  entitlementId?: string;
}

export interface MembershipDoc {
  _id: string;
  openid: string;
  expiresAt: number;
  terms: MembershipTerm[];
  version: number;
  updatedAt: number;
}

export type EntitlementStatus = 'available' | 'claimed' | 'void' | 'suspended' | 'expired';

export type { Delivery } from '../../shared/gifts/delivery';

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

export interface RefundPart {
  outTradeNo: string;
  totalFee: number;
  refundFee: number;
  outRefundNo: string;
  state: RefundState;
  providerRefundId?: string;
  error?: string;
  attempts?: number;
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
  completedAt?: number;
}

export const walletIdOf = (openid: string) => `wal_${openid}`;
export const membershipIdOf = (openid: string) => `mem_${openid}`;

export const COLL = {
  orders: 'orders',
  wallets: 'wallets',
  entries: 'wallet_entries',
  memberships: 'memberships',
  entitlements: 'entitlements',
  giftStock: 'gift_stock',
  refunds: 'refunds',
  events: 'events',
  products: 'products',
  profiles: 'profiles',
  trials: 'trial_reservations',
} as const;
