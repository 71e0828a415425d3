/**
 * Where an invocation came from, as the platform reports it — never as the payload claims.
 * Every value here is documented; the sources are cited beside each constant and the complete
 * shapes (contexts, events) live as fixtures in `platform/fixtures/`, which the local platform
 * produces and a contract test checks (DESIGN rule 3, PLATFORM.md).
 *
 * `TCB_SOURCE` (getWXContext().SOURCE) — WeChat docs, Cloud.getWXContext:
 *   developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
 * It is a chain: a client calling A which calls B gives A `wx_client` and B `wx_client,scf`. In the
 * legacy context format (`context.environ`) the SDK's parser turns a value with a comma into an
 * array (@cloudbase/node-sdk 3.18 dist/utils/tcbcontext.js parseContext), so both forms arrive.
 */

/** A Mini Program user's wx.cloud.callFunction; DevTools' own calls carry a developer's openid. */
export const CLIENT_SOURCES = ['wx_client', 'wx_devtools'] as const;
/** WeChat Pay's result callback to the function named in unifiedOrder / refund (cloudPay). */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback';
/** A timer trigger of a function uploaded from WeChat DevTools. */
export const TIMER_SOURCE = 'wx_trigger';
/** Another cloud function (appended to the caller's chain). */
export const FUNCTION_SOURCE = 'scf';

/**
 * A timer created through the CloudBase CLI / manager API (what `npm run deploy` does) runs as a
 * plain SCF timer: its context carries no TCB per-invocation keys at all, and SCF sets the built-in
 * variable TRIGGER_SRC=timer ("TRIGGER_SRC | timer（使用定时触发器时）", Tencent Cloud SCF docs,
 * 环境变量 tencentcloud.com/zh/document/product/583/32748). Calls that pass through CloudBase carry
 * TRIGGER_SRC=tcb among their own context keys (see the legacy context fixture), which wins.
 */
export const SCF_TIMER_TRIGGER_SRC = 'timer';

export type SourceKind = 'client' | 'pay-callback' | 'timer' | 'function' | 'unknown';

/** The chain of sources, first hop first, from either context format. */
export function sourceChain(raw: unknown): string[] {
  const parts = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return parts.filter((p): p is string => typeof p === 'string').map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Trust by the whole chain: a pay callback or a timer is exactly that one hop; anything that
 * started at a phone (`wx_client` anywhere in the chain) is a customer, whatever follows; a call
 * from another function that did not start at a phone is `function`; everything else is unknown.
 */
export function classifySource(raw: unknown): SourceKind {
  const chain = sourceChain(raw);
  if (chain.length === 0) return 'unknown';
  if (chain.some((s) => (CLIENT_SOURCES as readonly string[]).includes(s))) return 'client';
  if (chain.length === 1 && chain[0] === PAY_CALLBACK_SOURCE) return 'pay-callback';
  if (chain.length === 1 && chain[0] === TIMER_SOURCE) return 'timer';
  // Our own function called this one (the SDK appends `scf`); the first hop was not a phone.
  if (chain[chain.length - 1] === FUNCTION_SOURCE) return 'function';
  return 'unknown';
}
