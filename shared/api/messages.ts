import { z } from 'zod';
import type { GrantsView, InboxItem, SubscribeResult } from '../promotions/campaign-views';
import { action } from './contract';
import { noInput, pageCursor, requestIdSchema } from './common';

/** What wx.requestSubscribeMessage answers per template. */
const result = z.enum(['accept', 'reject', 'ban', 'filter'] as const satisfies readonly SubscribeResult[]);

/** The `messages` function: subscription grants, what the customer answered, the inbox, opening a message. */
export const messagesApi = {
  grants: action<GrantsView>()({ summary: '本人给出的一次性订阅次数（按消息类型）。', auth: 'customer', input: noInput }),
  subscribeResult: action<GrantsView>()({
    summary: '记录顾客对订阅弹窗的回答（每次回答一个 requestId）。',
    auth: 'customer',
    input: z.object({ results: z.object({ promotion: result.optional(), renewal: result.optional() }).strict(), requestId: requestIdSchema }).strict(),
  }),
  inbox: action<{ items: InboxItem[]; nextCursor: number | null }>()({ summary: '送达本人的消息，最新在前。', auth: 'customer', input: z.object({ cursor: pageCursor.optional() }).strict() }),
  open: action<{ page: string; opened: boolean }>()({ summary: '打开一条消息（记一次互动）并给出要去的页面。', auth: 'customer', input: z.object({ messageId: z.string().min(1).max(64) }).strict() }),
};
