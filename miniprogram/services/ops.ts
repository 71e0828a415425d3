import type { Envelope } from '@shared/errors/envelope';
import type { ImageType } from '@shared/catalog/images';
import type { ProductInput } from '@shared/catalog/product-rules';
import type { FulfilmentState } from '@shared/gifts/delivery';
import type { CarrierCode } from '@shared/orders/fulfilment';
import type { AdminProductView, ImageUploadTicket, OpsOrdersTab, OpsOrderView, OpsRefundsTab, OpsRefundView, RegisteredImage, SaveProductResult, ShippingUploadState, ShippingUploadView } from '@shared/ops/views';
import type { LaunchChecklistView, LaunchClientFacts, ManualLaunchItem } from '@shared/ops/launch-checklist';
import type { OpsRoleView } from '@shared/ops/owner-claim';
import type { AuditEntity, AuditEntry } from '@shared/schemas/audit';
import type { GiftClaimView } from '@shared/tiers/view';
import type { CallFunction } from './cloud';
import type { Cursor } from './order';

/** Typed calls to the `ops` function (API.md). Everything but `role` answers FORBIDDEN to non-operators. */
export type { GiftClaimView } from '@shared/tiers/view';
export type { FulfilmentState } from '@shared/gifts/delivery';
export type { AdminProductView, ImageUploadTicket, OpsOrdersTab, OpsOrderView, OpsRefundPartView, OpsRefundsTab, OpsRefundView, RegisteredImage, SaveProductResult, ShippingUploadState, ShippingUploadView } from '@shared/ops/views';
export type { AuditEntity, AuditEntry } from '@shared/schemas/audit';
export type { ProductInput } from '@shared/catalog/product-rules';
export type { LaunchChecklistView, LaunchClientFacts, LaunchItem, LaunchStatus, ManualLaunchItem } from '@shared/ops/launch-checklist';

/** `firstOwner` only while the store has no owner (成为店主（首次开店） is offered then). */
export type OpsRole = OpsRoleView;

export interface SaveProductRequest {
  /** Both when editing, neither when creating. */
  productId?: string;
  expectedRevision?: number;
  product: ProductInput;
  requestId: string;
}

export interface OpsService {
  /** Any signed-in customer may ask: it decides whether the app shows the operator entry. */
  role(): Promise<Envelope<OpsRole>>;
  /** 成为店主（首次开店）: any signed-in customer, while the store has no owner. */
  claimOwner(code: string, requestId: string): Promise<Envelope<OpsRole>>;

  // ---- 上线检查 ----
  launchChecklist(facts: LaunchClientFacts): Promise<Envelope<LaunchChecklistView>>;
  /** Owners only (FORBIDDEN otherwise). */
  confirmLaunchCheck(item: ManualLaunchItem, confirmed: boolean, requestId: string): Promise<Envelope<{ baseLibrary: { confirmedBy: string; confirmedAt: number } | null }>>;

  giftClaims(state: FulfilmentState, cursor?: Cursor): Promise<Envelope<{ claims: GiftClaimView[]; nextCursor?: Cursor }>>;
  /** 快递到家 claims only (INVALID_STATE otherwise). */
  shipGift(entitlementId: string, carrier: string, trackingNo: string, requestId: string): Promise<Envelope<GiftClaimView>>;
  /** 到店自提 claims. */
  markPickedUp(entitlementId: string, requestId: string): Promise<Envelope<GiftClaimView>>;

  // ---- catalog ----
  products(status?: 'active' | 'archived'): Promise<Envelope<{ products: AdminProductView[] }>>;
  product(productId: string): Promise<Envelope<AdminProductView>>;
  /** INVALID_INPUT details: [{ path: 'product.<field>', message }]; CONFLICT details: { currentRevision }. */
  saveProduct(req: SaveProductRequest): Promise<Envelope<SaveProductResult>>;
  archiveProduct(productId: string, requestId: string): Promise<Envelope<{ product: AdminProductView }>>;
  restoreProduct(productId: string, requestId: string): Promise<Envelope<{ product: AdminProductView }>>;
  /** null = stop tracking stock (unlimited). */
  setStock(productId: string, stock: number | null, requestId: string): Promise<Envelope<{ product: AdminProductView }>>;

  // ---- product images ----
  imageUploadTicket(contentType: ImageType, size: number): Promise<Envelope<ImageUploadTicket>>;
  registerImage(fileID: string, requestId: string): Promise<Envelope<RegisteredImage>>;

  // ---- order fulfilment ----
  orders(state: OpsOrdersTab, cursor?: Cursor): Promise<Envelope<{ orders: OpsOrderView[]; nextCursor?: Cursor }>>;
  order(orderId: string): Promise<Envelope<OpsOrderView>>;
  shipOrder(orderId: string, carrier: CarrierCode, trackingNo: string, requestId: string): Promise<Envelope<OpsOrderView>>;
  markOrderPickedUp(orderId: string, requestId: string): Promise<Envelope<OpsOrderView>>;
  shippingUploads(state: ShippingUploadState, cursor?: Cursor): Promise<Envelope<{ uploads: ShippingUploadView[]; nextCursor?: Cursor }>>;
  retryShippingUpload(orderId: string, requestId: string): Promise<Envelope<ShippingUploadView>>;

  // ---- WeChat refunds that need a person ----
  refunds(tab: OpsRefundsTab, cursor?: Cursor): Promise<Envelope<{ refunds: OpsRefundView[]; stuckHours: number; nextCursor?: Cursor }>>;
  retryRefund(refundId: string, requestId: string): Promise<Envelope<OpsRefundView>>;

  // ---- audit trail ----
  audit(filter: { entity?: AuditEntity; entityId?: string }, cursor?: Cursor): Promise<Envelope<{ entries: AuditEntry[]; nextCursor?: Cursor }>>;
}

/** Drops undefined fields: the server's schemas are strict and JSON would drop them anyway, but not every transport does. */
function defined<T extends Record<string, unknown>>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

export const createOpsService = (call: CallFunction): OpsService => ({
  role: () => call<OpsRole>('ops', { action: 'role' }),
  claimOwner: (code, requestId) => call<OpsRole>('ops', { action: 'claimOwner', code, requestId }),
  launchChecklist: (facts) => call<LaunchChecklistView>('ops', defined({ action: 'launchChecklist', ...facts })),
  confirmLaunchCheck: (item, confirmed, requestId) => call('ops', { action: 'confirmLaunchCheck', item, confirmed, requestId }),
  giftClaims: (state, cursor) => call('ops', defined({ action: 'giftClaims', state, cursor })),
  shipGift: (entitlementId, carrier, trackingNo, requestId) => call<GiftClaimView>('ops', { action: 'shipGift', entitlementId, carrier, trackingNo, requestId }),
  markPickedUp: (entitlementId, requestId) => call<GiftClaimView>('ops', { action: 'markPickedUp', entitlementId, requestId }),

  products: (status) => call('ops', defined({ action: 'products', status })),
  product: (productId) => call<AdminProductView>('ops', { action: 'product', productId }),
  saveProduct: (req) => call<SaveProductResult>('ops', defined({ action: 'saveProduct', productId: req.productId, expectedRevision: req.expectedRevision, product: req.product, requestId: req.requestId })),
  archiveProduct: (productId, requestId) => call('ops', { action: 'archiveProduct', productId, requestId }),
  restoreProduct: (productId, requestId) => call('ops', { action: 'restoreProduct', productId, requestId }),
  setStock: (productId, stock, requestId) => call('ops', { action: 'setStock', productId, stock, requestId }),

  imageUploadTicket: (contentType, size) => call<ImageUploadTicket>('ops', { action: 'imageUploadTicket', contentType, size }),
  registerImage: (fileID, requestId) => call<RegisteredImage>('ops', { action: 'registerImage', fileID, requestId }),

  orders: (state, cursor) => call('ops', defined({ action: 'orders', state, cursor })),
  order: (orderId) => call<OpsOrderView>('ops', { action: 'order', orderId }),
  shipOrder: (orderId, carrier, trackingNo, requestId) => call<OpsOrderView>('ops', { action: 'shipOrder', orderId, carrier, trackingNo, requestId }),
  markOrderPickedUp: (orderId, requestId) => call<OpsOrderView>('ops', { action: 'markOrderPickedUp', orderId, requestId }),
  shippingUploads: (state, cursor) => call('ops', defined({ action: 'shippingUploads', state, cursor })),
  retryShippingUpload: (orderId, requestId) => call<ShippingUploadView>('ops', { action: 'retryShippingUpload', orderId, requestId }),

  refunds: (tab, cursor) => call('ops', defined({ action: 'refunds', tab, cursor })),
  retryRefund: (refundId, requestId) => call<OpsRefundView>('ops', { action: 'retryRefund', refundId, requestId }),

  audit: (filter, cursor) => call('ops', defined({ action: 'audit', entity: filter.entity, entityId: filter.entityId, cursor })),
});
