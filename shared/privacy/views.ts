/**
 * What the 隐私与数据 page and the `privacy` function agree on (PIPL, issue 7): what we hold about
 * a customer, what deleting the account does to each kind of data, why some of it is kept, and
 * what stands in the way of deleting it right now.
 */

/** The Chinese sentence every "kept" line ends with: why financial records survive a deletion. */
export const KEPT_REASON = '财务记录依法保存，已与您的身份解除关联';

/** Kinds of data, in the order the page lists them, with their Chinese names (one table: a key cannot lack its label). */
export const PRIVACY_GROUP_LABELS = {
  profile: '个人资料与分群标签',
  display: '头像与昵称',
  survey: '问卷回答',
  orders: '订单',
  refunds: '退款记录',
  wallet: '钱包余额与流水',
  lots: '储值批次',
  membership: '会员',
  gifts: '礼品领取',
  addresses: '常用收货地址',
  coupons: '优惠券',
  messages: '消息、订阅授权与触达记录',
  events: '行为与交易记录',
  trials: '体验装购买记录',
  shipping: '微信发货信息',
  wecom: '企业微信联系人',
} as const satisfies Record<string, string>;
export type PrivacyGroupKey = keyof typeof PRIVACY_GROUP_LABELS;

/** What deleting the account does to a kind of data. */
export type OnDelete = 'delete' | 'anonymise' | 'mixed';

export interface PrivacyGroupView {
  key: PrivacyGroupKey;
  /** e.g. 订单 */
  label: string;
  count: number;
  /** One line about what it is, e.g. 其中 2 笔含收货人姓名、电话和地址 */
  detail: string;
  onDelete: OnDelete;
  /** e.g. 保留（已匿名），收货信息删除 */
  onDeleteText: string;
}

/**
 * Why the account cannot be deleted right now. Each says what to do next; `go` tells the page where
 * that happens (钱包 / 我的订单), so the customer can act with one tap.
 */
export const BLOCKER_CODES = ['OPERATOR_ACCOUNT', 'BALANCE_OUTSTANDING', 'ORDERS_UNPAID', 'REFUNDS_IN_PROGRESS', 'AWAITING_SHIPMENT', 'SHIPPING_INFO_SYNCING'] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface DeletionBlocker {
  code: BlockerCode;
  message: string;
  go?: 'wallet' | 'orders' | 'gifts';
}

export interface PrivacySummary {
  groups: PrivacyGroupView[];
  /** Reasons the account cannot be deleted now (empty = it can). */
  blockers: DeletionBlocker[];
  /** What the customer gives up by deleting (membership days left, unclaimed gifts, bonus balance). */
  warnings: string[];
  /** A deletion of this account is under way (the page keeps it going; when it is paused, `blockers` says why). */
  deletionRunning: boolean;
}

/** One document in the export: which collection it came from and the document exactly as stored. */
export interface ExportedDocument {
  collection: string;
  /** Chinese name of the kind of data. */
  label: string;
  document: Record<string, unknown>;
}

export interface ExportPage {
  documents: ExportedDocument[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The openid the export is about (what WeChat identifies the customer by in this app). */
  openid: string;
  exportedAt: number;
}

export interface DeletionCounts {
  /** Documents deleted, per collection. */
  deleted: Record<string, number>;
  /** Documents kept without the customer's identity, per collection. */
  anonymised: Record<string, number>;
  /** Operator records that mentioned the customer and no longer do, per collection. */
  redacted: Record<string, number>;
}

export interface DeletionResult extends DeletionCounts {
  /**
   * running: call again with the same requestId (each call works a few seconds); done: finished;
   * blocked: stopped because money or goods turned up after it began (`blockers`: what to settle) —
   * `privacy.deleteAccount` answers it as ACCOUNT_DELETION_BLOCKED with `details.state: 'blocked'`.
   */
  state: 'running' | 'blocked' | 'done';
  requestedAt: number;
  finishedAt?: number;
  blockers?: DeletionBlocker[];
}
