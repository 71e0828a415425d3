import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Settings } from '../../shared/schemas/settings';
import { applyEvent, newProfile, profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import type { Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { COLL } from '../_money/docs';
import { reconcileTierGifts } from '../_money/tier-gifts';
import { txCreate, txGet, txReplace } from '../_money/tx';
import { withSegments } from '../_segments/profile-segments';

const CONSUMER = 'profile' as const;

export type ConsumeOutcome = { outcome: 'applied'; tierChanges: string[] } | { outcome: 'already-applied' } | { outcome: 'missing' };

/**
 * Applies one event to its customer's profile exactly once, in ONE transaction with the event's
 * bookkeeping: the profile (reducer in shared/segments), the tier gifts the new spend calls for,
 * and the event's `pending` list minus this consumer all commit together. A second delivery finds
 * the consumer gone from `pending` and changes nothing; two events of one customer applied at once
 * conflict on the profile and one retries.
 */
export async function consumeEvent(db: Db, eventId: string, settings: Settings, now: number): Promise<ConsumeOutcome> {
  return runInTransaction(
    db,
    async (tx): Promise<ConsumeOutcome> => {
      const ev = await txGet<PurchaseEvent>(tx, COLL.events, eventId);
      if (!ev) return { outcome: 'missing' };
      if (!ev.pending?.includes(CONSUMER)) return { outcome: 'already-applied' };
      const stored = await txGet<CustomerProfile>(tx, COLL.profiles, profileIdOf(ev.openid));
      const before = stored ?? newProfile(ev.openid, now);
      // Facts, then the segment keys and next transition time they imply at `now`: stored together,
      // so a segment list (an indexed query on `segments`) is never behind the facts.
      const after: CustomerProfile = withSegments({ ...applyEvent(before, ev), updatedAt: now, version: before.version + 1 }, settings, now);
      faultPoint('consume.before-tiers');
      // Tier gifts follow the spend the profile now holds; only a spend change can move them.
      const tierChanges = ev.qualifyingDeltaFen !== 0 ? await reconcileTierGifts(tx, ev.openid, after.qualifyingSpendFen, settings, ev.at) : [];
      await (stored ? txReplace(tx, COLL.profiles, after) : txCreate(tx, COLL.profiles, after));
      faultPoint('consume.before-mark');
      const { pending = [], ...rest } = ev;
      const left = pending.filter((c) => c !== CONSUMER);
      await txReplace(tx, COLL.events, { ...rest, ...(left.length ? { pending: left } : {}), appliedAt: now });
      return { outcome: 'applied', tierChanges };
    },
    { attempts: 50, baseDelayMs: 5, maxDelayMs: 500 },
  );
}
