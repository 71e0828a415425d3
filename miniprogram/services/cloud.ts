import Taro from '@tarojs/taro';
import type { Envelope } from '@shared/errors/envelope';
import { getDevOpenid } from './dev-identity';

/**
 * The only module that knows which platform it runs on (DESIGN rule 10).
 * weapp: wx.cloud.callFunction — WeChat attaches the caller's openid itself.
 * H5 (local mode): POST /fn/<name> on the local gateway, identity from the dev login header.
 * Either way the caller gets an envelope and never an exception: pages show `error.message`.
 */
export type CallData = { action: string } & Record<string, unknown>;

export type CallFunction = <T>(name: string, data: CallData) => Promise<Envelope<T>>;

export const NETWORK_FAILURE = {
  ok: false as const,
  error: { code: 'INTERNAL' as const, message: '网络异常，请检查网络后重试。' },
};

const MALFORMED_REPLY = {
  ok: false as const,
  error: { code: 'INTERNAL' as const, message: '系统繁忙，请稍后重试。如多次失败请联系客服。' },
};

const H5_TIMEOUT_MS = 15_000;

export const callFunction: CallFunction = async <T>(name: string, data: CallData): Promise<Envelope<T>> => {
  try {
    const reply = process.env.TARO_ENV === 'h5' ? await callGateway(name, data) : await callCloud(name, data);
    return isEnvelope(reply) ? (reply as Envelope<T>) : MALFORMED_REPLY;
  } catch {
    // Offline, DNS, timeout, platform rejections: nothing the user can act on except retrying.
    return NETWORK_FAILURE;
  }
};

async function callCloud(name: string, data: CallData): Promise<unknown> {
  const res = await Taro.cloud.callFunction({ name, data });
  return res.result;
}

async function callGateway(name: string, data: CallData): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const openid = getDevOpenid();
  // Without the header the gateway answers UNAUTHENTICATED, exactly like a call with no identity.
  if (openid) headers['x-dev-openid'] = openid;
  const abort = typeof AbortController === 'function' ? new AbortController() : undefined;
  const timer = abort ? setTimeout(() => abort.abort(), H5_TIMEOUT_MS) : undefined;
  try {
    const res = await fetch('/fn/' + encodeURIComponent(name), {
      method: 'POST',
      headers,
      body: JSON.stringify(data),
      signal: abort?.signal,
    });
    // The gateway maps business failures to 4xx *with* an envelope body (e.g. 401 UNAUTHENTICATED):
    // that envelope is the answer. A non-JSON body (proxy error page, server down) is a network fault.
    const body: unknown = await res.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    throw new Error(`gateway replied ${res.status} without an envelope`);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function isEnvelope(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'data' in e;
  return e.ok === false && typeof e.error?.code === 'string' && typeof e.error?.message === 'string';
}
