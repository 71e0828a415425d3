import { z } from 'zod';
import { IMAGE_TYPES } from '../catalog/images';
import { productInputSchema } from '../catalog/product-rules';
import { CARRIER_CODES, TRACKING_NO_PATTERN } from '../orders/fulfilment';
import { launchClientFactsSchema, MANUAL_LAUNCH_ITEMS, type LaunchChecklistView } from '../ops/launch-checklist';
import type { OpsRoleView } from '../ops/owner-claim';
import type { AdminProductView, ImageUploadTicket, OpsOrderView, OpsRefundView, RegisteredImage, SaveProductResult, ShippingUploadView, Shown } from '../ops/views';
import { AUDIT_ENTITIES, type AuditEntry } from '../schemas/audit';
import { fileIdSchema, productIdSchema } from '../schemas/product';
import type { GiftClaimView } from '../tiers/view';
import { action } from './contract';
import type { CustomerDisplay } from '../customers/display-profile';
import type { DashboardView } from '../ops/dashboard';
import { entitlementIdSchema, noInput, orderIdSchema, pageCursor, requestIdSchema, type Cursor } from './common';

/* The counter's views (here, not in shared/ops: they reach shared/tiers, which reaches shared/documents). */
/** A paid order waiting for store pickup, as the counter sees it after the member code is checked. */
export interface PickupOrderView {
  orderId: string;
  title: string;
  lines: Array<{ name: string; qty: number }>;
  totalFen: number;
  paidAt?: number;
}

/** 核对会员码: whose card the code is and what that customer may collect now. */
export interface MemberPickupsView {
  openid: string;
  /** The nickname and avatar the customer chose, so the counter greets them by name. */
  customer: CustomerDisplay;
  cardNo: string;
  orders: PickupOrderView[];
  gifts: GiftClaimView[];
}

/** A member code as typed (digits, spaces, dashes) or scanned (the QR payload). */
const memberCodeInput = z.string().trim().min(1, '请输入或扫描顾客的会员码').max(64);

const cursor = pageCursor.optional();
const refundId = z.string().regex(/^rfd_[A-Za-z0-9_]{6,60}$/, '退款编号格式不正确');
const productRef = { productId: productIdSchema, requestId: requestIdSchema };
const productAnswer = action<{ product: AdminProductView }>();

/** 新建 (neither) or 修改 (both): the revision the operator edited, so a concurrent change is a CONFLICT. */
const saveProductInput = z
  .object({ productId: productIdSchema.optional(), expectedRevision: z.number().int().min(0).optional(), product: productInputSchema, requestId: requestIdSchema })
  .strict()
  .refine((i) => (i.productId === undefined) === (i.expectedRevision === undefined), { message: '修改商品时须同时提供 productId 和 expectedRevision（新建时两者都不传）', path: ['expectedRevision'] });
export type SaveProductRequest = z.input<typeof saveProductInput>;

/**
 * The operator back office (`ops`). Every action but `role` and `claimOwner` is operator-only,
 * checked on the server against settings.operators/owners on each call; every change is audited.
 */
export const opsApi = {
  role: action<OpsRoleView>()({ summary: '本人是否运营/店主（决定是否显示运营入口）；无店主时可认领。', auth: 'customer', input: noInput }),
  claimOwner: action<OpsRoleView>()({
    summary: '成为店主（首次开店）：输入部署时打印的认领码。',
    auth: 'customer',
    input: z.object({ code: z.string().trim().min(1, '请输入部署时打印的认领码').max(40, '认领码最多 40 个字符'), requestId: requestIdSchema }).strict(),
    errors: ['OWNER_EXISTS', 'OWNER_CLAIM_CLOSED', 'OWNER_CLAIM_WRONG_CODE', 'OWNER_CLAIM_LOCKED'],
  }),

  // ---- 上线检查 ----
  memberPickups: action<MemberPickupsView>()({
    summary: '核对会员码（扫码或输入 16 位数字）：这位顾客现在可以到店领取的订单与礼品。只读，不消耗会员码。',
    auth: 'operator',
    input: z.object({ code: memberCodeInput }).strict(),
    errors: ['MEMBER_CODE_INVALID'],
  }),
  confirmPickup: action<MemberPickupsView>()({
    summary: '确认交付：把勾选的订单与礼品标记为已自提；消耗这个会员码（同一个码只能交付一次，重试同一 requestId 不算第二次）。',
    auth: 'operator',
    input: z.object({ code: memberCodeInput, orderIds: z.array(orderIdSchema).max(50), entitlementIds: z.array(entitlementIdSchema).max(50), requestId: requestIdSchema }).strict(),
    errors: ['MEMBER_CODE_INVALID', 'MEMBER_CODE_USED', 'INVALID_STATE'],
  }),
  dashboard: action<DashboardView>()({ summary: '运营后台首页：今日收入、利润、订单与会员，以及待办（待发货、礼品待发、待自提、上传失败、退款待处理）。', auth: 'operator', input: noInput }),
  launchChecklist: action<LaunchChecklistView>()({ summary: '上线检查：各项是否完成（手机端补充它才知道的事实）。', auth: 'operator', input: launchClientFactsSchema }),
  confirmLaunchCheck: action<{ baseLibrary: { confirmedBy: string; confirmedAt: number } | null }>()({
    summary: '店主确认一项只能人工核对的检查。',
    auth: 'operator',
    input: z.object({ item: z.enum(MANUAL_LAUNCH_ITEMS), confirmed: z.boolean(), requestId: requestIdSchema }).strict(),
    errors: ['FORBIDDEN'],
  }),

  // ---- gift claims (welcome packs, tier gifts) ----
  giftClaims: action<{ claims: GiftClaimView[]; nextCursor?: Cursor }>()({ summary: '礼品领取单（待处理/已发货/已自提）。', auth: 'operator', input: z.object({ state: z.enum(['pending', 'shipped', 'picked-up']), cursor }).strict() }),
  shipGift: action<GiftClaimView>()({
    summary: '礼品发货（仅快递到家的领取单）。',
    auth: 'operator',
    input: z
      .object({
        entitlementId: entitlementIdSchema,
        carrier: z.string().trim().min(1, '请填写快递公司').max(20),
        trackingNo: z.string().trim().regex(TRACKING_NO_PATTERN, '运单号应为 6–40 位字母或数字'),
        requestId: requestIdSchema,
      })
      .strict(),
    errors: ['INVALID_STATE'],
  }),
  markPickedUp: action<GiftClaimView>()({ summary: '礼品已到店自提。', auth: 'operator', input: z.object({ entitlementId: entitlementIdSchema, requestId: requestIdSchema }).strict(), errors: ['INVALID_STATE'] }),

  // ---- catalog ----
  products: action<{ products: AdminProductView[] }>()({ summary: '商品（在售或已下架）。', auth: 'operator', input: z.object({ status: z.enum(['active', 'archived']).optional() }).strict() }),
  product: action<AdminProductView>()({ summary: '一个商品。', auth: 'operator', input: z.object({ productId: productIdSchema }).strict() }),
  saveProduct: action<SaveProductResult>()({ summary: '新建或修改商品（校验商品规则；版本过期为 CONFLICT，details.currentRevision）。', auth: 'operator', input: saveProductInput, errors: ['CONFLICT'] }),
  archiveProduct: productAnswer({ summary: '下架商品（仍有在售体验装的正装不能下架）。', auth: 'operator', input: z.object(productRef).strict(), errors: ['INVALID_STATE'] }),
  restoreProduct: productAnswer({ summary: '重新上架商品。', auth: 'operator', input: z.object(productRef).strict(), errors: ['INVALID_STATE'] }),
  setStock: productAnswer({
    summary: '设置库存；null 为不限库存。',
    auth: 'operator',
    input: z.object({ ...productRef, stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(10_000_000).nullable() }).strict(),
  }),

  // ---- product images (cloud storage) ----
  imageUploadTicket: action<ImageUploadTicket>()({
    summary: '图片上传凭证（云存储路径；H5 另给 PUT 地址）。',
    auth: 'operator',
    input: z.object({ contentType: z.enum(IMAGE_TYPES, '图片格式不支持，请上传 JPG、PNG 或 WebP 图片'), size: z.number().int().positive() }).strict(),
  }),
  registerImage: action<RegisteredImage>()({ summary: '登记已上传的图片（核对存储中的文件）。', auth: 'operator', input: z.object({ fileID: fileIdSchema, requestId: requestIdSchema }).strict() }),

  // ---- order fulfilment and WeChat shipping info ----
  orders: action<{ orders: OpsOrderView[]; nextCursor?: Cursor }>()({
    summary: '待发货/已发货/已自提/已送达/已取消的订单。',
    auth: 'operator',
    input: z.object({ state: z.enum(['to-ship', 'shipped', 'picked-up', 'delivered', 'cancelled']), cursor }).strict(),
  }),
  order: action<OpsOrderView>()({ summary: '一张订单（运营视图）。', auth: 'operator', input: z.object({ orderId: orderIdSchema }).strict() }),
  shipOrder: action<OpsOrderView>()({
    summary: '订单发货，并上传微信发货信息。',
    auth: 'operator',
    input: z
      .object({
        orderId: orderIdSchema,
        carrier: z.enum(CARRIER_CODES, '请从列表中选择快递公司'),
        trackingNo: z.string().trim().regex(TRACKING_NO_PATTERN, '运单号应为 6–40 位字母、数字或 -'),
        requestId: requestIdSchema,
      })
      .strict(),
    errors: ['INVALID_STATE'],
  }),
  markOrderPickedUp: action<OpsOrderView>()({ summary: '订单已到店自提。', auth: 'operator', input: z.object({ orderId: orderIdSchema, requestId: requestIdSchema }).strict(), errors: ['INVALID_STATE'] }),
  shippingUploads: action<{ uploads: Array<Shown<ShippingUploadView>>; nextCursor?: Cursor }>()({
    summary: '微信发货信息上传记录。',
    auth: 'operator',
    input: z.object({ state: z.enum(['pending', 'failed', 'succeeded', 'cancelled']), cursor }).strict(),
  }),
  retryShippingUpload: action<Shown<ShippingUploadView>>()({ summary: '重试上传发货信息。', auth: 'operator', input: z.object({ orderId: orderIdSchema, requestId: requestIdSchema }).strict(), errors: ['INVALID_STATE'] }),

  // ---- WeChat refunds that need a person (stuck, failed) ----
  refunds: action<{ refunds: Array<Shown<OpsRefundView>>; stuckHours: number; nextCursor?: Cursor }>()({ summary: '卡住或失败的微信退款。', auth: 'operator', input: z.object({ tab: z.enum(['stuck', 'failed']), cursor }).strict() }),
  retryRefund: action<Shown<OpsRefundView>>()({ summary: '重试一笔微信退款。', auth: 'operator', input: z.object({ refundId, requestId: requestIdSchema }).strict() }),

  // ---- audit trail ----
  audit: action<{ entries: AuditEntry[]; nextCursor?: Cursor }>()({
    summary: '操作记录，最新在前；可按对象筛选。',
    auth: 'operator',
    input: z
      .object({ entity: z.enum(AUDIT_ENTITIES).optional(), entityId: z.string().min(1).max(80).optional(), cursor })
      .strict()
      .refine((i) => !i.entityId || i.entity, { message: '按对象筛选时须同时指定类型（entity）', path: ['entityId'] }),
  }),
};
