import type { WxPaymentParams } from '../../../shared/schemas/payment';
import type { PaymentProvider, RefundRequest, RefundResult, UnifiedOrderRequest } from './port';

/** Talks to the local WeChat Pay simulator (local/pay-sim) over HTTP, as a function would talk to WeChat. */
export function localPayProvider(baseUrl: string): PaymentProvider {
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { ok: boolean; data?: T; error?: { code: string; message: string } };
    if (!json.ok) throw Object.assign(new Error(`pay simulator ${path}: ${json.error?.code} ${json.error?.message}`), { code: json.error?.code });
    return json.data as T;
  };
  return {
    name: 'local',
    unifiedOrder: (req: UnifiedOrderRequest) => call<WxPaymentParams>('/unifiedorder', req),
    refund: async (req: RefundRequest): Promise<RefundResult> => {
      const res = await fetch(`${baseUrl}/refund`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req) });
      const json = (await res.json()) as { ok: boolean; data?: { refundId: string }; error?: { code: string; message: string } };
      return json.ok ? { ok: true, refundId: json.data!.refundId } : { ok: false, code: json.error!.code, message: json.error!.message };
    },
  };
}
