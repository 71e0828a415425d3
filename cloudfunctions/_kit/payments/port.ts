import type { WxPaymentParams } from '../../../shared/schemas/payment';

/**
 * The payment provider port. Production: `cloudpay` (WeChat Pay through CloudBase's cloudPay,
 * certificate-free). Local mode and tests: `local`, the WeChat Pay simulator in local/pay-sim,
 * reached over HTTP like a real platform and delivering the same callback event with the same
 * source. Use cases depend only on this interface.
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
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  reason?: string;
}

export type RefundResult = { ok: true; refundId: string } | { ok: false; code: string; message: string };

export interface PaymentProvider {
  readonly name: 'cloudpay' | 'local';
  unifiedOrder(req: UnifiedOrderRequest): Promise<WxPaymentParams>;
  refund(req: RefundRequest): Promise<RefundResult>;
}
