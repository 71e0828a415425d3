import { callOpenapi, OPENAPI, openapiMethod } from '../openapi';
import { wxCloud } from '../wx-cloud';
import type { MessagePort, SendResult, SubscribeMessageRequest } from './port';

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
    return callOpenapi(api, req);
  },
});

export const wechatMessages = createWechatMessages(() => wxCloud().openapi);
