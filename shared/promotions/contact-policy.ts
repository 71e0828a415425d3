import type { Settings } from '../settings';
import { lifeKeyOf, type LifeStage } from '../segments/keys';
import { DAY_MS } from '../time';
import type { CouponOffer, CouponRule } from './coupon';

/**
 * Contact policy (PRODUCT.md "Promotions and contact policy", seed 001): each life stage has its
 * own cap of messages per rolling 7 days and its own allowed offer depth. Pure: the stage comes
 * from the profile's stored segment keys, the past sends from the customer's contact record.
 */
export type PolicyStage = LifeStage | 'prospect';
export type OfferDepth = 'none' | 'small' | 'big';

export const WINDOW_MS = 7 * DAY_MS;

/** Which offers a stage may get (the setting `contactPolicy.<stage>.offers`; see offerAllowed). */
import { CONTACT_OFFERS, CONTACT_OFFER_LABELS } from '../settings/promotions';
export { CONTACT_OFFERS, CONTACT_OFFER_LABELS };
export type ContactOffer = (typeof CONTACT_OFFERS)[number];

export const POLICY_STAGE_LABELS: Readonly<Record<PolicyStage, string>> = {
  active: '活跃',
  silent: '沉默',
  sleeping: '沉睡',
  churned: '流失',
  prospect: '未成交（新客、体验客）',
};

/** The stage whose policy applies: the profile's life stage, or `prospect` before a first standing purchase. */
export const policyStageOf = (segments: readonly string[] | undefined): PolicyStage => lifeKeyOf(segments) ?? 'prospect';

/** How deep an offer is, by the settings' thresholds (see offerDepthSchema). No coupon = 'none'. */
export function offerDepthOf(rule: Pick<CouponRule, 'offer' | 'minSpendFen'> | undefined, s: Pick<Settings, 'offerDepth'>): OfferDepth {
  if (!rule) return 'none';
  return isSmall(rule.offer, rule.minSpendFen, s.offerDepth) ? 'small' : 'big';
}

function isSmall(offer: CouponOffer, minSpendFen: number, d: Settings['offerDepth']): boolean {
  if (offer.code === 'percent-off') return offer.args.percent <= d.smallMaxPercent;
  const fen = offer.args.amountFen;
  return fen <= d.smallMaxAmountFen || (minSpendFen > 0 && fen * 100 <= d.smallMaxPercent * minSpendFen);
}

/**
 * Whether a stage accepts an offer: 'none' stages take content only; 'small' up to small offers;
 * 'big' any; 'big-sale-only' (churned) only a campaign the operator marked as a big sale (大促).
 */
export function offerAllowed(stagePolicy: Settings['contactPolicy']['active'], depth: OfferDepth, bigSale: boolean): boolean {
  switch (stagePolicy.offers) {
    case 'none':
      return depth === 'none';
    case 'small':
      return depth !== 'big';
    case 'big':
      return true;
    case 'big-sale-only':
      return bigSale;
  }
}

/** Sends still inside the rolling window at `now` (a send exactly 7 days old has left it). */
export const sendsInWindow = (sentAt: readonly number[], now: number): number[] => sentAt.filter((t) => t > now - WINDOW_MS && t <= now);

export type ContactDecision = { ok: true } | { ok: false; reason: 'offer-too-deep' | 'capped' };

/**
 * May this customer get one more message now? Offer depth first (a stage that must not get this
 * offer is not "capped"), then the cap over the rolling 7 days.
 */
export function contactDecision(args: { segments: readonly string[] | undefined; sentAt: readonly number[]; depth: OfferDepth; bigSale: boolean; now: number }, s: Pick<Settings, 'contactPolicy'>): ContactDecision {
  const policy = s.contactPolicy[policyStageOf(args.segments)];
  if (!offerAllowed(policy, args.depth, args.bigSale)) return { ok: false, reason: 'offer-too-deep' };
  if (sendsInWindow(args.sentAt, args.now).length >= policy.maxPer7Days) return { ok: false, reason: 'capped' };
  return { ok: true };
}
