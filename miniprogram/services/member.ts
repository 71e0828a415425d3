import type { memberApi } from '@shared/api/member';
import type { Delivery } from '@shared/gifts/delivery';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `member` function (shared/api/member.ts): spend tiers, tier gift claims, trial purchases. */
export type { TierGiftStatus, TierView, TiersView } from '@shared/tiers/view';
export type { TrialUseView } from '@shared/trials/view';
export type { MemberCardView } from '@shared/api/member';

type Api = typeof memberApi;

export interface MemberService {
  tiers(): Out<Api, 'tiers'>;
  /** Claim the gift of a reached tier. Without `delivery` the server records 到店自提. */
  claimGift(giftId: string, requestId: string, delivery?: Delivery): Out<Api, 'claimGift'>;
  trials(): Out<Api, 'trials'>;
  /** The member card and this minute's code (the card is made on the first ask). */
  code(): Out<Api, 'code'>;
  /** 会员卡: number, balance, coupons, and this term's 已省 against the fee. */
  card(): Out<Api, 'card'>;
}

export const createMemberService = (call: CallFunction): MemberService => {
  const member = callerOf<Api>(call, 'member');
  return {
    tiers: () => member('tiers'),
    claimGift: (giftId, requestId, delivery) => member('claimGift', { giftId, requestId, delivery: delivery ? { ...delivery } : undefined }),
    trials: () => member('trials'),
    code: () => member('code'),
    card: () => member('card'),
  };
};
