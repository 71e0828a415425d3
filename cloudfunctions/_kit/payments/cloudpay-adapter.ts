import type { WxPaymentParams } from '../../../shared/schemas/payment';
import { wxCloud } from '../wx-cloud';
import { closeOrderParams, parseCloseOrderReply, parseQueryRefundReply, parseRefundReply, queryRefundParams, refundParams } from './cloudpay-shapes';
import type { PaymentProvider, RefundRequest, RefundResult, UnifiedOrderRequest } from './port';

/**
 * Production adapter: CloudBase cloudPay (wx-server-sdk), certificate-free and signature-free.
 * Needs WECHAT_PAY_SUB_MCH_ID (merchant number bound to the environment) in the function's env.
 * wx-server-sdk is loaded lazily so local mode never needs it; the bundle lists it as a dependency.
 * Parameters and replies: see cloudpay-shapes.ts (shared with the local simulator's adapter).
 */
interface CloudPay {
  unifiedOrder(p: Record<string, unknown>): Promise<{ returnCode: string; resultCode?: string; returnMsg?: string; errCodeDes?: string; payment: WxPaymentParams }>;
  refund(p: Record<string, unknown>): Promise<unknown>;
  closeOrder(p: Record<string, unknown>): Promise<unknown>;
  queryRefund(p: Record<string, unknown>): Promise<unknown>;
}

const sdk = (): { cloudPay: CloudPay } => wxCloud();

const subMchId = () => {
  const id = process.env.WECHAT_PAY_SUB_MCH_ID;
  if (!id) throw new Error('WECHAT_PAY_SUB_MCH_ID is not set for this function');
  return id;
};

const envId = () => process.env.TCB_ENV ?? process.env.SCF_NAMESPACE;

const nonce = () => Math.random().toString(36).slice(2, 18).padEnd(16, '0');

export const cloudPayProvider: PaymentProvider = {
  name: 'cloudpay',
  async unifiedOrder(req: UnifiedOrderRequest) {
    // CloudPay.unifiedOrder's documented parameters are camelCase (unlike refund/closeOrder/queryRefund).
    const res = await sdk().cloudPay.unifiedOrder({
      body: req.body.slice(0, 120),
      outTradeNo: req.outTradeNo,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: req.totalFee,
      envId: envId(),
      functionName: req.callbackFunction,
      nonceStr: nonce(),
      tradeType: 'JSAPI',
    });
    if (res.returnCode !== 'SUCCESS' || res.resultCode !== 'SUCCESS') {
      throw new Error(`cloudPay.unifiedOrder failed: ${res.returnMsg ?? ''} ${res.errCodeDes ?? ''}`.trim());
    }
    return res.payment;
  },
  async refund(req: RefundRequest): Promise<RefundResult> {
    return parseRefundReply(await sdk().cloudPay.refund(refundParams(req, { subMchId: subMchId(), nonceStr: nonce(), envId: envId() })));
  },
  async closeOrder(outTradeNo: string) {
    return parseCloseOrderReply(await sdk().cloudPay.closeOrder(closeOrderParams(outTradeNo, { subMchId: subMchId(), nonceStr: nonce() })));
  },
  async queryRefund(outRefundNo: string) {
    return parseQueryRefundReply(await sdk().cloudPay.queryRefund(queryRefundParams(outRefundNo, { subMchId: subMchId(), nonceStr: nonce() })), outRefundNo);
  },
};
