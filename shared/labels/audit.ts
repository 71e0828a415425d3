import { FOLLOWUP_GOAL_LABELS } from '../followup/rules';
import { IMAGE_EXTENSIONS, type ImageType } from '../catalog/images';
import { SPEND_RULE_LABELS } from '../ledger/lots';
import { CLAIMED_PACK_LABELS, SAVINGS_POLICY_LABELS } from '../membership/refund';
import { formatYuan } from '../money/format';
import { SHIPPING_UPLOAD_STATE_LABELS } from '../ops/views';
import { carrierName, FULFILMENT_LABELS, type OrderFulfilmentState } from '../orders/fulfilment';
import { REFUND_PART_STATE_LABELS, type RefundState } from '../orders/states';
import { CAMPAIGN_ACTION_LABELS, CAMPAIGN_CONDITION_LABELS, CAMPAIGN_TEMPLATE_LABELS, MESSAGE_PAGE_LABELS } from '../promotions/campaign';
import { CAMPAIGN_STATUS_LABELS } from '../promotions/campaign-transitions';
import type { CampaignCore } from '../promotions/campaign-views';
import {
  COUPON_ISSUER_LABELS,
  COUPON_OFFER_LABELS,
  COUPON_STATUS_LABELS,
  COUPON_TEMPLATE_STATUS_LABELS,
  COUPON_VALIDITY_LABELS,
  COUPON_VOID_REASON_LABELS,
  offerLabel,
  type CouponDoc,
  type CouponRule,
  type CouponTemplate,
} from '../promotions/coupon';
import type { AuditEntity } from '../schemas/audit';
import { PRODUCT_LABELS, SETTINGS_LABELS, type FieldLabels } from '../schemas/issues';
import { PRODUCT_KIND_LABELS, PRODUCT_STATUS_LABELS } from '../schemas/product';
import { audienceText, type LabelRules } from '../segments/labels';
import { CONTACT_OFFER_LABELS, COUPON_ON_REFUND_LABELS, COUPON_STACKING_LABELS } from '../settings/promotions';
import { SURVEY_QUESTION_KIND_LABELS } from '../settings/survey';
import { BANNER_TARGET_LABELS } from '../settings/storefront';
import { actorLabel, customerLabel } from './actors';

/**
 * The words of the operator audit log (操作记录), in one place: what kind of thing changed, the
 * name of every field an entry can hold, and the words for every coded value (states, options,
 * templates, segment keys). The log on the Mini Program and the summaries the server writes read
 * them from here; a field or value these tables do not know reads as a Chinese phrase
 * (「其他设置」, 「其他选项」), never as its raw key. The option labels themselves live beside
 * their enums (CLAIMED_PACK_LABELS, CAMPAIGN_STATUS_LABELS, …): this module only gathers them.
 * shared/labels/__tests__ walks the real schemas and state tables and fails on a key without words.
 */
export const ENTITY_LABELS: Readonly<Record<AuditEntity, string>> = {
  product: '商品',
  settings: '设置',
  order: '订单',
  'gift-claim': '礼品',
  'shipping-upload': '发货信息上传',
  image: '图片',
  'coupon-template': '优惠券',
  campaign: '营销活动',
  refund: '退款',
  followup: '跟进任务',
};

/** A field no table names, per kind of record. */
export const UNKNOWN_FIELD_LABELS: Readonly<Record<AuditEntity, string>> = {
  product: '其他商品信息',
  settings: '其他设置',
  order: '其他订单信息',
  'gift-claim': '其他礼品信息',
  'shipping-upload': '其他上传信息',
  image: '其他图片信息',
  'coupon-template': '其他优惠券设置',
  campaign: '其他活动设置',
  refund: '其他退款信息',
  followup: '其他跟进任务信息',
};

/** A coded value its field's table does not know (a newer option, a retired one). */
export const UNKNOWN_VALUE_LABEL = '其他选项';

/** Fields of the fulfilment, upload and refund records (orders, gifts, shipping uploads, refunds, images). */
export const RECORD_LABELS: FieldLabels = {
  status: '状态',
  fulfilment: '发货',
  'fulfilment.state': '发货状态',
  carrier: '快递公司',
  carrierName: '快递公司',
  trackingNo: '运单号',
  at: '时间',
  by: '操作人',
  state: '状态',
  attempts: '尝试次数',
  lastError: '错误',
  parts: '微信退款',
  'parts.state': '状态',
  'parts.error': '错误',
  outRefundNo: '退款单号',
  fileID: '文件',
  contentType: '格式',
  size: '大小',
  imageUrl: '图片链接',
};

/** A stored campaign's fields (the content an operator edits, then what launching adds). */
export const CAMPAIGN_FIELD_LABELS: Readonly<Record<keyof CampaignCore, string>> = {
  _id: '活动编号',
  name: '活动名称',
  template: '活动模板',
  conditions: '目标人群',
  actions: '活动动作',
  schedule: '活动时间',
  holdoutPercent: '对照组比例',
  bigSale: '大促活动',
  attributionDays: '转化统计天数',
  status: '状态',
  createdAt: '创建时间',
  createdBy: '创建人',
  updatedAt: '修改时间',
  launchedAt: '发布时间',
  pausedAt: '暂停时间',
  pausedFrom: '暂停前状态',
  finishedAt: '发送完成时间',
  endedAt: '结束时间',
  launch: '发送进度',
  processed: '已处理人数',
  version: '版本',
};

export const CAMPAIGN_LABELS: FieldLabels = {
  ...CAMPAIGN_FIELD_LABELS,
  // Inside conditions and actions: `args` is a wrapper that says nothing to a reader.
  code: '类型',
  'conditions.code': '圈选方式',
  'actions.code': '动作',
  args: '',
  anyOf: '人群条件',
  templateId: '发放的优惠券',
  title: '消息标题',
  detail: '消息内容',
  page: '点击后打开',
  startAt: '开始时间',
  endAt: '结束时间',
  'launch.clause': '人群条件序号',
  'launch.after': '已处理到',
  'launch.done': '发送完毕',
};

/** A coupon template's fields, and those of a coupon issued from it (coupon.issue records the coupon). */
export const COUPON_TEMPLATE_FIELD_LABELS: Readonly<Record<keyof CouponTemplate, string>> = {
  _id: '券编号',
  name: '券名称',
  offer: '优惠',
  minSpendFen: '使用门槛',
  productIds: '适用商品',
  nextPurchaseOnly: '仅限下一单使用',
  validity: '有效期',
  perCustomerLimit: '每人限领',
  totalQuantity: '发放总量',
  claimable: '在领券中心公开领取',
  status: '状态',
  createdAt: '创建时间',
  createdBy: '创建人',
  updatedAt: '修改时间',
  version: '版本',
};

export const COUPON_FIELD_LABELS: Readonly<Record<keyof CouponDoc, string>> = {
  _id: '券编号',
  openid: '顾客',
  templateId: '优惠券',
  issuedBy: '发放方式',
  issueKey: '发放依据',
  issuedAt: '发放时间',
  rule: '券规则',
  validFrom: '生效时间',
  validUntil: '失效时间',
  nextPurchaseAfter: '下一单起算时间',
  status: '状态',
  orderId: '使用的订单',
  reservedAt: '占用时间',
  usedAt: '使用时间',
  discountFen: '抵扣金额',
  voidedAt: '作废时间',
  voidReason: '作废原因',
  restoredAt: '退回时间',
  version: '版本',
};

export const COUPON_LABELS: FieldLabels = {
  ...COUPON_FIELD_LABELS,
  ...COUPON_TEMPLATE_FIELD_LABELS,
  code: '类型',
  'offer.code': '优惠方式',
  args: '',
  amountFen: '减免金额',
  percent: '折扣比例',
  maxOffFen: '最多减',
  'validity.kind': '有效期方式',
  from: '开始时间',
  until: '结束时间',
  days: '有效天数',
};

/** A stored product's bookkeeping fields (the form's fields are PRODUCT_LABELS). */
const PRODUCT_RECORD_LABELS: FieldLabels = { _id: '商品编号', revision: '版本', createdAt: '创建时间', updatedAt: '修改时间', updatedBy: '修改人', archivedAt: '下架时间' };

/** Field names by kind of record. */
export const FIELD_LABELS: Readonly<Record<AuditEntity, FieldLabels>> = {
  product: { ...RECORD_LABELS, ...PRODUCT_RECORD_LABELS, ...PRODUCT_LABELS },
  settings: { ...RECORD_LABELS, ...SETTINGS_LABELS },
  order: RECORD_LABELS,
  'gift-claim': RECORD_LABELS,
  'shipping-upload': RECORD_LABELS,
  image: RECORD_LABELS,
  'coupon-template': { ...RECORD_LABELS, ...COUPON_LABELS },
  campaign: { ...RECORD_LABELS, ...CAMPAIGN_LABELS },
  refund: RECORD_LABELS,
  followup: { ...RECORD_LABELS, title: '任务名称', goal: '跟进目标', status: '状态', counts: '人数', treated: '跟进人数', holdout: '对照组人数', skipped: '已在同类任务中' },
};

/** The order rows appear in: as the forms and settings screens show the fields (others after). */
export const FIELD_ORDER: Readonly<Partial<Record<AuditEntity, readonly string[]>>> = {
  product: Object.keys(PRODUCT_LABELS),
  settings: Object.keys(SETTINGS_LABELS),
  campaign: Object.keys(CAMPAIGN_FIELD_LABELS),
  'coupon-template': [...Object.keys(COUPON_TEMPLATE_FIELD_LABELS), ...Object.keys(COUPON_FIELD_LABELS)],
};

/** Value words of a coded field, looked up as `parent.key` first, then `key` (like field names). */
export type ValueLabels = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** How the back office names a refund's state (the customer's words say more: REFUND_STATE_LABELS). */
export const OPS_REFUND_STATE_LABELS: Readonly<Record<RefundState, string>> = { pending: '处理中', succeeded: '已退款', failed: '失败' };

const IMAGE_TYPE_LABELS: Readonly<Record<ImageType, string>> = Object.fromEntries(Object.entries(IMAGE_EXTENSIONS).map(([t, ext]) => [t, `${ext.toUpperCase()} 图片`])) as Record<ImageType, string>;

const FULFILMENT_VALUES: ValueLabels = { state: FULFILMENT_LABELS, 'fulfilment.state': FULFILMENT_LABELS };

/** 跟进任务 states in words. */
export const FOLLOWUP_STATUS_LABELS: Readonly<Record<'building' | 'open' | 'closed', string>> = { building: '建立中', open: '进行中', closed: '已结束' };

export const VALUE_LABELS: Readonly<Record<AuditEntity, ValueLabels>> = {
  settings: {
    spendRule: SPEND_RULE_LABELS,
    membershipRefundClaimedPack: CLAIMED_PACK_LABELS,
    membershipRefundSavings: SAVINGS_POLICY_LABELS,
    couponStacking: COUPON_STACKING_LABELS,
    couponOnRefund: COUPON_ON_REFUND_LABELS,
    offers: CONTACT_OFFER_LABELS,
    'questions.kind': SURVEY_QUESTION_KIND_LABELS,
    'homeBanner.target': BANNER_TARGET_LABELS,
    'followupFacts.kind': { count: '记次数', flag: '是 / 否' },
  },
  product: { kind: PRODUCT_KIND_LABELS, status: PRODUCT_STATUS_LABELS },
  campaign: {
    status: CAMPAIGN_STATUS_LABELS,
    pausedFrom: CAMPAIGN_STATUS_LABELS,
    template: CAMPAIGN_TEMPLATE_LABELS,
    'conditions.code': CAMPAIGN_CONDITION_LABELS,
    'actions.code': CAMPAIGN_ACTION_LABELS,
    page: MESSAGE_PAGE_LABELS,
  },
  'coupon-template': {
    status: { ...COUPON_TEMPLATE_STATUS_LABELS, ...COUPON_STATUS_LABELS },
    'offer.code': COUPON_OFFER_LABELS,
    'validity.kind': COUPON_VALIDITY_LABELS,
    issuedBy: COUPON_ISSUER_LABELS,
    voidReason: COUPON_VOID_REASON_LABELS,
  },
  order: FULFILMENT_VALUES,
  'gift-claim': FULFILMENT_VALUES,
  'shipping-upload': { state: SHIPPING_UPLOAD_STATE_LABELS },
  refund: { status: OPS_REFUND_STATE_LABELS, 'parts.state': REFUND_PART_STATE_LABELS },
  image: { contentType: IMAGE_TYPE_LABELS },
  followup: { goal: FOLLOWUP_GOAL_LABELS, status: FOLLOWUP_STATUS_LABELS },
};

/** The words table of a coded field, if it is one. */
export const valueTableOf = (entity: AuditEntity, parent: string, key: string): Readonly<Record<string, string>> | undefined => VALUE_LABELS[entity][`${parent}.${key}`] ?? VALUE_LABELS[entity][key];

/** A coded value in words; an unknown code reads 其他选项. */
export function valueLabel(entity: AuditEntity, parent: string, key: string, value: string): string {
  const table = valueTableOf(entity, parent, key);
  return table ? (table[value] ?? UNKNOWN_VALUE_LABEL) : value;
}

/** Fields holding who did something (openids): named by actorLabel. */
export const ACTOR_FIELDS: ReadonlySet<string> = new Set(['by', 'createdBy', 'updatedBy', 'confirmedBy']);
/** Fields holding a customer's openid. */
export const CUSTOMER_FIELDS: ReadonlySet<string> = new Set(['openid']);
/** Fields holding lists of operator openids: shown as how many people. */
export const PEOPLE_LIST_FIELDS: ReadonlySet<string> = new Set(['operators', 'owners']);
/**
 * Fields holding ids the system made (plan, product, template, order, file ids): what they point at
 * is named elsewhere in the entry, so the log says only whether one is set, or how many.
 */
export const ID_FIELDS: ReadonlySet<string> = new Set(['_id', 'id', 'templateId', 'productIds', 'fullProductId', 'orderId', 'fileID', 'uploadId', 'refundId', 'outRefundNo', 'outTradeNo', 'issueKey', 'imageUrl']);

/** Bookkeeping fields every change touches (at any depth): they say nothing about what the operator changed. */
export const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set(['_id', 'id', 'revision', 'createdAt', 'updatedAt', 'updatedBy', '_version', 'auto', 'carrier', 'outRefundNo']);
/** Top-level fields of a stored document that are machinery, not content (launch cursor, counters, versions). */
export const INTERNAL_TOP_FIELDS: ReadonlySet<string> = new Set(['version', 'createdBy', 'processed', 'stats', 'launch', 'issueKey', 'nextPurchaseAfter', 'requestId']);

const fulfilmentText = (o: Record<string, unknown>): string =>
  [FULFILMENT_LABELS[o.state as OrderFulfilmentState] ?? UNKNOWN_VALUE_LABEL, o.carrierName ?? (typeof o.carrier === 'string' ? carrierName(o.carrier) : undefined), o.trackingNo].filter(Boolean).join(' · ');

/**
 * Values shown as one phrase instead of field by field: an order's fulfilment ("已发货 · 顺丰速运
 * · SF123"), a campaign's audience ("购买 1 次 或 购买 2 次"), an issued coupon's rule, a refund's
 * WeChat requests.
 */
export function wholeValueText(entity: AuditEntity, key: string, v: unknown, rules?: Pick<LabelRules, 'survey'>): string | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (key === 'fulfilment' && typeof o.state === 'string') return fulfilmentText(o);
  if (entity === 'campaign' && key === 'conditions' && Array.isArray(v)) {
    const anyOf = (v as Array<{ args?: { anyOf?: string[][] } }>)[0]?.args?.anyOf;
    return anyOf ? audienceText(anyOf, rules) : '（未选择人群）';
  }
  if (entity === 'coupon-template' && key === 'rule' && typeof o.name === 'string' && o.offer) return `「${o.name}」${offerLabel(o as unknown as CouponRule)}`;
  if (entity === 'refund' && key === 'parts' && Array.isArray(v)) return v.length ? (v as Array<{ state?: string }>).map((p) => valueLabel('refund', 'parts', 'state', String(p.state))).join('、') : '（无）';
  return undefined;
}

export interface ValueFormat {
  /** Epoch ms as the reader's date and time (the client passes its Shanghai formatter). */
  dateTime: (ms: number) => string;
  /** The survey, so tag segments read as their options. */
  rules?: Pick<LabelRules, 'survey'>;
}

const MAX_TEXT = 60;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/**
 * One value in words: amounts (…Fen) in yuan, times (…At/…Until) as dates, percents with %,
 * flags as 是/否, coded values through their table, people by name, system ids as 已设置.
 */
export function valueText(entity: AuditEntity, parent: string, key: string, v: unknown, fmt: ValueFormat): string {
  if (v === undefined || v === null || v === '') return '（无）';
  const whole = wholeValueText(entity, key, v, fmt.rules);
  if (whole !== undefined) return whole;
  if (Array.isArray(v)) {
    if (v.length === 0) return key === 'images' ? '无图片' : '（空）';
    if (key === 'images') return `${v.length} 张图片`;
    if (PEOPLE_LIST_FIELDS.has(key)) return `${v.length} 人`;
    if (key === 'productIds') return `${v.length} 件商品`;
    if (ID_FIELDS.has(key)) return `${v.length} 项`;
    if (v.some((x) => x !== null && typeof x === 'object')) return `${v.length} 项`;
    return clip(v.map((x) => valueText(entity, parent, key, x, fmt)).join('、'));
  }
  if (typeof v === 'string') {
    if (ACTOR_FIELDS.has(key)) return actorLabel(v);
    if (CUSTOMER_FIELDS.has(key)) return customerLabel(v);
    if (ID_FIELDS.has(key)) return '已设置';
    return clip(valueLabel(entity, parent, key, v));
  }
  if (typeof v === 'number') {
    if (/Fen$/.test(key)) return formatYuan(v, { trimZeros: false });
    if (/(At|Until)$/.test(key) || key === 'at' || key === 'from' || key === 'until') return fmt.dateTime(v);
    if (/Percent$/.test(key) || key === 'percent') return `${v}%`;
    if (key === 'size') return `${Math.round(v / 1024)} KB`;
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  return '（已设置）';
}
