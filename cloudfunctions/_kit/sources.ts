/**
 * Where an invocation came from, as the platform reports it in the context (`TCB_SOURCE`).
 * Identity and trust decisions are made from these, never from the event payload (DESIGN rule 3).
 * `wx_client`/`wx_devtools`: a Mini Program user's wx.cloud.callFunction (WX_OPENID is set by WeChat).
 * `wx_pay`: WeChat Pay's result callback to the function named in unifiedOrder.
 * `timer`: a timer trigger declared in the function's config.json.
 * `scf`/`tcb`: another cloud function or a server SDK call.
 * The local gateway supplies the same keys.
 */
export const CLIENT_SOURCES = ['wx_client', 'wx_devtools'] as const;
export const PAY_CALLBACK_SOURCE = 'wx_pay';
export const TIMER_SOURCE = 'timer';
export const FUNCTION_SOURCES = ['scf', 'tcb'] as const;

export type SourceKind = 'client' | 'pay-callback' | 'timer' | 'function' | 'unknown';

export function classifySource(raw: string | undefined): SourceKind {
  if (!raw) return 'unknown';
  if ((CLIENT_SOURCES as readonly string[]).includes(raw)) return 'client';
  if (raw === PAY_CALLBACK_SOURCE) return 'pay-callback';
  if (raw === TIMER_SOURCE) return 'timer';
  if ((FUNCTION_SOURCES as readonly string[]).includes(raw)) return 'function';
  return 'unknown';
}
