import '../zod-setup';
import { FULFILMENT_LABELS, type OrderFulfilmentState } from '@shared/orders/fulfilment';
import { formatYuan } from '@shared/money/format';
import { AUDIT_ACTION_LABELS, type AuditEntity, type AuditEntry } from '@shared/schemas/audit';
import { locationOf, PRODUCT_LABELS, SETTINGS_LABELS, type FieldLabels } from '@shared/schemas/issues';
import { CONTACT_OFFER_LABELS } from '@shared/promotions/contact-policy';
import { CLAIMED_PACK_LABELS, SAVINGS_POLICY_LABELS } from '@shared/membership/refund';
import { COUPON_STACKING_LABELS } from '@shared/settings/promotions';
import { dateTime } from '../../../format/date';

/**
 * An audit entry as an operator reads it: which fields changed, each as "label: before → after"
 * with amounts in yuan, times in Shanghai time and states in words — the leaves that differ,
 * however deep (settings change inside plan lists), never a JSON dump.
 */
export const ENTITY_LABELS: Record<AuditEntity, string> = {
  product: '商品',
  settings: '设置',
  order: '订单',
  'gift-claim': '礼品',
  'shipping-upload': '发货信息上传',
  image: '图片',
  'coupon-template': '优惠券',
  campaign: '营销活动',
  refund: '退款',
};

const OTHER_LABELS: FieldLabels = {
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
  fileID: '文件',
  contentType: '格式',
  size: '大小',
  imageUrl: '图片链接',
};

/** Bookkeeping fields every change touches: they say nothing about what the operator changed. */
const SKIP = new Set(['_id', 'revision', 'createdAt', 'updatedAt', 'updatedBy', '_version', 'auto', 'carrier']);

const STATUS_WORDS: Record<string, string> = {
  active: '在售',
  archived: '已下架',
  regular: '正装',
  trial: '体验装',
  pending: '待处理',
  failed: '失败',
  succeeded: '成功',
  cancelled: '已取消',
  ...CLAIMED_PACK_LABELS,
  ...SAVINGS_POLICY_LABELS,
  ...COUPON_STACKING_LABELS,
  proportional: '按比例扣减',
  'principal-first': '先扣本金',
  'bonus-first': '先扣赠送',
  ...CONTACT_OFFER_LABELS,
};

export interface DiffRow {
  path: string;
  label: string;
  before: string;
  after: string;
}

const MAX_TEXT = 60;
const clip = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s);

/** One value in words: amounts (…Fen) in yuan, times (…At/…Until) as dates, flags as 是/否. */
export function valueText(key: string, v: unknown): string {
  if (v === undefined || v === null || v === '') return '（无）';
  if (typeof v === 'number') {
    if (/Fen$/.test(key)) return formatYuan(v, { trimZeros: false });
    if (/(At|Until)$/.test(key) || key === 'at') return dateTime(v);
    if (key === 'size') return `${Math.round(v / 1024)} KB`;
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'string') return clip(STATUS_WORDS[v] ?? v);
  // Product photos are storage file ids: how many says more than the ids do.
  if (Array.isArray(v) && key === 'images') return v.length === 0 ? '无图片' : `${v.length} 张图片`;
  if (Array.isArray(v)) return v.length === 0 ? '（空）' : clip(v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、'));
  const o = v as Record<string, unknown>;
  // An order's fulfilment in one phrase: 已发货 · 顺丰速运 SF123…
  if (typeof o.state === 'string' && o.state in FULFILMENT_LABELS) {
    return [FULFILMENT_LABELS[o.state as OrderFulfilmentState], o.carrierName ?? o.carrier, o.trackingNo].filter(Boolean).join(' · ');
  }
  return clip(JSON.stringify(v));
}

const isLeaf = (v: unknown) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object'));

/** Leaves of `v` by path; primitive arrays (benefits, openids) stay one leaf. */
function leaves(v: unknown, prefix: string[], out: Map<string, { segs: Array<string | number>; value: unknown }>): void {
  if (isLeaf(v) || (typeof v === 'object' && v !== null && 'state' in v && typeof (v as { state: unknown }).state === 'string' && prefix.at(-1) === 'fulfilment')) {
    out.set(prefix.join('.'), { segs: prefix.map((s) => (/^\d+$/.test(s) ? Number(s) : s)), value: v });
    return;
  }
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...prefix, String(i)], out));
  else for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (!SKIP.has(k)) leaves(x, [...prefix, k], out);
}

const labelsFor = (entity: AuditEntity): FieldLabels => (entity === 'settings' ? { ...OTHER_LABELS, ...SETTINGS_LABELS } : entity === 'product' ? { ...OTHER_LABELS, ...PRODUCT_LABELS } : OTHER_LABELS);

/** The changed fields of an entry, as rows (before → after). */
export function auditDiff(e: AuditEntry): DiffRow[] {
  const before = new Map<string, { segs: Array<string | number>; value: unknown }>();
  const after = new Map<string, { segs: Array<string | number>; value: unknown }>();
  const top = (x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const changed = e.changed?.length ? e.changed : [...new Set([...Object.keys(top(e.before)), ...Object.keys(top(e.after))])];
  // In the order the form and the settings screens show them (name before prices…), others after.
  const order = Object.keys(e.entity === 'product' ? PRODUCT_LABELS : e.entity === 'settings' ? SETTINGS_LABELS : {});
  const rank = (k: string) => (order.includes(k) ? order.indexOf(k) : order.length);
  const keys = [...changed].sort((a, b) => rank(a) - rank(b));
  for (const k of keys) {
    if (SKIP.has(k)) continue;
    leaves(top(e.before)[k], [k], before);
    leaves(top(e.after)[k], [k], after);
  }
  const labels = labelsFor(e.entity);
  const rows: DiffRow[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(path);
    const a = after.get(path);
    if (JSON.stringify(b?.value) === JSON.stringify(a?.value)) continue;
    const segs = (a ?? b)!.segs;
    const key = String([...segs].reverse().find((s) => typeof s === 'string') ?? path);
    rows.push({ path, label: locationOf(segs, labels).replace(/（分）/g, ''), before: valueText(key, b?.value), after: valueText(key, a?.value) });
  }
  return rows;
}

export const actionLabel = (e: AuditEntry) => AUDIT_ACTION_LABELS[e.action] ?? e.action;
