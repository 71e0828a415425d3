import type { messagesApi } from '@shared/api/messages';
import type { SubscribeResult } from '@shared/promotions/campaign-views';
import type { MessageKind } from '@shared/settings';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `messages` function (shared/api/messages.ts): subscription grants, what the customer answered, the inbox. */
export type { GrantsView, InboxItem, SubscribeResult } from '@shared/promotions/campaign-views';
export type { MessageKind } from '@shared/settings';

type Api = typeof messagesApi;

// Spelled out here (not imported from the settings schema) to keep zod's settings schema out of the
// main package; the Record makes the compiler insist on every kind.
const KINDS: Record<MessageKind, true> = { promotion: true, renewal: true };
export const MESSAGE_KINDS = Object.keys(KINDS) as MessageKind[];

export interface MessagesService {
  grants(): Out<Api, 'grants'>;
  /** Records what the customer answered to a subscription prompt (one request id per answer). */
  subscribeResult(results: Partial<Record<MessageKind, SubscribeResult>>, requestId: string): Out<Api, 'subscribeResult'>;
  inbox(cursor?: number): Out<Api, 'inbox'>;
  open(messageId: string): Out<Api, 'open'>;
}

export const createMessagesService = (call: CallFunction): MessagesService => {
  const messages = callerOf<Api>(call, 'messages');
  return {
    grants: () => messages('grants'),
    subscribeResult: (results, requestId) => messages('subscribeResult', { results: { ...results }, requestId }),
    inbox: (cursor) => messages('inbox', { cursor }),
    open: (messageId) => messages('open', { messageId }),
  };
};

const KNOWN: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** wx.requestSubscribeMessage's answer per template id; 'acceptWithAudio' (accept with a sound) is an accept. */
export function resultsOf(tmplIds: string[], res: Record<string, unknown>): Record<string, SubscribeResult> {
  const out: Record<string, SubscribeResult> = {};
  for (const id of tmplIds) {
    const v = res[id];
    if (v === 'acceptWithAudio') out[id] = 'accept';
    else if (typeof v === 'string' && KNOWN.includes(v)) out[id] = v as SubscribeResult;
  }
  return out;
}
