/**
 * Cloud-call (openapi) method names: each is written once here and used twice — as the dotted
 * path the adapter calls on wx-server-sdk's `cloud.openapi`, and as the string every calling
 * function declares in its config.json `permissions.openapi` (WeChat only lets a function call
 * what it declares; see shared/PLATFORM.md "Cloud calls"). A test checks both uses agree.
 */
export const OPENAPI = {
  /** developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo */
  uploadShippingInfo: 'wxa.sec.order.uploadShippingInfo',
  /** WeChat cloud docs, subscribeMessage.send (cloud-call form). */
  subscribeMessageSend: 'subscribeMessage.send',
} as const;

export type OpenapiName = (typeof OPENAPI)[keyof typeof OPENAPI];

type CloudCall = (data: unknown) => Promise<unknown>;

/**
 * The callable at a dotted name on `cloud.openapi`. wx-server-sdk 4.0.2 builds `openapi` as a
 * Proxy in which every property read extends a path and calling it sends the joined path as the
 * API name (`npm pack wx-server-sdk@4.0.2`, index.js, module "./src/api/openapi/namespace/generic.ts":
 * getProxyObject/getCallableObject push each `prop` onto `paths`; the callable does
 * `const api = innerContext.paths.join('.')` and passes it to callWXOpenAPI). So
 * `openapi.wxa.sec.order.uploadShippingInfo(...)` calls exactly `wxa.sec.order.uploadShippingInfo`,
 * while `openapi.wxaSecOrder.uploadShippingInfo` (what this code called before) sends a name
 * WeChat does not document.
 * The same SDK converts camelCase keys of `data` to snake_case before sending.
 */
export function openapiMethod(openapi: unknown, name: OpenapiName): CloudCall | undefined {
  let at: unknown = openapi;
  for (const part of name.split('.')) {
    if (at === null || at === undefined || (typeof at !== 'object' && typeof at !== 'function')) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'function' ? (at as CloudCall) : undefined;
}

/** What a cloud call answered: done, or refused with WeChat's code and message. */
export type CloudCallResult = { ok: true } | { ok: false; code: string; message: string };

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

/**
 * Calls a cloud-call method and reads its answer: cloud calls answer `{errCode, errMsg}` (0 = done)
 * or throw with `errCode`; no answer at all is not a confirmation.
 */
export async function callOpenapi(api: CloudCall, data: unknown): Promise<CloudCallResult> {
  let res: unknown;
  try {
    res = await api(data);
  } catch (e) {
    const code = codeOf(e);
    return { ok: false, code: code !== undefined ? String(code) : 'CALL_FAILED', message: messageOf(e) || (e instanceof Error ? e.message : String(e)) };
  }
  if (!res) return { ok: false, code: 'EMPTY_RESPONSE', message: '微信未返回结果' };
  const code = codeOf(res);
  if (code !== undefined && code !== 0) return { ok: false, code: String(code), message: messageOf(res) };
  return { ok: true };
}
