import type { WxPaymentParams } from '../../../shared/schemas/payment';
import { closeOrderParams, parseCloseOrderReply, parseQueryRefundReply, parseRefundReply, queryRefundParams, refundParams } from './cloudpay-shapes';
import type { PaymentProvider, RefundRequest, RefundResult, UnifiedOrderRequest } from './port';

/** The merchant number the simulator plays: local functions never read WECHAT_PAY_SUB_MCH_ID (deploy declares it for cloudpay-adapter only). */
export const LOCAL_SUB_MCH_ID = '1900000109';

/**
 * Talks to the local WeChat Pay simulator (local/pay-sim) over HTTP, as a function would talk to
 * WeChat: refund / closeorder / queryrefund take cloudPay's documented parameters and answer in
 * cloudPay's reply shapes, parsed by the same code as production (cloudpay-shapes.ts).
 */
export function localPayProvider(baseUrl: string): PaymentProvider {
  const post = async (path: string, body: unknown): Promise<unknown> => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  };
  const merchant = () => ({ subMchId: LOCAL_SUB_MCH_ID, nonceStr: Math.random().toString(36).slice(2, 18).padEnd(16, '0'), envId: process.env.TCB_ENV ?? 'local' });
  return {
    name: 'local',
    async unifiedOrder(req: UnifiedOrderRequest) {
      const json = (await post('/unifiedorder', req)) as { ok: boolean; data?: WxPaymentParams; error?: { code: string; message: string } };
      if (!json.ok) throw Object.assign(new Error(`pay simulator /unifiedorder: ${json.error?.code} ${json.error?.message}`), { code: json.error?.code });
      return json.data as WxPaymentParams;
    },
    refund: async (req: RefundRequest): Promise<RefundResult> => parseRefundReply(await post('/refund', refundParams(req, merchant()))),
    closeOrder: async (outTradeNo: string) => parseCloseOrderReply(await post('/closeorder', closeOrderParams(outTradeNo, merchant()))),
    queryRefund: async (outRefundNo: string) => parseQueryRefundReply(await post('/queryrefund', queryRefundParams(outRefundNo, merchant())), outRefundNo),
  };
}
