import { opsApi } from '../../shared/api/ops';
import { AUDIT_ENTITIES } from '../../shared/schemas/audit';
import { PRODUCT_LABELS } from '../../shared/schemas/issues';
import { ok } from '../../shared/errors/result';
import type { ActionContext } from '../_kit';
import { serve } from '../_kit/contract-actions';
import { listAudit } from '../_ops/audit';
import { archiveProduct, getProduct, listProducts, restoreProduct, saveProduct, setStock } from './catalog-admin';
import { getOrder, listOrders, listShippingUploads, markOrderPickedUp, retryShippingUpload, shipOrder } from './fulfilment';
import { dashboard } from './dashboard';
import { confirmPickup, memberPickups } from './pickup';
import { giftClaims, markPickedUp, shipGift } from './gift-claims';
import { imageUploadTicket, registerImage } from './images';
import { confirmLaunchCheck, launchChecklist } from './launch-checklist';
import { claimOwner, role } from './owner';
import { listRefunds, retryRefundOp } from './refunds';

async function audit(input: { entity?: (typeof AUDIT_ENTITIES)[number]; entityId?: string; cursor?: number }, ctx: ActionContext) {
  const page = await listAudit(ctx.db, input);
  return ok({ entries: page.items, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/**
 * The operator back office (shared/api/ops.ts). Every action but `role` and `claimOwner` is `auth:
 * 'operator'`: the server checks the caller's openid against settings.operators/owners on each
 * call (a test walks this table, so a new action cannot skip it). Every change writes an audit
 * record. `claimOwner` is how a freshly deployed store gets its first owner (see owner.ts).
 */
export const main = serve('ops', opsApi, {
  role: { run: role },
  claimOwner: { labels: { code: '认领码' }, run: claimOwner },
  dashboard: { run: dashboard },
  memberPickups: { labels: { code: '会员码' }, run: memberPickups },
  confirmPickup: { labels: { code: '会员码' }, run: confirmPickup },
  launchChecklist: { run: launchChecklist },
  confirmLaunchCheck: { run: confirmLaunchCheck },
  giftClaims: { run: giftClaims },
  shipGift: { run: shipGift },
  markPickedUp: { run: markPickedUp },
  products: { run: listProducts },
  product: { run: getProduct },
  saveProduct: { labels: { product: '商品', ...PRODUCT_LABELS }, run: saveProduct },
  archiveProduct: { run: archiveProduct },
  restoreProduct: { run: restoreProduct },
  setStock: { run: setStock },
  imageUploadTicket: { run: imageUploadTicket },
  registerImage: { run: registerImage },
  orders: { run: listOrders },
  order: { run: getOrder },
  shipOrder: { labels: { carrier: '快递公司', trackingNo: '运单号' }, run: shipOrder },
  markOrderPickedUp: { run: markOrderPickedUp },
  shippingUploads: { run: listShippingUploads },
  retryShippingUpload: { run: retryShippingUpload },
  refunds: { run: listRefunds },
  retryRefund: { run: retryRefundOp },
  audit: { run: audit },
});
