import type { opsApi, SaveProductRequest } from '@shared/api/ops';
import type { ImageType } from '@shared/catalog/images';
import type { FulfilmentState } from '@shared/gifts/delivery';
import type { CarrierCode } from '@shared/orders/fulfilment';
import type { OpsOrdersTab, OpsRefundsTab, ShippingUploadState } from '@shared/ops/views';
import type { LaunchClientFacts, ManualLaunchItem } from '@shared/ops/launch-checklist';
import type { OpsRoleView } from '@shared/ops/owner-claim';
import type { AuditEntity } from '@shared/schemas/audit';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `ops` function (shared/api/ops.ts). Everything but `role` answers FORBIDDEN to non-operators. */
export type { GiftClaimView } from '@shared/tiers/view';
export type { FulfilmentState } from '@shared/gifts/delivery';
export type { AdminProductView, ImageUploadTicket, OpsOrdersTab, OpsOrderView, OpsRefundPartView, OpsRefundsTab, OpsRefundView, RegisteredImage, SaveProductResult, ShippingUploadState, ShippingUploadView, Shown } from '@shared/ops/views';
export type { AuditEntity, AuditEntry } from '@shared/schemas/audit';
export type { ProductInput } from '@shared/catalog/product-rules';
export type { LaunchChecklistView, LaunchClientFacts, LaunchItem, LaunchStatus, ManualLaunchItem } from '@shared/ops/launch-checklist';
/** Both productId and expectedRevision when editing, neither when creating. */
export type { SaveProductRequest } from '@shared/api/ops';

/** `firstOwner` only while the store has no owner (成为店主（首次开店） is offered then). */
export type OpsRole = OpsRoleView;

type Api = typeof opsApi;

export interface OpsService {
  /** Any signed-in customer may ask: it decides whether the app shows the operator entry. */
  role(): Out<Api, 'role'>;
  /** 成为店主（首次开店）: any signed-in customer, while the store has no owner. */
  claimOwner(code: string, requestId: string): Out<Api, 'claimOwner'>;

  // ---- 上线检查 ----
  /** 核对会员码: what the code's customer may collect in store (spends nothing). */
  memberPickups(code: string): Out<Api, 'memberPickups'>;
  /** 确认交付: hand the chosen items over, spending the code. */
  confirmPickup(code: string, orderIds: string[], entitlementIds: string[], requestId: string): Out<Api, 'confirmPickup'>;
  /** 运营后台 home: today's figures and the to-dos. */
  dashboard(): Out<Api, 'dashboard'>;
  launchChecklist(facts: LaunchClientFacts): Out<Api, 'launchChecklist'>;
  /** Owners only (FORBIDDEN otherwise). */
  confirmLaunchCheck(item: ManualLaunchItem, confirmed: boolean, requestId: string): Out<Api, 'confirmLaunchCheck'>;

  giftClaims(state: FulfilmentState, cursor?: number): Out<Api, 'giftClaims'>;
  /** 快递到家 claims only (INVALID_STATE otherwise). */
  shipGift(entitlementId: string, carrier: string, trackingNo: string, requestId: string): Out<Api, 'shipGift'>;
  /** 到店自提 claims. */
  markPickedUp(entitlementId: string, requestId: string): Out<Api, 'markPickedUp'>;

  // ---- catalog ----
  products(status?: 'active' | 'archived'): Out<Api, 'products'>;
  product(productId: string): Out<Api, 'product'>;
  /** INVALID_INPUT details: [{ path: 'product.<field>', message }]; CONFLICT details: { currentRevision }. */
  saveProduct(req: SaveProductRequest): Out<Api, 'saveProduct'>;
  archiveProduct(productId: string, requestId: string): Out<Api, 'archiveProduct'>;
  restoreProduct(productId: string, requestId: string): Out<Api, 'restoreProduct'>;
  /** null = stop tracking stock (unlimited). */
  setStock(productId: string, stock: number | null, requestId: string): Out<Api, 'setStock'>;

  // ---- product images ----
  imageUploadTicket(contentType: ImageType, size: number): Out<Api, 'imageUploadTicket'>;
  registerImage(fileID: string, requestId: string): Out<Api, 'registerImage'>;

  // ---- order fulfilment ----
  orders(state: OpsOrdersTab, cursor?: number): Out<Api, 'orders'>;
  order(orderId: string): Out<Api, 'order'>;
  shipOrder(orderId: string, carrier: CarrierCode, trackingNo: string, requestId: string): Out<Api, 'shipOrder'>;
  markOrderPickedUp(orderId: string, requestId: string): Out<Api, 'markOrderPickedUp'>;
  shippingUploads(state: ShippingUploadState, cursor?: number): Out<Api, 'shippingUploads'>;
  retryShippingUpload(orderId: string, requestId: string): Out<Api, 'retryShippingUpload'>;

  // ---- WeChat refunds that need a person ----
  refunds(tab: OpsRefundsTab, cursor?: number): Out<Api, 'refunds'>;
  retryRefund(refundId: string, requestId: string): Out<Api, 'retryRefund'>;

  // ---- audit trail ----
  audit(filter: { entity?: AuditEntity; entityId?: string }, cursor?: number): Out<Api, 'audit'>;
}

export const createOpsService = (call: CallFunction): OpsService => {
  const ops = callerOf<Api>(call, 'ops');
  return {
    role: () => ops('role'),
    claimOwner: (code, requestId) => ops('claimOwner', { code, requestId }),
    dashboard: () => ops('dashboard', {}),
    memberPickups: (code) => ops('memberPickups', { code }),
    confirmPickup: (code, orderIds, entitlementIds, requestId) => ops('confirmPickup', { code, orderIds: [...orderIds], entitlementIds: [...entitlementIds], requestId }),
    launchChecklist: (facts) => ops('launchChecklist', { ...facts }),
    confirmLaunchCheck: (item, confirmed, requestId) => ops('confirmLaunchCheck', { item, confirmed, requestId }),
    giftClaims: (state, cursor) => ops('giftClaims', { state, cursor }),
    shipGift: (entitlementId, carrier, trackingNo, requestId) => ops('shipGift', { entitlementId, carrier, trackingNo, requestId }),
    markPickedUp: (entitlementId, requestId) => ops('markPickedUp', { entitlementId, requestId }),

    products: (status) => ops('products', { status }),
    product: (productId) => ops('product', { productId }),
    saveProduct: (req) => ops('saveProduct', { productId: req.productId, expectedRevision: req.expectedRevision, product: req.product, requestId: req.requestId }),
    archiveProduct: (productId, requestId) => ops('archiveProduct', { productId, requestId }),
    restoreProduct: (productId, requestId) => ops('restoreProduct', { productId, requestId }),
    setStock: (productId, stock, requestId) => ops('setStock', { productId, stock, requestId }),

    imageUploadTicket: (contentType, size) => ops('imageUploadTicket', { contentType, size }),
    registerImage: (fileID, requestId) => ops('registerImage', { fileID, requestId }),

    orders: (state, cursor) => ops('orders', { state, cursor }),
    order: (orderId) => ops('order', { orderId }),
    shipOrder: (orderId, carrier, trackingNo, requestId) => ops('shipOrder', { orderId, carrier, trackingNo, requestId }),
    markOrderPickedUp: (orderId, requestId) => ops('markOrderPickedUp', { orderId, requestId }),
    shippingUploads: (state, cursor) => ops('shippingUploads', { state, cursor }),
    retryShippingUpload: (orderId, requestId) => ops('retryShippingUpload', { orderId, requestId }),

    refunds: (tab, cursor) => ops('refunds', { tab, cursor }),
    retryRefund: (refundId, requestId) => ops('retryRefund', { refundId, requestId }),

    audit: (filter, cursor) => ops('audit', { entity: filter.entity, entityId: filter.entityId, cursor }),
  };
};
