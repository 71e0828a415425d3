import type { membershipApi } from '@shared/api/membership';
import type { Delivery } from '@shared/gifts/delivery';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `membership` function (shared/api/membership.ts). */
export type { GiftPackStatus, GiftPackView, MembershipStatus } from '@shared/api/membership';
/** The same delivery shape the tier gifts and the operator list use (shared/gifts). */
export type { Delivery, Fulfilment } from '@shared/gifts/delivery';
export type { MembershipRefundQuote } from '@shared/membership/refund';

type Api = typeof membershipApi;

export interface MembershipService {
  status(): Out<Api, 'status'>;
  buy(planId: string, requestId: string): Out<Api, 'buy'>;
  claimPack(entitlementId: string, delivery: Delivery, requestId: string): Out<Api, 'claimPack'>;
  refundQuote(): Out<Api, 'refundQuote'>;
  refund(requestId: string): Out<Api, 'refund'>;
}

export const createMembershipService = (call: CallFunction): MembershipService => {
  const membership = callerOf<Api>(call, 'membership');
  return {
    status: () => membership('status'),
    buy: (planId, requestId) => membership('buy', { planId, requestId }),
    claimPack: (entitlementId, delivery, requestId) => membership('claimPack', { entitlementId, delivery: { ...delivery }, requestId }),
    refundQuote: () => membership('refundQuote'),
    refund: (requestId) => membership('refund', { requestId }),
  };
};
