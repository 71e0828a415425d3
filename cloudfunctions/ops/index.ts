import { z } from 'zod';
import { IMAGE_TYPES } from '../../shared/catalog/images';
import { productInputSchema } from '../../shared/catalog/product-rules';
import { CARRIER_CODES, TRACKING_NO_PATTERN } from '../../shared/orders/fulfilment';
import { launchClientFactsSchema, MANUAL_LAUNCH_ITEMS } from '../../shared/ops/launch-checklist';
import { AUDIT_ENTITIES } from '../../shared/schemas/audit';
import { PRODUCT_LABELS } from '../../shared/schemas/issues';
import { fileIdSchema, productIdSchema } from '../../shared/schemas/product';
import { ok } from '../../shared/errors/result';
import { action, createHandler, type ActionContext } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { listAudit } from '../_ops/audit';
import { archiveProduct, getProduct, listProducts, restoreProduct, saveProduct, setStock } from './catalog-admin';
import { getOrder, listOrders, listShippingUploads, markOrderPickedUp, retryShippingUpload, shipOrder } from './fulfilment';
import { giftClaims, markPickedUp, shipGift } from './gift-claims';
import { imageUploadTicket, registerImage } from './images';
import { confirmLaunchCheck, launchChecklist } from './launch-checklist';
import { claimOwner, role } from './owner';
import { listRefunds, retryRefundOp } from './refunds';

const entitlementId = z.string().min(1).max(64);
const orderId = z.string().regex(/^ord_[a-z0-9]{10,40}$/, '订单编号格式不正确');
const cursor = z.number().int().positive().optional();
const refundId = z.string().regex(/^rfd_[A-Za-z0-9_]{6,60}$/, '退款编号格式不正确');
const productRef = { productId: productIdSchema, requestId: requestIdSchema };

async function audit(input: { entity?: (typeof AUDIT_ENTITIES)[number]; entityId?: string; cursor?: number }, ctx: ActionContext) {
  const page = await listAudit(ctx.db, input);
  return ok({ entries: page.items, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/**
 * The operator back office (API.md `ops`). Every action but `role` and `claimOwner` is `auth:
 * 'operator'`: the server checks the caller's openid against settings.operators/owners on each
 * call (a test walks this table, so a new action cannot skip it). Every change writes an audit
 * record. `claimOwner` is how a freshly deployed store gets its first owner (see owner.ts).
 */
export const main = createHandler({
  name: 'ops',
  actions: {
    role: action({ input: z.object({}).strict(), auth: 'customer', run: role }),
    claimOwner: action({
      input: z.object({ code: z.string().trim().min(1, '请输入部署时打印的认领码').max(40, '认领码最多 40 个字符'), requestId: requestIdSchema }).strict(),
      auth: 'customer',
      labels: { code: '认领码' },
      run: claimOwner,
    }),

    // ---- 上线检查 ----
    launchChecklist: action({ input: launchClientFactsSchema, auth: 'operator', run: launchChecklist }),
    confirmLaunchCheck: action({ input: z.object({ item: z.enum(MANUAL_LAUNCH_ITEMS), confirmed: z.boolean(), requestId: requestIdSchema }).strict(), auth: 'operator', run: confirmLaunchCheck }),

    // ---- gift claims (welcome packs, tier gifts) ----
    giftClaims: action({
      input: z.object({ state: z.enum(['pending', 'shipped', 'picked-up']), cursor }).strict(),
      auth: 'operator',
      run: giftClaims,
    }),
    shipGift: action({
      input: z
        .object({
          entitlementId,
          carrier: z.string().trim().min(1, '请填写快递公司').max(20),
          trackingNo: z.string().trim().regex(TRACKING_NO_PATTERN, '运单号应为 6–40 位字母或数字'),
          requestId: requestIdSchema,
        })
        .strict(),
      auth: 'operator',
      run: shipGift,
    }),
    markPickedUp: action({ input: z.object({ entitlementId, requestId: requestIdSchema }).strict(), auth: 'operator', run: markPickedUp }),

    // ---- catalog ----
    products: action({ input: z.object({ status: z.enum(['active', 'archived']).optional() }).strict(), auth: 'operator', run: listProducts }),
    product: action({ input: z.object({ productId: productIdSchema }).strict(), auth: 'operator', run: getProduct }),
    saveProduct: action({
      input: z
        .object({ productId: productIdSchema.optional(), expectedRevision: z.number().int().min(0).optional(), product: productInputSchema, requestId: requestIdSchema })
        .strict()
        .refine((i) => (i.productId === undefined) === (i.expectedRevision === undefined), { message: '修改商品时须同时提供 productId 和 expectedRevision（新建时两者都不传）', path: ['expectedRevision'] }),
      auth: 'operator',
      labels: { product: '商品', ...PRODUCT_LABELS },
      run: saveProduct,
    }),
    archiveProduct: action({ input: z.object(productRef).strict(), auth: 'operator', run: archiveProduct }),
    restoreProduct: action({ input: z.object(productRef).strict(), auth: 'operator', run: restoreProduct }),
    setStock: action({
      input: z.object({ ...productRef, stock: z.number().int('库存必须是整数').min(0, '库存不能为负').max(10_000_000).nullable() }).strict(),
      auth: 'operator',
      run: setStock,
    }),

    // ---- product images (cloud storage) ----
    imageUploadTicket: action({
      input: z.object({ contentType: z.enum(IMAGE_TYPES, '图片格式不支持，请上传 JPG、PNG 或 WebP 图片'), size: z.number().int().positive() }).strict(),
      auth: 'operator',
      run: imageUploadTicket,
    }),
    registerImage: action({ input: z.object({ fileID: fileIdSchema, requestId: requestIdSchema }).strict(), auth: 'operator', run: registerImage }),

    // ---- order fulfilment and WeChat shipping info ----
    orders: action({ input: z.object({ state: z.enum(['to-ship', 'shipped', 'picked-up', 'delivered', 'cancelled']), cursor }).strict(), auth: 'operator', run: listOrders }),
    order: action({ input: z.object({ orderId }).strict(), auth: 'operator', run: getOrder }),
    shipOrder: action({
      input: z
        .object({
          orderId,
          carrier: z.enum(CARRIER_CODES, '请从列表中选择快递公司'),
          trackingNo: z.string().trim().regex(TRACKING_NO_PATTERN, '运单号应为 6–40 位字母、数字或 -'),
          requestId: requestIdSchema,
        })
        .strict(),
      auth: 'operator',
      labels: { carrier: '快递公司', trackingNo: '运单号' },
      run: shipOrder,
    }),
    markOrderPickedUp: action({ input: z.object({ orderId, requestId: requestIdSchema }).strict(), auth: 'operator', run: markOrderPickedUp }),
    shippingUploads: action({ input: z.object({ state: z.enum(['pending', 'failed', 'succeeded', 'cancelled']), cursor }).strict(), auth: 'operator', run: listShippingUploads }),
    retryShippingUpload: action({ input: z.object({ orderId, requestId: requestIdSchema }).strict(), auth: 'operator', run: retryShippingUpload }),

    // ---- WeChat refunds that need a person (stuck, failed) ----
    refunds: action({ input: z.object({ tab: z.enum(['stuck', 'failed']), cursor }).strict(), auth: 'operator', run: listRefunds }),
    retryRefund: action({ input: z.object({ refundId, requestId: requestIdSchema }).strict(), auth: 'operator', run: retryRefundOp }),

    // ---- audit trail ----
    audit: action({
      input: z
        .object({ entity: z.enum(AUDIT_ENTITIES).optional(), entityId: z.string().min(1).max(80).optional(), cursor })
        .strict()
        .refine((i) => !i.entityId || i.entity, { message: '按对象筛选时须同时指定类型（entity）', path: ['entityId'] }),
      auth: 'operator',
      run: audit,
    }),
  },
});
