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

/**
 * Where an upload goes (from ops.imageUploadTicket): WeChat needs only the cloud path
 * (wx.cloud.uploadFile signs the request itself); the H5 build PUTs the bytes to `upload.url`
 * with `upload.headers`, which is the same request wx.cloud.uploadFile makes.
 */
export interface UploadTarget {
  cloudPath: string;
  upload: { url: string; method: 'PUT'; headers: Record<string, string> };
}

/** `fileID` when the platform reports one (weapp); the ticket's file id is authoritative either way. */
export type UploadResult = { ok: true; fileID?: string } | { ok: false; message: string };

/** Sends a local file (a path from chooseMedia: wxfile:// on weapp, blob: on H5) to cloud storage. */
export type UploadFile = (target: UploadTarget, filePath: string) => Promise<UploadResult>;

const UPLOAD_FAILED = '图片上传失败，请检查网络后重试。';

export const uploadFile: UploadFile = async (target, filePath) => {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const picked = await fetch(filePath);
      const body = await picked.blob();
      const res = await fetch(target.upload.url, { method: target.upload.method, headers: target.upload.headers, body });
      // COS (and the local emulator) answers a stored object with 200 and an empty body.
      return res.ok ? { ok: true } : { ok: false, message: `图片上传失败（存储返回 ${res.status}），请重试。` };
    }
    const res = await Taro.cloud.uploadFile({ cloudPath: target.cloudPath, filePath });
    return { ok: true, fileID: res.fileID };
  } catch {
    return { ok: false, message: UPLOAD_FAILED };
  }
};

function isEnvelope(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (e.ok === true) return 'data' in e;
  return e.ok === false && typeof e.error?.code === 'string' && typeof e.error?.message === 'string';
}
