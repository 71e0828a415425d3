import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Tx } from '../_kit/transaction';
import { txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Takes one consumer off an event's `pending` list (dropping the list when it empties, so the
 * "owed" indexes stop finding it) and stamps when that consumer took it — in the consumer's own
 * transaction, so the event is marked exactly when its effect commits.
 */
export async function markConsumed(tx: Tx, ev: PurchaseEvent, consumer: string, stamp: 'appliedAt' | 'reportedAt', now: number): Promise<void> {
  const { pending = [], ...rest } = ev;
  const left = pending.filter((c) => c !== consumer);
  await txReplace(tx, COLL.events, { ...rest, ...(left.length ? { pending: left } : {}), [stamp]: now });
}
