import type { CustomerDisplay } from '../customers/display-profile';
import type { Delivery, Fulfilment } from '../gifts/delivery';
import type { EntitlementDoc } from '../documents';

/**
 * What `member.tiers` returns (API.md): the customer's qualifying spend, each tier with its gift and
 * where that gift stands for this customer, and how far the next unclaimed gift is.
 *
 * status:
 * - locked     spend has not reached the threshold (and no gift was ever granted for it)
 * - available  granted, unclaimed, within the claim deadline
 * - claimed    claimed (see `fulfilment` for shipping / pickup)
 * - suspended  granted but refunds dropped spend below the threshold before it was claimed;
 *              regaining the spend restores it
 * - expired    granted but not claimed before `claimDeadline`
 */
export type TierGiftStatus = 'locked' | 'available' | 'claimed' | 'suspended' | 'expired';

export interface TierView {
  thresholdFen: number;
  giftId: string;
  giftName: string;
  items: string[];
  valueFen: number;
  status: TierGiftStatus;
  /** Spend still missing to reach this threshold (0 once reached). */
  gapFen: number;
  entitlementId?: string;
  claimDeadline?: number;
  claimedAt?: number;
  delivery?: Delivery;
  fulfilment?: Fulfilment;
}

export interface TiersView {
  qualifyingSpendFen: number;
  tiers: TierView[];
  /** "再消费 ¥X 可领取 <gift>": spend missing to the next gift not yet granted; null when none is left. */
  nextGapFen: number | null;
  nextGift?: { giftId: string; name: string; thresholdFen: number };
}

/** One claimed gift as the operator's fulfilment list shows it (`ops.giftClaims`). */
export interface GiftClaimView extends Pick<EntitlementDoc, 'openid' | 'source' | 'giftId' | 'name' | 'items' | 'valueFen'> {
  entitlementId: string;
  claimedAt: number;
  delivery: Delivery;
  fulfilment: Fulfilment;
  /** Operators' gift claim list: the nickname and avatar the customer chose (头像昵称), looked up once per page. */
  customer?: CustomerDisplay;
}
