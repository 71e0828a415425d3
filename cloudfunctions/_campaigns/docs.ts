import type { CampaignCore, CampaignStatus, LaunchCursor } from '../../shared/promotions/campaign-views';
import type { PolicyStage } from '../../shared/promotions/contact-policy';
import type { MessageKind } from '../../shared/settings';
import { fnv1a } from '../../shared/promotions/campaign';
import { idFromKey } from '../_kit/ids';

export type { CampaignStatus };

export type { LaunchCursor };

export interface CampaignDoc extends CampaignCore {
  launchedBy?: string;
}

export type DeliveryOutcome = 'holdout' | 'sending' | 'sent' | 'capped' | 'offer-too-deep' | 'no-grant' | 'no-template' | 'no-coupon' | 'refused' | 'failed' | 'unknown';

/** One customer in one campaign (id from both): written once, so a re-launch never reaches anyone twice. */
export interface DeliveryDoc {
  _id: string;
  campaignId: string;
  openid: string;
  at: number;
  group: 'treated' | 'holdout';
  stage: PolicyStage;
  outcome: DeliveryOutcome;
  couponId?: string;
  /** The stage takes no offer this deep: the campaign's content message instead of the coupon. */
  contentOnly?: boolean;
  /** Why no coupon although the campaign has one (sold out, limit reached, paused template). */
  couponRefused?: string;
  messageId?: string;
  /** Orders until this moment count for the campaign (attribution window). */
  attributeUntil: number;
  /** Attribution (the profile consumer adds paid / refunded orders inside the window). */
  orderIds?: string[];
  convertedAt?: number;
  revenueFen?: number;
  /** Bonus (充X送Y's 送) inside revenueFen: spent stored value the shop collected no money for. */
  bonusFen?: number;
  cogsFen?: number;
  couponUsed?: boolean;
  couponCostFen?: number;
  optedOutAt?: number;
  version: number;
}

export const deliveryIdOf = (campaignId: string, openid: string) => idFromKey('cmd', campaignId, openid);

/** Counters of one campaign, spread over shards so concurrent writers rarely meet on one document. */
export interface StatsDoc {
  _id: string;
  campaignId: string;
  shard: number;
  counts: Partial<Record<StatKey, number>>;
  version: number;
}

export const STAT_KEYS = [
  'audience',
  'holdout',
  'treated',
  'sent',
  'capped',
  'offerTooDeep',
  'noGrant',
  'noTemplate',
  'refused',
  'failed',
  'unknown',
  'couponsIssued',
  'couponsRefused',
  'couponsUsed',
  'contentOnly',
  'convertedTreated',
  'convertedHoldout',
  'ordersTreated',
  'ordersHoldout',
  'revenueTreatedFen',
  'revenueHoldoutFen',
  'cogsTreatedFen',
  'cogsHoldoutFen',
  'bonusTreatedFen',
  'bonusHoldoutFen',
  'couponCostFen',
  'optOuts',
] as const;
export type StatKey = (typeof STAT_KEYS)[number];

export const STAT_SHARDS = 8;
export const statsShardOf = (openid: string) => fnv1a(openid) % STAT_SHARDS;
export const statsIdOf = (campaignId: string, shard: number) => `cst_${campaignId}_${shard}`;

/** `skipped`: decided not to send (contact cap, no grant, no template) — kept so a reminder is not re-decided every run. */
export type MessageState = 'reserved' | 'sent' | 'refused' | 'failed' | 'unknown' | 'skipped';

/** A subscription message we decided to send (id derived from what it is for: never sent twice). */
export interface MessageDoc {
  _id: string;
  openid: string;
  kind: MessageKind;
  templateId: string;
  source: { campaignId: string } | { membershipId: string; reminderDays: number; expiresAt: number };
  title: string;
  detail: string;
  page: string;
  /** Shown as the template's time field (coupon/offer end, membership expiry). */
  until: number;
  state: MessageState;
  createdAt: number;
  sentAt?: number;
  error?: { code: string; message: string };
  openedAt?: number;
  version: number;
}

/** Rolling record of messages a customer got (contact policy): one document per customer. */
export interface ContactDoc {
  _id: string;
  openid: string;
  /** Send times inside the last 7 days (older ones are pruned on every write). */
  sentAt: number[];
  version: number;
}
export const contactIdOf = (openid: string) => `cnt_${openid}`;

/** One-time subscription grants a customer gave us for one kind of message. */
export interface GrantDoc {
  _id: string;
  openid: string;
  kind: MessageKind;
  templateId: string;
  /** Grants not yet used: each accepted request adds one, each send uses one. */
  remaining: number;
  accepted: number;
  consumed: number;
  rejected: number;
  /** Last time the customer said no (or banned the template): promotion opt-out. */
  rejectedAt?: number;
  updatedAt: number;
  version: number;
}
export const grantIdOf = (openid: string, kind: MessageKind) => `sgr_${kind}_${openid}`;
