import type { ShippingInfoBody } from '../../../shared/orders/shipping-info';
import type { ShippingProvider, ShippingResult } from './port';

/** The simulator's merchant id (local/pay-sim): the one local payments are made with. */
export const LOCAL_MCH_ID = '1900000109';

/** Sends the same body the HTTPS API takes to the local shipping recorder, which answers like WeChat. */
export function localShippingProvider(baseUrl: string): ShippingProvider {
  return {
    name: 'local',
    merchantId: () => LOCAL_MCH_ID,
    async upload(body: ShippingInfoBody): Promise<ShippingResult> {
      const res = await fetch(`${baseUrl}/upload_shipping_info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = (await res.json()) as { errcode?: number; errmsg?: string };
      return json.errcode === 0 ? { ok: true } : { ok: false, code: String(json.errcode ?? res.status), message: json.errmsg ?? '' };
    },
  };
}
