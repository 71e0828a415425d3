import type { MembershipRefundQuote } from '@shared/membership/refund';
import type { Envelope } from '@shared/errors/envelope';
import type { Delivery, Fulfilment } from '@shared/gifts/delivery';
import type { CallFunction } from './cloud';
import type { PlacedOrder, RefundResult } from './order';

/** Typed calls to the `membership` function (API.md). */
export type GiftPackStatus = 'available' | 'claimed' | 'void' | 'suspended' | 'expired';

/** The same delivery shape the tier gifts and the operator list use (shared/gifts). */
export type { Delivery, Fulfilment } from '@shared/gifts/delivery';

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
}

export type { MembershipRefundQuote } from '@shared/membership/refund';

export interface MembershipService {
  status(): Promise<Envelope<MembershipStatus>>;
  buy(planId: string, requestId: string): Promise<Envelope<PlacedOrder>>;
  claimPack(entitlementId: string, delivery: Delivery, requestId: string): Promise<Envelope<GiftPackView>>;
  refundQuote(): Promise<Envelope<MembershipRefundQuote>>;
  refund(requestId: string): Promise<Envelope<RefundResult>>;
}

export const createMembershipService = (call: CallFunction): MembershipService => ({
  status: () => call<MembershipStatus>('membership', { action: 'status' }),
  buy: (planId, requestId) => call<PlacedOrder>('membership', { action: 'buy', planId, requestId }),
  claimPack: (entitlementId, delivery, requestId) => call<GiftPackView>('membership', { action: 'claimPack', entitlementId, delivery: { ...delivery }, requestId }),
  refundQuote: () => call<MembershipRefundQuote>('membership', { action: 'refundQuote' }),
  refund: (requestId) => call<RefundResult>('membership', { action: 'refund', requestId }),
});
