import type { WxPaymentParams } from '../../../shared/schemas/payment';
import { wxCloud } from '../wx-cloud';
import type { PaymentProvider, RefundRequest, RefundResult, UnifiedOrderRequest } from './port';

/**
 * Production adapter: CloudBase cloudPay (wx-server-sdk), certificate-free and signature-free.
 * Needs the function's config.json to grant `cloudPay.unifiedOrder` / `cloudPay.refund` and
 * WECHAT_PAY_SUB_MCH_ID (merchant number bound to the environment) in the function's env.
 * wx-server-sdk is loaded lazily so local mode never needs it; the bundle lists it as a dependency.
 */
interface CloudPay {
  unifiedOrder(p: Record<string, unknown>): Promise<{ returnCode: string; resultCode?: string; returnMsg?: string; errCodeDes?: string; payment: WxPaymentParams }>;
  refund(p: Record<string, unknown>): Promise<{ returnCode: string; resultCode?: string; returnMsg?: string; errCode?: string; errCodeDes?: string; refundId?: string }>;
}

const sdk = (): { cloudPay: CloudPay } => wxCloud();

const subMchId = () => {
  const id = process.env.WECHAT_PAY_SUB_MCH_ID;
  if (!id) throw new Error('WECHAT_PAY_SUB_MCH_ID is not set for this function');
  return id;
};

const nonce = () => Math.random().toString(36).slice(2, 18).padEnd(16, '0');

export const cloudPayProvider: PaymentProvider = {
  name: 'cloudpay',
  async unifiedOrder(req: UnifiedOrderRequest) {
    const res = await sdk().cloudPay.unifiedOrder({
      body: req.body.slice(0, 120),
      outTradeNo: req.outTradeNo,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: req.totalFee,
      envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE,
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
    const res = await sdk().cloudPay.refund({
      outTradeNo: req.outTradeNo,
      outRefundNo: req.outRefundNo,
      totalFee: req.totalFee,
      refundFee: req.refundFee,
      subMchId: subMchId(),
      nonceStr: nonce(),
      envId: process.env.TCB_ENV ?? process.env.SCF_NAMESPACE,
      functionName: 'payCallback',
    });
    if (res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS') return { ok: true, refundId: res.refundId ?? req.outRefundNo };
    return { ok: false, code: res.errCode ?? 'REFUND_FAILED', message: res.errCodeDes ?? res.returnMsg ?? '退款失败' };
  },
};
