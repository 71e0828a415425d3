import type { Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { drivePendingEvents } from './drive-events';

/** A few tries: a busy profile means another request of this customer is applying it (see DriveOptions.attempts). */
const SETTLE_ATTEMPTS = 4;

/**
 * Right after a customer's fact commits (payment, refund, claim), apply their owed events so the
 * profile and tier gifts are current when the customer looks. Never fails the action: the fact is
 * already committed and the scheduled sweep re-drives anything left owed.
 */
export async function settleEventsOf(ctx: ActionContext, openid: string): Promise<void> {
  if (!openid) return;
  try {
    await drivePendingEvents(ctx.db, ctx.now, ctx.log, { openid, attempts: SETTLE_ATTEMPTS });
  } catch (e) {
    ctx.log.log('error', 'settle events failed', { openid, error: e instanceof Error ? e.message : String(e) });
  }
}

/** Wraps a use case whose facts emit events for the caller: settles them after it returns. */
export function settlesEvents<I, R>(run: (input: I, ctx: ActionContext) => Promise<Result<R>>) {
  return async (input: I, ctx: ActionContext): Promise<Result<R>> => {
    const res = await run(input, ctx);
    // A refusal wrote nothing, so it owes nothing (and a burst of refusals must not pile onto
    // the profile of the one customer who is busy).
    if (res.ok) await settleEventsOf(ctx, ctx.openid);
    return res;
  };
}
