import { OPENAPI, openapiMethod } from '../openapi';
import { wxCloud } from '../wx-cloud';
import type { MessagePort, SendResult, SubscribeMessageRequest } from './port';

const codeOf = (r: unknown): number | undefined => {
  if (!r || typeof r !== 'object') return undefined;
  const c = (r as { errCode?: unknown; errcode?: unknown }).errCode ?? (r as { errcode?: unknown }).errcode;
  return typeof c === 'number' ? c : undefined;
};
const textOf = (r: unknown): string => {
  if (!r || typeof r !== 'object') return '';
  const m = (r as { errMsg?: unknown; errmsg?: unknown; message?: unknown }).errMsg ?? (r as { errmsg?: unknown }).errmsg ?? (r as { message?: unknown }).message;
  return typeof m === 'string' ? m : '';
};

/**
 * Production: cloud call `cloud.openapi.subscribeMessage.send` (wx-server-sdk). Every function
 * bundling this adapter lists OPENAPI.subscribeMessageSend under config.json permissions.openapi
 * (a test derives which ones from the bundles). A refusal arrives either as `{errCode}` or thrown
 * with `errCode`; 43101 means the customer has no subscription left for the template.
 * `openapi` is wx-server-sdk's `cloud.openapi`; a parameter so a test can see which name is called.
 */
export const createWechatMessages = (openapi: () => unknown): MessagePort => ({
  mode: 'wechat',
  async send(req: SubscribeMessageRequest): Promise<SendResult> {
    // Template ids are per Mini Program and have no default (PLATFORM.md): never ask WeChat with none.
    if (!req.templateId.trim()) return { ok: false, code: 'NO_TEMPLATE', message: '未配置订阅消息模板 ID（设置 › 消息模板），消息未发送' };
    const api = openapiMethod(openapi(), OPENAPI.subscribeMessageSend);
    if (!api) return { ok: false, code: 'OPENAPI_UNAVAILABLE', message: `wx-server-sdk 不支持 openapi.${OPENAPI.subscribeMessageSend}` };
    let res: unknown;
    try {
      res = await api(req);
    } catch (e) {
      const code = codeOf(e);
      return { ok: false, code: code !== undefined ? String(code) : 'CALL_FAILED', message: textOf(e) || (e instanceof Error ? e.message : String(e)) };
    }
    if (!res) return { ok: false, code: 'EMPTY_RESPONSE', message: '微信未返回结果' };
    const code = codeOf(res);
    if (code !== undefined && code !== 0) return { ok: false, code: String(code), message: textOf(res) };
    return { ok: true };
  },
});

export const wechatMessages = createWechatMessages(() => wxCloud().openapi);
