/**
 * Every page URL of the customer side, in one place (a unit test fails on a page literal anywhere
 * else; the operator subpackage keeps its own list in packages/ops/routes.ts). Tab pages are in the
 * main package and are reached with switchTab; the rest live in subpackages (rarely used).
 */
export const HOME_URL = '/pages/index/index';
export const MEMBER_URL = '/pages/member/index';
export const WALLET_URL = '/pages/wallet/index';
export const ME_URL = '/pages/me/index';
/** The tab bar's pages: switchTab reaches them (and takes no query); navigateTo refuses them. */
export const TAB_URLS: readonly string[] = [HOME_URL, MEMBER_URL, WALLET_URL, ME_URL];

export const checkoutUrl = (productId: string) => `/pages/checkout/index?productId=${encodeURIComponent(productId)}`;
/** 去结算: the checkout of the cart's ticked lines (it reads them from the cart store). */
export const CART_CHECKOUT_URL = '/pages/checkout/index?from=cart';
/** 商品详情 (subpackage packages/shop): pictures, prices, trial ↔ full product, 加入购物车 / 立即购买. */
export const productUrl = (productId: string) => `/packages/shop/product/index?productId=${encodeURIComponent(productId)}`;
/** 购物车 (subpackage packages/shop). */
export const CART_URL = '/packages/shop/cart/index';
export const ORDER_LIST_URL = '/packages/orders/list/index';
export const orderDetailUrl = (orderId: string) => `/packages/orders/detail/index?orderId=${encodeURIComponent(orderId)}`;
/** 累计消费礼: the gift list and claim flow (subpackage; linked from 会员 and 我的). */
export const TIER_GIFTS_URL = '/packages/member/gifts/index';
/** 会员码: the card number and the minute code shown at the counter. */
export const MEMBER_CODE_URL = '/packages/member/code/index';
/** 我的优惠券 (subpackage): available / used / expired, and coupons to claim. */
export const MY_COUPONS_URL = '/packages/coupons/list/index';
/** 消息 (subpackage): the subscription messages that reached the customer. */
export const INBOX_URL = '/packages/inbox/index';
/** First response pages (the `packages/welcome` subpackage), linked from 首页 (welcome card) and 我的. */
export const SURVEY_URL = '/packages/welcome/survey/index';
export const SURVEY_ANSWERS_URL = '/packages/welcome/answers/index';
/** 隐私与数据 (subpackage packages/privacy): what we hold, export, deleting the account. Linked from 我的. */
export const PRIVACY_URL = '/packages/privacy/index';
/** 设置头像昵称 (subpackage packages/profile): WeChat's 头像昵称填写 with the consent sentence; linked from 我的. */
export const PROFILE_URL = '/packages/profile/index';

/** Operator fulfilment list (subpackage; the 我的 entry shows only for operators). */
export const OPS_GIFT_CLAIMS_URL = '/packages/ops/gift-claims/index';
/** 运营后台 home (ops subpackage): entries to every back-office page. */
export const OPS_HOME_URL = '/packages/ops/home/index';
/** 一对一跟进: the lists a 跟进专员 works (also in the back office). */
export const OPS_FOLLOWUPS_URL = '/packages/ops/followups/index';
/** 成为店主（首次开店） (ops subpackage): offered in 我的 while the store has no owner. */
export const OWNER_CLAIM_URL = '/packages/ops/owner-claim/index';
