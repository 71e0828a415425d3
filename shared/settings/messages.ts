import { z } from 'zod';
import { MESSAGE_KINDS } from './options';

/**
 * WeChat subscription-message templates (one-time subscriptions). `templateId` comes from the Mini
 * Program's admin console (订阅消息 → 我的模板); template ids are per Mini Program, so there is no
 * default (docs/platform.md): empty = not configured, and a message of that kind is
 * skipped and counted (未配置消息模板), never sent with a made-up id. `fields` maps our message
 * parts to the template's keyword names (thing1, time2, …), which differ per template. The local
 * inbox ignores both.
 */
const messageTemplateSchema = z
  .object({
    templateId: z.string().trim().max(64).regex(/^[A-Za-z0-9_-]*$/, '模板 ID 只能包含字母、数字、- 和 _（从小程序后台「订阅消息 → 我的模板」复制）'),
    fields: z
      .object({ title: z.string().min(1).max(20), detail: z.string().min(1).max(20), until: z.string().min(1).max(20) })
      .strict(),
  })
  .strict();

export { MESSAGE_KINDS, type MessageKind } from './options';

/** Keyword names of the common 活动通知 / 到期提醒 templates; an operator adjusts them to their template. */
const TEMPLATE_FIELDS = { title: 'thing1', detail: 'thing2', until: 'time3' };

export const messageSettings = {
  /** Subscription-message templates by purpose (campaign promotions, membership renewal reminders). */
  messageTemplates: z
    .object({ promotion: messageTemplateSchema, renewal: messageTemplateSchema })
    .strict()
    .prefault({ promotion: { templateId: '', fields: TEMPLATE_FIELDS }, renewal: { templateId: '', fields: TEMPLATE_FIELDS } }),
};
