import type { ShippingInfoBody } from '../../../shared/orders/shipping-info';
import { wxCloud } from '../wx-cloud';
import type { ShippingProvider, ShippingResult } from './port';

/**
 * Production: cloud call `cloud.openapi.wxaSecOrder.uploadShippingInfo` (wx-server-sdk). The
 * calling function's config.json must list `wxaSecOrder.uploadShippingInfo` under
 * permissions.openapi (ops, payCallback and scheduler do), and the Mini Program must have 发货信息
 * 管理服务 enabled in the MP console. Cloud calls take camelCase parameters and answer
 * `{errCode, errMsg}`; a refusal may also be thrown with `errCode`.
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

export const wechatShippingProvider: ShippingProvider = {
  name: 'wechat',
  merchantId: () => process.env.WECHAT_PAY_SUB_MCH_ID || undefined,
  async upload(body: ShippingInfoBody): Promise<ShippingResult> {
    const api = wxCloud().openapi?.wxaSecOrder?.uploadShippingInfo;
    if (typeof api !== 'function') return { ok: false, code: 'OPENAPI_UNAVAILABLE', message: 'wx-server-sdk 不支持 openapi.wxaSecOrder.uploadShippingInfo，请升级 wx-server-sdk' };
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
};
