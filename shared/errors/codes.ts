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
] as const;

export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];
export type BusinessErrorCode = (typeof BUSINESS_ERROR_CODES)[number];
export type ErrorCode = CommonErrorCode | BusinessErrorCode;
