/** Back-office page URLs (all in the ops subpackage). */
export const OPS_PRODUCTS_URL = '/packages/ops/products/index';
export const productEditUrl = (productId?: string) => (productId ? `/packages/ops/product-edit/index?productId=${encodeURIComponent(productId)}` : '/packages/ops/product-edit/index');
export const OPS_ORDERS_URL = '/packages/ops/orders/index';
export const OPS_SHIPPING_UPLOADS_URL = '/packages/ops/shipping-uploads/index';
export const OPS_SETTINGS_URL = '/packages/ops/settings/index';
export const settingsAreaUrl = (area: string) => `/packages/ops/settings-area/index?area=${encodeURIComponent(area)}`;
export const OPS_AUDIT_URL = '/packages/ops/audit/index';
export const auditUrl = (entity?: string, entityId?: string) =>
  entity ? `${OPS_AUDIT_URL}?entity=${encodeURIComponent(entity)}${entityId ? `&entityId=${encodeURIComponent(entityId)}` : ''}` : OPS_AUDIT_URL;
