import type { MessageKind } from '../settings/options';
import type { CampaignInput } from './campaign';
import type { CampaignCounts, CampaignResults } from './campaign-report';
import type { PolicyStage } from './contact-policy';

/**
 * What the `campaign` and `messages` functions answer (the wire shapes): the server's use cases
 * return these types and the Mini Program reads them — one contract for both sides.
 */
export type CampaignStatus = 'draft' | 'launching' | 'live' | 'paused' | 'ended';

/** Where a launch is in the audience: clause by clause, each walked by its first key's segment list. */
export interface LaunchCursor {
  clause: number;
  /** Last openid handled in that clause's list (the segment list's stable cursor). */
  after?: string;
  done: boolean;
}

/** The fields a stored campaign and its wire view share (cloudfunctions/_campaigns/docs.ts adds the rest). */
export interface CampaignCore extends CampaignInput {
  _id: string;
  status: CampaignStatus;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  launchedAt?: number;
  pausedAt?: number;
  /** Status a resume returns to. */
  pausedFrom?: 'launching' | 'live';
  finishedAt?: number;
  /** When the timer closed it past its end time (进行中 / 已暂停 → 已结束). */
  endedAt?: number;
  launch?: LaunchCursor;
  /** Customers the launch has walked so far (incl. holdout and skipped). */
  processed: number;
  version: number;
}

export interface CampaignView extends CampaignCore {
  /** Outcome counters so far. */
  stats: CampaignCounts;
}

/** `campaign.preview`: what a launch would do now, without doing it. */
export interface CampaignPreviewView {
  audience: number;
  holdout: number;
  reachable: number;
  capped: number;
  offerTooDeep: number;
  noGrant: number;
  /** No 活动通知 template id configured (设置 › 消息模板): nobody can be messaged. */
  noTemplate: number;
  /** Coupons the launch would issue (the customers allowed the offer, while coupons last). */
  coupons: number;
  /** Allowed the offer but no coupon left for them (sold out, or their per-customer limit reached): no coupon, no message. */
  noCoupon: number;
  /** Their stage takes no offer this deep: the content message instead of the coupon. */
  contentOnly: number;
  /** Coupons the template has left now (absent: no total quantity). */
  couponsLeft?: number;
  byStage: Record<PolicyStage, number>;
  /** The audience was larger than the preview walks: figures are scaled estimates. */
  estimated: boolean;
  walked: number;
}

export interface CampaignReportView {
  campaignId: string;
  name: string;
  status: CampaignStatus;
  launchedAt?: number;
  attributionDays: number;
  holdoutPercent: number;
  counts: CampaignCounts;
  results: CampaignResults;
}

/** One message that reached the customer (messages.inbox). */
export interface InboxItem {
  messageId: string;
  kind: MessageKind;
  title: string;
  detail: string;
  page: string;
  until: number;
  sentAt: number;
  openedAt?: number;
}

/** What wx.requestSubscribeMessage answers per template. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

/** One-time grants the customer has given us, per kind of message (messages.grants). */
export type GrantsView = Record<MessageKind, { templateId: string; remaining: number }>;
