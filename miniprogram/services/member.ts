import type { Envelope } from '@shared/errors/envelope';
import type { Delivery } from '@shared/gifts/delivery';
import type { TierView, TiersView } from '@shared/tiers/view';
import type { TrialUseView } from '@shared/trials/view';
import type { CallFunction } from './cloud';

/** Typed calls to the `member` function (API.md): spend tiers, tier gift claims, trial purchases. */
export type { TierGiftStatus, TierView, TiersView } from '@shared/tiers/view';
export type { TrialUseView } from '@shared/trials/view';

export interface MemberService {
  tiers(): Promise<Envelope<TiersView>>;
  /** Claim the gift of a reached tier. Without `delivery` the server records 到店自提. */
  claimGift(giftId: string, requestId: string, delivery?: Delivery): Promise<Envelope<TierView>>;
  trials(): Promise<Envelope<{ trials: TrialUseView[] }>>;
}

export const createMemberService = (call: CallFunction): MemberService => ({
  tiers: () => call<TiersView>('member', { action: 'tiers' }),
  // An absent delivery is left out rather than sent as undefined: the server's schemas are strict.
  claimGift: (giftId, requestId, delivery) => call<TierView>('member', delivery ? { action: 'claimGift', giftId, requestId, delivery: { ...delivery } } : { action: 'claimGift', giftId, requestId }),
  trials: () => call<{ trials: TrialUseView[] }>('member', { action: 'trials' }),
});
