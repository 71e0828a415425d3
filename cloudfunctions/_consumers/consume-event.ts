import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Settings } from '../../shared/settings';
import { applyEvent, newProfile, profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import type { Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { reconcileTierGiftsAlong, type SpendStep } from '../_gifts/tier-gifts';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { withSegments } from '../_segments/profile-segments';
import { attributable, attributeOrders, recentDeliveries } from '../_campaigns/attribution';
import { COLL } from '../_kit/collections';
import { markConsumed } from '../_events/consumed';
import { attributeFollowups, followupAttributable, followupEntriesOf } from '../_followup/attribution';

const CONSUMER = 'profile' as const;

/** Most events one transaction applies: bounds its size (one customer rarely owes more). */
export const MAX_BATCH = 25;

export type ConsumeOutcome = { outcome: 'applied'; tierChanges: string[] } | { outcome: 'already-applied' } | { outcome: 'missing' };

export interface BatchOutcome {
  /** Events this call applied (their ids). */
  applied: string[];
  /** Events another delivery had already applied, or that do not exist. */
  skipped: string[];
  tierChanges: string[];
}

/**
 * Applies one event to its customer's profile exactly once (see consumeEvents).
 */
export async function consumeEvent(db: Db, eventId: string, settings: Settings, now: number): Promise<ConsumeOutcome> {
  let missing = false;
  const r = await consumeEvents(db, [eventId], settings, now, () => {
    missing = true;
  });
  if (r.applied.length) return { outcome: 'applied', tierChanges: r.tierChanges };
  return missing ? { outcome: 'missing' } : { outcome: 'already-applied' };
}

/**
 * Applies events of ONE customer to their profile exactly once, in ONE transaction with the
 * events' bookkeeping: the profile (reducer in shared/segments), the tier gifts the spend path
 * calls for, and each event's `pending` list minus this consumer all commit together. A second
 * delivery finds the consumer gone from `pending` and changes nothing; two batches of one customer
 * applied at once conflict on the profile and one retries. Batching a customer's backlog reads and
 * writes the profile and tier gifts once instead of once per event (replays, sweeps).
 */
export async function consumeEvents(db: Db, eventIds: string[], settings: Settings, now: number, onMissing?: (id: string) => void, attempts = 50): Promise<BatchOutcome> {
  if (eventIds.length > MAX_BATCH) throw new Error(`consumeEvents: at most ${MAX_BATCH} events per transaction`);
  return runInTransaction(
    db,
    async (tx): Promise<BatchOutcome> => {
      const out: BatchOutcome = { applied: [], skipped: [], tierChanges: [] };
      const owed: PurchaseEvent[] = [];
      for (const id of eventIds) {
        const ev = await txGet<PurchaseEvent>(tx, COLL.events, id);
        if (!ev) onMissing?.(id);
        if (!ev || !ev.pending?.includes(CONSUMER)) out.skipped.push(id);
        else owed.push(ev);
      }
      if (!owed.length) return out;
      const openid = owed[0].openid;
      // One profile per transaction: an event of someone else is a caller bug, not data to guess about.
      if (owed.some((e) => e.openid !== openid)) throw new Error('consumeEvents: events of more than one customer in one batch');
      const stored = await txGet<CustomerProfile>(tx, COLL.profiles, profileIdOf(openid));
      let facts = stored ?? newProfile(openid, now);
      const steps: SpendStep[] = [];
      for (const ev of owed) {
        facts = applyEvent(facts, ev);
        // Tier gifts follow the spend the profile holds after each fact; only a spend change moves them.
        if (ev.qualifyingDeltaFen !== 0) steps.push({ spendFen: facts.qualifyingSpendFen, at: ev.at });
      }
      // Facts, then the segment keys and next transition time they imply at `now`: stored together,
      // so a segment list (an indexed query on `segments`) is never behind the facts.
      const before = stored ?? newProfile(openid, now);
      const after: CustomerProfile = withSegments({ ...facts, updatedAt: now, version: before.version + 1 }, settings, now);
      faultPoint('consume.before-tiers');
      if (steps.length) {
        // A customer without a profile has no tier gifts (they are made here, with the profile).
        const tiers = await reconcileTierGiftsAlong(tx, openid, steps, settings, stored ? stored.tierGiftIds : []);
        out.tierChanges = tiers.done;
        after.tierGiftIds = tiers.giftIds;
      }
      await (stored ? txReplace(tx, COLL.profiles, after) : txCreate(tx, COLL.profiles, after));
      // Campaign attribution (orders inside a delivery's window) commits with the profile: once per event.
      if (attributable(owed)) await attributeOrders(tx, openid, await recentDeliveries(db, openid), owed);
      // Follow-up lists likewise (issue 19): a purchase after a one-to-one contact is credited to it, once.
      if (followupAttributable(owed)) {
        const refs = await followupEntriesOf(db, openid);
        if (refs.length) await attributeFollowups(tx, refs, owed, after);
      }
      faultPoint('consume.before-mark');
      for (const ev of owed) {
        await markConsumed(tx, ev, CONSUMER, 'appliedAt', now);
        out.applied.push(ev._id);
      }
      return out;
    },
    { attempts, baseDelayMs: 5, maxDelayMs: 500 },
  );
}
