import type { OrderKind } from '../orders/order-view';
import type { OrderState } from '../orders/states';
import type { EventType } from '../events/domain-event';
import type { TierGiftStatus } from '../tiers/view';
import type { CustomerDisplay } from '../customers/display-profile';
import type { CustomerProfile } from './profile';

/**
 * What the `segment` function answers with — one contract the server builds
 * (cloudfunctions/_segments) and the operator pages of the Mini Program read.
 */

/** One row of a segment list (and of its CSV export: the same fields, in the same order). */
export interface SegmentMember {
  openid: string;
  unionid?: string;
  layer?: string;
  life?: string;
  member?: string;
  /** Qualifying purchases that still stand (trials, top-ups, fees, refunded orders excluded). */
  purchases: number;
  qualifyingSpendFen: number;
  lastPurchaseAt?: number;
  membershipExpiresAt?: number;
  tags: string[];
  segments: string[];
  lastEventAt?: number;
}

/** A segment list row as operators see it: the member and how they chose to be shown (头像昵称). */
export type SegmentMemberRow = SegmentMember & { customer: CustomerDisplay };

/** segment.list */
export interface SegmentListView {
  key: string;
  total: number;
  members: SegmentMemberRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** segment.export: one page of the CSV file. */
export interface ExportPage {
  /** CSV text of this page (CRLF line ends); the first page starts with a UTF-8 BOM and the header. */
  csv: string;
  rows: number;
  nextCursor: string | null;
  /** Members in the segment when the export started (first page only: the client keeps it for progress). */
  total?: number;
  done: boolean;
}

export interface TimelineItem {
  eventId: string;
  type: EventType;
  at: number;
  orderId?: string;
  refundId?: string;
  totalFen: number;
  qualifyingDeltaFen: number;
  data?: Record<string, unknown>;
}

/** segment.timeline: newest first; cursor = the last page's time. */
export interface TimelinePage {
  items: TimelineItem[];
  nextCursor: number | null;
}

export interface CustomerOrderRow {
  orderId: string;
  kind: OrderKind;
  status: OrderState;
  title: string;
  totalFen: number;
  refundedFen: number;
  createdAt: number;
  paidAt?: number;
}

/** segment.customer */
export interface CustomerView {
  openid: string;
  unionid?: string;
  /** The nickname and avatar the customer chose (null: none; show 「顾客（尾号 xxxx）」). */
  display: CustomerDisplay;
  /** Keys as stored (what lists show) and as they read now (differ only while a transition is due). */
  segments: string[];
  segmentsNow: string[];
  nextTransitionAt: number | null;
  facts: {
    layer: string;
    life: string | null;
    member: string | null;
    purchases: number;
    purchasesPaid: number;
    purchasesRefunded: number;
    firstPurchaseAt: number | null;
    lastPurchaseAt: number | null;
    qualifyingSpendFen: number;
    membershipExpiresAt: number | null;
    trials: CustomerProfile['trials'];
    interactions: CustomerProfile['interactions'];
    survey: CustomerProfile['survey'];
    tags: string[];
    giftsClaimed: number;
    eventsApplied: number;
    firstEventAt: number | null;
    lastEventAt: number | null;
  };
  timeline: TimelinePage;
  orders: CustomerOrderRow[];
  wallet: { principalFen: number; bonusFen: number; totalFen: number };
  tiers: {
    qualifyingSpendFen: number;
    tiers: Array<{ thresholdFen: number; giftId: string; giftName: string; status: TierGiftStatus; gapFen: number }>;
    nextGapFen: number | null;
  };
}

export type WecomMode = 'corp-api' | 'local-recorder';

/** segment.syncTags / syncJobs: a WeCom tag sync job as the operator sees it. */
export interface SyncJobView {
  jobId: string;
  key: string;
  tagId: string;
  by: string;
  mode: WecomMode;
  state: 'running' | 'done';
  /** Last openid whose page was fully sent (segment list cursor); null = from the start. */
  cursor: string | null;
  /** Segment size when the job started (for progress). */
  total: number;
  processed: number;
  tagged: number;
  /** Not a WeCom contact (never added a staff member) or no unionid to find them by. */
  skipped: number;
  failed: number;
  /** The first failures (openid + WeCom errcode), for the operator to look into. */
  failures: Array<{ openid: string; errcode: number; errmsg: string }>;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  /** Another call is sending right now (this answer is its progress). */
  busy: boolean;
  /** Call again with the same requestId to go on. */
  more: boolean;
}

/** One externalcontact/mark_tag call as the local recorder stored it (the corp API adapter sends, it does not store). */
export interface WecomCallView {
  callId: string;
  api: 'externalcontact/mark_tag';
  jobId: string;
  openid: string;
  /** The request body exactly as the corp API adapter POSTs it. */
  body: { userid: string; external_userid: string; add_tag: string[]; remove_tag: string[] };
  result: { errcode: number; errmsg: string };
  at: number;
}

/** segment.wecomSyncLog */
export interface SyncLog {
  mode: WecomMode | 'not-configured';
  calls: WecomCallView[];
  nextCursor: number | null;
  job?: SyncJobView;
}

/** segment.syncJobs: newest first. */
export interface SyncJobsPage {
  mode: WecomMode | 'not-configured';
  jobs: SyncJobView[];
  nextCursor: number | null;
}
