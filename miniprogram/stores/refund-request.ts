import { runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import type { IntentIds } from '../services/request-id';
import { failure, type Notice } from './notice';

/** What a page shows while a refund is asked for. */
export interface RefundingState {
  refunding: boolean;
  notice: Notice | undefined;
}

/**
 * One refund the customer confirmed (会员费退款, 储值退款): sent once at a time, under one request
 * id kept until the server answers for good (a retry after a lost reply cannot refund twice); a
 * refusal is shown in Chinese. Returns the server's answer, or undefined when nothing was refunded.
 */
export async function requestRefund<T>(state: RefundingState, intents: IntentIds, intent: string, prefix: string, send: (requestId: string) => Promise<Envelope<T>>): Promise<T | undefined> {
  if (state.refunding) return undefined;
  runInAction(() => {
    state.refunding = true;
    state.notice = undefined;
  });
  const reply = await send(intents.idFor(intent, prefix));
  intents.settleUnlessUnknown(intent, reply);
  runInAction(() => {
    state.refunding = false;
    if (!reply.ok) state.notice = failure(userMessage(reply.error.code, reply.error.message));
  });
  return reply.ok ? reply.data : undefined;
}
