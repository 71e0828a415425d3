import type { Envelope } from '@shared/errors/envelope';
import type { GrantsView, InboxItem, SubscribeResult } from '@shared/promotions/campaign-views';
import type { MessageKind } from '@shared/schemas/settings';
import type { CallFunction } from './cloud';

/** Typed calls to the `messages` function: subscription grants, what the customer answered, the inbox. */
export type { GrantsView, InboxItem, SubscribeResult } from '@shared/promotions/campaign-views';
export type { MessageKind } from '@shared/schemas/settings';

// Spelled out here (not imported from the settings schema) to keep zod's settings schema out of the
// main package; the Record makes the compiler insist on every kind.
const KINDS: Record<MessageKind, true> = { promotion: true, renewal: true };
export const MESSAGE_KINDS = Object.keys(KINDS) as MessageKind[];

export interface MessagesService {
  grants(): Promise<Envelope<GrantsView>>;
  /** Records what the customer answered to a subscription prompt (one request id per answer). */
  subscribeResult(results: Partial<Record<MessageKind, SubscribeResult>>, requestId: string): Promise<Envelope<GrantsView>>;
  inbox(cursor?: number): Promise<Envelope<{ items: InboxItem[]; nextCursor: number | null }>>;
  open(messageId: string): Promise<Envelope<{ page: string; opened: boolean }>>;
}

export const createMessagesService = (call: CallFunction): MessagesService => ({
  grants: () => call('messages', { action: 'grants' }),
  subscribeResult: (results, requestId) => call('messages', { action: 'subscribeResult', results: { ...results }, requestId }),
  inbox: (cursor) => call('messages', { action: 'inbox', ...(cursor !== undefined ? { cursor } : {}) }),
  open: (messageId) => call('messages', { action: 'open', messageId }),
});

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
