import type { ShippingInfoBody } from '../../../shared/orders/shipping-info';
import { callOpenapi, OPENAPI, openapiMethod } from '../openapi';
import { wxCloud } from '../wx-cloud';
import type { ShippingProvider, ShippingResult } from './port';

/**
 * Production: the documented cloud call `wxa.sec.order.uploadShippingInfo`, i.e.
 * `cloud.openapi.wxa.sec.order.uploadShippingInfo` (wx-server-sdk; see ../openapi.ts for how the
 * SDK turns the path into the API name). Every function bundling this adapter must list
 * OPENAPI.uploadShippingInfo under config.json permissions.openapi (a test derives which ones from
 * the bundles), and the Mini Program must have 发货信息管理服务 enabled in the MP console. Cloud
 * calls take camelCase parameters and answer `{errCode, errMsg}`; a refusal may also be thrown
 * with `errCode`.
 */
const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function toCamelCase(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCamelCase);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), toCamelCase(x)]));
  return v;
}

/** `openapi` is wx-server-sdk's `cloud.openapi`; a parameter so a test can see which name is called. */
export const createWechatShippingProvider = (openapi: () => unknown): ShippingProvider => ({
  name: 'wechat',
  merchantId: () => process.env.WECHAT_PAY_SUB_MCH_ID || undefined,
  async upload(body: ShippingInfoBody): Promise<ShippingResult> {
    const api = openapiMethod(openapi(), OPENAPI.uploadShippingInfo);
    if (!api) return { ok: false, code: 'OPENAPI_UNAVAILABLE', message: `wx-server-sdk 不支持 openapi.${OPENAPI.uploadShippingInfo}，请升级 wx-server-sdk` };
    return callOpenapi(api, toCamelCase(body));
  },
});

export const wechatShippingProvider = createWechatShippingProvider(() => wxCloud().openapi);
