import type { WxPaymentParams } from '../../../shared/schemas/payment';

/**
 * The payment provider port. Production: `cloudpay` (WeChat Pay through CloudBase's cloudPay,
 * certificate-free). Local mode and tests: `local`, the WeChat Pay simulator in local/pay-sim,
 * reached over HTTP like a real platform, answering in cloudPay's reply shapes and delivering the
 * same callback events with the same source. Use cases depend only on this interface.
 */
export interface UnifiedOrderRequest {
  outTradeNo: string;
  totalFee: number;
  body: string;
  openid: string;
  /** The cloud function that receives the payment result callback. */
  callbackFunction: string;
}

export interface RefundRequest {
  outTradeNo: string;
  /** ≤ 64 chars; a refund re-submitted after a failure must reuse it (CloudPay.refund doc note 2). */
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  /** The cloud function WeChat delivers the refund's asynchronous result to (`functionName`). */
  callbackFunction: string;
  reason?: string;
}

/**
 * `ok` = WeChat ACCEPTED the request — not that the money went back (the result arrives later at
 * `callbackFunction`, or is queried). A refusal carries WeChat's err_code (or NETWORK / RETURN_FAIL).
 */
export type RefundResult = { ok: true; refundId?: string } | { ok: false; code: string; message: string };

/**
 * closeOrder: `ok` = closed now. Refusals keep WeChat's err_code: ORDERPAID (already paid — do not
 * close; the payment callback will arrive), ORDERCLOSED (already closed — done), SYSTEMERROR (retry), …
 */
export type CloseOrderResult = { ok: true } | { ok: false; code: string; message: string };

/**
 * refund_status (WeChat Pay v2 查询退款 / 退款结果通知): SUCCESS, REFUNDCLOSE (closed), PROCESSING,
 * CHANGE (the money could not go back to the original account). UNKNOWN: the answer did not say —
 * cloudPay.queryRefund is known to answer SUCCESS with empty lists (refundCount ≥ 1): never treat
 * that as a failure.
 */
export type ProviderRefundStatus = 'SUCCESS' | 'PROCESSING' | 'CHANGE' | 'REFUNDCLOSE' | 'UNKNOWN';

export interface RefundQueryResult {
  status: ProviderRefundStatus;
  /** Present when the reply listed this refund. */
  refundFee?: number;
  refundId?: string;
  successTime?: string;
  recvAccount?: string;
  /** Why the status is UNKNOWN (reply shape, transport error). */
  detail?: string;
}

export interface PaymentProvider {
  readonly name: 'cloudpay' | 'local';
  unifiedOrder(req: UnifiedOrderRequest): Promise<WxPaymentParams>;
  refund(req: RefundRequest): Promise<RefundResult>;
  closeOrder(outTradeNo: string): Promise<CloseOrderResult>;
  queryRefund(outRefundNo: string): Promise<RefundQueryResult>;
}
