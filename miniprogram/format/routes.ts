/** Page URLs used from more than one place. Orders live in a subpackage (rarely used). */
export const ORDER_LIST_URL = '/packages/orders/list/index';
export const orderDetailUrl = (orderId: string) => `/packages/orders/detail/index?orderId=${encodeURIComponent(orderId)}`;
export const checkoutUrl = (productId: string) => `/pages/checkout/index?productId=${encodeURIComponent(productId)}`;
/** 累计消费礼: the gift list and claim flow (subpackage; linked from 会员 and 我的). */
export const TIER_GIFTS_URL = '/packages/member/gifts/index';
/** Operator fulfilment list (subpackage; the 我的 entry shows only for operators). */
export const OPS_GIFT_CLAIMS_URL = '/packages/ops/gift-claims/index';
/** 运营后台 home (ops subpackage): entries to every back-office page. */
export const OPS_HOME_URL = '/packages/ops/home/index';
/** 我的优惠券 (subpackage): available / used / expired, and coupons to claim. */
export const MY_COUPONS_URL = '/packages/coupons/list/index';
/** 消息 (subpackage): the subscription messages that reached the customer. */
export const INBOX_URL = '/packages/inbox/index';
/** 成为店主（首次开店） (ops subpackage): offered in 我的 while the store has no owner. */
export const OWNER_CLAIM_URL = '/packages/ops/owner-claim/index';
