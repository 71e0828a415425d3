import { z } from 'zod';

/**
 * WeChat Pay result notification as cloudPay delivers it to the callback function (camelCase
 * JSON of the v2 notify fields). Only what we verify is required; everything else passes through.
 */
export const payNotificationSchema = z
  .object({
    returnCode: z.string(),
    resultCode: z.string().optional(),
    outTradeNo: z.string().min(1).max(32),
    totalFee: z.number().int().positive(),
    transactionId: z.string().min(1).max(64).optional(),
    subOpenid: z.string().optional(),
    timeEnd: z.string().optional(),
  })
  .passthrough();
export type PayNotification = z.infer<typeof payNotificationSchema>;

/** The parameters `wx.requestPayment` takes (returned to the client by order/membership/top-up). */
export interface WxPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'MD5' | 'HMAC-SHA256' | 'RSA';
  paySign: string;
}

/** What clients receive for a WeChat payment: the out trade number and the requestPayment params. */
export interface PaymentHandle {
  outTradeNo: string;
  totalFen: number;
  provider: 'cloudpay' | 'local';
  params: WxPaymentParams;
}

/**
 * The decrypted fields of a refund result (WeChat Pay v2 退款结果通知, pay.weixin.qq.com v2: req_info
 * decrypts to transaction_id, out_trade_no, refund_id, out_refund_no, total_fee, settlement_total_fee,
 * refund_fee, settlement_refund_fee, refund_status, success_time, refund_recv_accout, refund_account,
 * refund_request_source), in camelCase as cloudPay delivers its payment notify. What cloudPay sends to
 * the refund's `functionName` is NOT documented: see fixture event.refund-result for what is inferred.
 * Required: what we verify (outRefundNo, refundStatus, refundFee); the rest passes through.
 */
export const refundResultFieldsSchema = z
  .object({
    outRefundNo: z.string().min(1).max(64),
    refundStatus: z.string().min(1).max(32),
    refundFee: z.number().int().positive(),
    outTradeNo: z.string().min(1).max(32).optional(),
    transactionId: z.string().min(1).max(64).optional(),
    refundId: z.string().min(1).max(64).optional(),
    totalFee: z.number().int().positive().optional(),
    successTime: z.string().max(40).optional(),
    refundRecvAccout: z.string().max(128).optional(),
  })
  .passthrough();
export type RefundResultFields = z.infer<typeof refundResultFieldsSchema>;

/**
 * The refund result event: the decrypted fields at the top level (as the local simulator sends it,
 * like cloudPay's payment notify), or under `reqInfo` as an object (v2's envelope, decrypted).
 * Either is accepted; extra fields pass through.
 */
export const refundResultEventSchema = z.union([
  refundResultFieldsSchema,
  z.object({ returnCode: z.string().max(16).optional(), reqInfo: refundResultFieldsSchema }).passthrough(),
]);
export type RefundResultEvent = z.infer<typeof refundResultEventSchema>;

/** The result fields, wherever the event carries them. */
export const refundResultFieldsOf = (e: RefundResultEvent): RefundResultFields => ('reqInfo' in e && e.reqInfo && typeof e.reqInfo === 'object' ? (e.reqInfo as RefundResultFields) : (e as RefundResultFields));

/** Whether an event delivered to the pay callback is a refund result (refunds requested before refundCallback existed named payCallback). */
export const looksLikeRefundResult = (event: unknown): boolean =>
  !!event && typeof event === 'object' && !Array.isArray(event) && ('outRefundNo' in event || 'reqInfo' in event || 'refundStatus' in event);
