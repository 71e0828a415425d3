import { z } from 'zod';
import { deliverySchema, type Delivery, type Fulfilment } from '../gifts/delivery';
import type { MembershipRefundQuote } from '../membership/refund';
import { action } from './contract';
import { entitlementIdSchema, noInput, requestIdSchema } from './common';
import { wholeRefundAction, type PlacedOrder } from './order';

export type GiftPackStatus = 'available' | 'claimed' | 'void' | 'suspended' | 'expired';

export interface GiftPackView {
  entitlementId: string;
  name: string;
  items: string[];
  valueFen: number;
  status: GiftPackStatus;
  claimDeadline: number;
  delivery?: Delivery;
  fulfilment?: Fulfilment;
}

export interface MembershipStatus {
  active: boolean;
  status?: 'none' | 'active' | 'expiring' | 'lapsed';
  expiresAt?: number;
  giftPack?: GiftPackView;
  /** 提前续费奖励 that a renewal paid now would earn (only while it applies to this member). */
  earlyRenewalReward?: { couponName: string; daysBefore: number };
}

/** The `membership` function (API.md): the paid annual membership and its welcome pack. */
export const membershipApi = {
  buy: action<PlacedOrder>()({
    summary: '开通或续费会员（微信支付，或余额支付）。',
    auth: 'customer',
    input: z.object({ planId: z.string().min(1).max(40), payWith: z.enum(['wechat', 'balance']).optional(), requestId: requestIdSchema }).strict(),
    errors: ['INSUFFICIENT_BALANCE', 'UNPAID_ORDER_LIMIT', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  status: action<MembershipStatus>()({ summary: '会员状态、到期时间与本期礼包。', auth: 'customer', input: noInput }),
  claimPack: action<GiftPackView>()({
    summary: '领取本期会员礼包（快递或自提）。',
    auth: 'customer',
    input: z.object({ entitlementId: entitlementIdSchema, delivery: deliverySchema, requestId: requestIdSchema }).strict(),
    errors: ['GIFT_NOT_CLAIMABLE', 'GIFT_OUT_OF_STOCK', 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  refundQuote: action<MembershipRefundQuote>()({ summary: '会员费退款试算：可退金额、扣除的礼包与已享优惠、期限与领礼包的影响。', auth: 'customer', input: noInput }),
  refund: wholeRefundAction('退会员费（按开通时的退款规则）。'),
};
