import { convertsFor, creditedContact } from '../../shared/followup/rules';
import type { FollowupEntryDoc } from '../../shared/documents';
import type { PurchaseEvent } from '../../shared/schemas/event';
import type { CustomerProfile } from '../../shared/segments/profile';
import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/** Follow-up lists a customer is counted in at once, at most: bounds the consumer's reads. */
const RECENT_ENTRIES = 20;

const CONVERTING = new Set(['order.paid', 'membership.purchased', 'order.refunded']);

/** Only purchases (and their refunds) can convert: other events never cost the query. */
export const followupAttributable = (events: readonly PurchaseEvent[]) => events.some((e) => CONVERTING.has(e.type));

type EntryRef = Pick<FollowupEntryDoc, '_id' | 'addedAt' | 'countsUntil'>;

/** The customer's follow-up entries (query outside the transaction; each is re-read by id inside). */
export async function followupEntriesOf(db: Db, openid: string): Promise<EntryRef[]> {
  const res = (await db.collection(COLL.followup_entries).where({ openid }).orderBy('addedAt', 'desc').limit(RECENT_ENTRIES).field({ addedAt: true, countsUntil: true }).get()) as { data: EntryRef[] };
  return res.data;
}

const costOf = (e: PurchaseEvent) => (e.lines ?? []).reduce((s, l) => s + (l.costFen ?? 0) * l.qty, 0);
const conversionIdOf = (e: PurchaseEvent) => e.orderId ?? e._id;

/**
 * Credits a customer's purchases to the follow-up lists they are on — treated and holdout alike
 * over the list's window, so the lift compares like with like — and the first conversion to the
 * contact before it (within the list's attribution window) and its staff member. Runs in the
 * profile consumer's transaction, which applies each event exactly once: each purchase is counted
 * once (its order id is kept on the entry, so even a replay of the same order adds nothing).
 * A refund of a counted order takes its revenue and cost back; the conversion stands.
 */
export async function attributeFollowups(tx: Tx, refs: readonly EntryRef[], events: readonly PurchaseEvent[], profile: CustomerProfile): Promise<void> {
  const fullProducts = new Set((profile.trials ?? []).map((t) => t.fullProductId));
  for (const ref of refs) {
    const inWindow = events.filter((e) => CONVERTING.has(e.type) && e.at >= ref.addedAt && e.at <= ref.countsUntil);
    if (!inWindow.length) continue;
    const entry = await txGet<FollowupEntryDoc>(tx, COLL.followup_entries, ref._id);
    if (!entry) continue;
    let next: FollowupEntryDoc = entry;
    for (const e of inWindow) {
      const id = conversionIdOf(e);
      if (e.type === 'order.refunded') {
        if (!e.orderId || !next.conversionIds.includes(e.orderId)) continue;
        next = { ...next, revenueFen: next.revenueFen - e.amounts.totalFen, cogsFen: next.cogsFen - costOf(e) };
        continue;
      }
      if (next.conversionIds.includes(id) || !convertsFor(entry.goal, e, fullProducts)) continue;
      next = { ...next, conversionIds: [...next.conversionIds, id], revenueFen: next.revenueFen + e.amounts.totalFen, cogsFen: next.cogsFen + costOf(e) };
      if (next.convertedAt === undefined) {
        const credit = next.group === 'treated' ? creditedContact(next.contacts, e.at, next.windowDays) : undefined;
        const { dueAt: _due, ...rest } = next;
        void _due;
        // Converted: nothing is due any more.
        next = { ...rest, convertedAt: e.at, ...(credit ? { credit: { contactId: credit.contactId, staff: credit.staff, at: e.at } } : {}) };
      }
    }
    if (next === entry) continue;
    await txReplace(tx, COLL.followup_entries, { ...next, version: entry.version + 1 });
  }
}
