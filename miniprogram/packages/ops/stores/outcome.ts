import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import type { IntentIds } from '../../../services/request-id';
import { failure, type Notice } from '../../../stores/notice';

/**
 * One change sent under an intent: the same intent gets the same request id (a retry after a lost
 * reply is the same request); a definite answer settles it, an unknown one (INTERNAL) keeps it.
 */
export async function sendOnce<R>(intents: IntentIds, intent: string, prefix: string, call: (requestId: string) => Promise<Envelope<R>>): Promise<Envelope<R>> {
  const reply = await call(intents.idFor(intent, prefix));
  intents.settleUnlessUnknown(intent, reply);
  return reply;
}

/** A refusal as the page says it (Chinese, with what to do next). */
export const refusal = (error: { code: string; message: string }): Notice => failure(userMessage(error.code, error.message));
