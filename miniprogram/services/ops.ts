import type { Envelope } from '@shared/errors/envelope';
import type { FulfilmentState } from '@shared/gifts/delivery';
import type { GiftClaimView } from '@shared/tiers/view';
import type { CallFunction } from './cloud';
import type { Cursor } from './order';

/** Typed calls to the `ops` function (API.md). Everything but `role` answers FORBIDDEN to non-operators. */
export type { GiftClaimView } from '@shared/tiers/view';
export type { FulfilmentState } from '@shared/gifts/delivery';

export interface OpsRole {
  operator: boolean;
  owner: boolean;
}

export interface OpsService {
  /** Any signed-in customer may ask: it decides whether the app shows the operator entry. */
  role(): Promise<Envelope<OpsRole>>;
  giftClaims(state: FulfilmentState, cursor?: Cursor): Promise<Envelope<{ claims: GiftClaimView[]; nextCursor?: Cursor }>>;
  /** 快递到家 claims only (INVALID_STATE otherwise). */
  shipGift(entitlementId: string, carrier: string, trackingNo: string, requestId: string): Promise<Envelope<GiftClaimView>>;
  /** 到店自提 claims. */
  markPickedUp(entitlementId: string, requestId: string): Promise<Envelope<GiftClaimView>>;
}

export const createOpsService = (call: CallFunction): OpsService => ({
  role: () => call<OpsRole>('ops', { action: 'role' }),
  giftClaims: (state, cursor) => call('ops', cursor === undefined ? { action: 'giftClaims', state } : { action: 'giftClaims', state, cursor }),
  shipGift: (entitlementId, carrier, trackingNo, requestId) => call<GiftClaimView>('ops', { action: 'shipGift', entitlementId, carrier, trackingNo, requestId }),
  markPickedUp: (entitlementId, requestId) => call<GiftClaimView>('ops', { action: 'markPickedUp', entitlementId, requestId }),
});
