/**
 * Stable error codes (API.md). Business failures are *returned* with one of these;
 * unexpected faults are thrown and reach the client only as INTERNAL.
 */
export const COMMON_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'NOT_FOUND',
  'CONFLICT',
  'INTERNAL',
] as const;

/** Codes used by later domains are listed here so clients can map every one to a message. */
export const BUSINESS_ERROR_CODES = [
  'INSUFFICIENT_BALANCE',
  'TRIAL_ALREADY_USED',
  'TOPUP_CAP_EXCEEDED',
  'MEMBERS_ONLY_UNTIL',
  'GIFT_OUT_OF_STOCK',
  'PAYLOAD_TOO_LARGE',
  'TERMS_NOT_ACCEPTED',
  'REFUND_NOT_ALLOWED',
  'INVALID_STATE',
  'GIFT_NOT_CLAIMABLE',
  'PRODUCT_UNAVAILABLE',
  'OUT_OF_STOCK',
  'WECOM_NOT_CONFIGURED',
  'SURVEY_CLOSED',
  // Coupons (issue 6)
  'COUPON_UNAVAILABLE',
  'COUPON_EXPIRED',
  'COUPON_NOT_APPLICABLE',
  'COUPON_SOLD_OUT',
  'COUPON_LIMIT_REACHED',
  'COUPON_NOT_CLAIMABLE',
  // Privacy (issue 7): the account cannot be deleted while money or goods are still under way
  'ACCOUNT_DELETION_BLOCKED',
  // Issue 15 #1: while the account is being deleted, money actions are refused
  'ACCOUNT_DELETION_IN_PROGRESS',
  // First owner (issue 14): the one-time claim of a freshly deployed store
  'OWNER_EXISTS',
  'OWNER_CLAIM_CLOSED',
  'OWNER_CLAIM_WRONG_CODE',
  'OWNER_CLAIM_LOCKED',
  // Holds of unpaid orders and combined payment (issue 15)
  'UNPAID_ORDER_LIMIT',
  'HOLD_LIMIT_REACHED',
  'BALANCE_CHANGED',
  // Stale top-up offers (issue 15): the 充X送Y the customer confirmed is no longer the current one
  'TOPUP_OFFER_CHANGED',
  // The dynamic member code (issue 17): shown in store to verify pickups
  'MEMBER_CODE_INVALID',
  'MEMBER_CODE_USED',
  // The cart (issue 17): one checkout takes at most 20 lines
  'CART_FULL',
  // One-to-one follow-up (issue 19)
  'NOT_ON_LIST',
  'CONTACT_CAPPED',
  'LIST_CLOSED',
  'NO_CUSTOMERS',
] as const;

export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];
export type BusinessErrorCode = (typeof BUSINESS_ERROR_CODES)[number];
export type ErrorCode = CommonErrorCode | BusinessErrorCode;
