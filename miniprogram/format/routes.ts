/** Page URLs used from more than one place. Orders live in a subpackage (rarely used). */
export const ORDER_LIST_URL = '/packages/orders/list/index';
export const orderDetailUrl = (orderId: string) => `/packages/orders/detail/index?orderId=${encodeURIComponent(orderId)}`;
export const checkoutUrl = (productId: string) => `/pages/checkout/index?productId=${encodeURIComponent(productId)}`;
