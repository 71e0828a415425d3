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
 * Production: cloud call `cloud.openapi.subscribeMessage.send` (wx-server-sdk). The calling
 * functions' config.json list `subscribeMessage.send` under permissions.openapi (campaign,
 * scheduler). A refusal arrives either as `{errCode}` or thrown with `errCode`; 43101 means the
 * customer has no subscription left for the template.
 */
export const wechatMessages: MessagePort = {
  mode: 'wechat',
  async send(req: SubscribeMessageRequest): Promise<SendResult> {
    // Template ids are per Mini Program and have no default (PLATFORM.md): never ask WeChat with none.
    if (!req.templateId.trim()) return { ok: false, code: 'NO_TEMPLATE', message: '未配置订阅消息模板 ID（设置 › 消息模板），消息未发送' };
    const api = wxCloud().openapi?.subscribeMessage?.send;
    if (typeof api !== 'function') return { ok: false, code: 'OPENAPI_UNAVAILABLE', message: 'wx-server-sdk 不支持 openapi.subscribeMessage.send' };
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
};
