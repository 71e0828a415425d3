/**
 * The operator audit trail (ops.audit): every operator change — catalog, stock, settings, order and
 * gift fulfilment, shipping-upload and refund retries — records who, when, and the entity before → after,
 * written in the same transaction as the change itself. There is deliberately no manual balance
 * adjustment among them: stored value only moves through payments and refunds.
 */
export const AUDIT_ENTITIES = ['product', 'settings', 'order', 'gift-claim', 'shipping-upload', 'image', 'coupon-template', 'campaign', 'refund', 'followup'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** Every action an operator change records, with the name the 操作记录 page shows (one table). */
export const AUDIT_ACTION_LABELS = {
  'product.create': '新建商品',
  'product.update': '修改商品',
  'product.archive': '下架商品',
  'product.restore': '重新上架',
  'product.stock': '调整库存',
  'image.register': '上传图片',
  'settings.update': '修改设置',
  'order.ship': '订单发货',
  'order.pickup': '订单自提',
  'gift.ship': '礼品发货',
  'gift.pickup': '礼品自提',
  'shipping.retry': '重试发货信息上传',
  'refund.retry': '重试退款',
  'coupon.create': '新建优惠券',
  'coupon.pause': '暂停发券',
  'coupon.resume': '恢复发券',
  'coupon.issue': '发放优惠券',
  'campaign.create': '新建活动',
  'campaign.launch': '发布活动',
  'campaign.pause': '暂停活动',
  'campaign.resume': '继续活动',
  'campaign.update': '修改活动草稿',
  'campaign.remove': '删除活动草稿',
  'owner.claim': '认领店主',
  'owner.bootstrap': '成为店主（OWNER_OPENID）',
  'launch.confirm': '确认上线检查项',
  'followup.create': '新建跟进任务',
  'followup.close': '结束跟进任务',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

/** One audit record as stored in `audit_log` and returned by ops.audit. */
export interface AuditEntry {
  _id: string;
  entity: AuditEntity;
  entityId: string;
  action: AuditAction;
  /** Operator openid. */
  by: string;
  at: number;
  /** One line for the list, e.g. 修改商品「面霜」：原价 ¥428.00 → ¥398.00. */
  summary: string;
  /** Top-level fields that differ between before and after. */
  changed: string[];
  /** The entity before the change (null when it was created). */
  before: unknown;
  /** The entity after the change. */
  after: unknown;
  requestId: string;
}
