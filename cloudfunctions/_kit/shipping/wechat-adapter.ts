import type { ShippingInfoBody } from '../../../shared/orders/shipping-info';
import { OPENAPI, openapiMethod } from '../openapi';
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

const codeOf = (r: unknown): number | undefined => {
  if (!r || typeof r !== 'object') return undefined;
  const c = (r as { errCode?: unknown; errcode?: unknown }).errCode ?? (r as { errcode?: unknown }).errcode;
  return typeof c === 'number' ? c : undefined;
};
const messageOf = (r: unknown): string => {
  if (!r || typeof r !== 'object') return '';
  const m = (r as { errMsg?: unknown; errmsg?: unknown; message?: unknown }).errMsg ?? (r as { errmsg?: unknown }).errmsg ?? (r as { message?: unknown }).message;
  return typeof m === 'string' ? m : '';
};

/** `openapi` is wx-server-sdk's `cloud.openapi`; a parameter so a test can see which name is called. */
export const createWechatShippingProvider = (openapi: () => unknown): ShippingProvider => ({
  name: 'wechat',
  merchantId: () => process.env.WECHAT_PAY_SUB_MCH_ID || undefined,
  async upload(body: ShippingInfoBody): Promise<ShippingResult> {
    const api = openapiMethod(openapi(), OPENAPI.uploadShippingInfo);
    if (!api) return { ok: false, code: 'OPENAPI_UNAVAILABLE', message: `wx-server-sdk 不支持 openapi.${OPENAPI.uploadShippingInfo}，请升级 wx-server-sdk` };
    let res: unknown;
    try {
      res = await api(toCamelCase(body));
    } catch (e) {
      const code = codeOf(e);
      return { ok: false, code: code !== undefined ? String(code) : 'CALL_FAILED', message: messageOf(e) || (e instanceof Error ? e.message : String(e)) };
    }
    // No answer at all is not a confirmation.
    if (!res) return { ok: false, code: 'EMPTY_RESPONSE', message: '微信未返回结果' };
    const code = codeOf(res);
    if (code !== undefined && code !== 0) return { ok: false, code: String(code), message: messageOf(res) };
    return { ok: true };
  },
});

export const wechatShippingProvider = createWechatShippingProvider(() => wxCloud().openapi);
