/**
 * Subscription-message port (WeChat one-time subscriptions): what campaigns and renewal reminders
 * need from the platform. Adapters: `wechat` (production: cloud call
 * `openapi.subscribeMessage.send`) and `local-recorder` (npm start, tests: records the exact
 * request in `message_calls`, delivers nothing).
 */
export interface SubscribeMessageRequest {
  touser: string;
  templateId: string;
  page: string;
  /** `{ keyword: { value } }` as the platform expects. */
  data: Record<string, { value: string }>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}

export type SendResult = { ok: true } | { ok: false; code: string; message: string };

/** The platform's "user has no (more) subscription for this template" refusal. */
export const NO_SUBSCRIPTION = '43101';

export interface MessagePort {
  readonly mode: 'wechat' | 'local-recorder';
  send(req: SubscribeMessageRequest, meta: { messageId: string; openid: string }): Promise<SendResult>;
}
