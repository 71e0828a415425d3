import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Settings } from '../../shared/schemas/settings';
import type { Db } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { loadSettings } from '../_kit/settings-store';
import { ConflictError } from '../_kit/transaction';
import { consumeEvents, MAX_BATCH } from './consume-event';
import { COLL } from '../_kit/collections';

export interface DriveReport {
  applied: number;
  failed: number;
  /** Batches left because the profile stayed busy (others were applying it): not failures. */
  busy: number;
  /** More events were owed than this run took (the next run continues). */
  more: boolean;
}

/**
 * Applies events still owed to the profile consumer, found through the (pending, openid, at)
 * index — of one customer (right after a fact of theirs commits) or of everyone (the scheduled
 * sweep). Best effort by design: the fact has already committed, so a failure here is logged and
 * left for the sweep, never reported to the customer as a failed payment or refund.
 */
export interface DriveOptions {
  openid?: string;
  limit?: number;
  budgetMs?: number;
  /**
   * Transaction attempts per batch. Right after a customer's own action, a few: if their profile
   * stays busy, someone else is applying it (a burst of their own payments) and the sweep collects
   * what is left — the customer's answer must not wait on a queue of settlers.
   */
  attempts?: number;
}

export async function drivePendingEvents(db: Db, now: () => number, log: Logger, opts: DriveOptions = {}): Promise<DriveReport> {
  const limit = opts.limit ?? 20;
  const started = Date.now();
  const where: Record<string, unknown> = { pending: 'profile', ...(opts.openid ? { openid: opts.openid } : {}) };
  const report: DriveReport = { applied: 0, failed: 0, busy: 0, more: false };
  let owed: PurchaseEvent[];
  try {
    owed = ((await db.collection(COLL.events).where(where).orderBy('at', 'asc').limit(limit).get()) as { data: PurchaseEvent[] }).data;
  } catch (e) {
    log.log('error', 'events backlog query failed', { error: String(e) });
    return { ...report, failed: 1 };
  }
  if (!owed.length) return report;
  const settings = await loadSettings(db);
  for (const batch of batchesByCustomer(owed)) {
    if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return { ...report, more: true };
    try {
      await applyBatch(db, batch, settings, now, log, report, opts.attempts);
    } catch (e) {
      if (e instanceof ConflictError) {
        // Busy, not broken: retrying event by event would only add to the contention.
        report.busy++;
        continue;
      }
      if (batch.length === 1) {
        report.failed++;
        log.log('error', 'event consume failed', { eventId: batch[0]._id, error: e instanceof Error ? e.message : String(e) });
        continue;
      }
      // One bad event must not hold its customer's other events back: retry them one by one.
      for (const ev of batch) {
        try {
          await applyBatch(db, [ev], settings, now, log, report, opts.attempts);
        } catch (e1) {
          report.failed++;
          log.log('error', 'event consume failed', { eventId: ev._id, error: e1 instanceof Error ? e1.message : String(e1) });
        }
      }
    }
  }
  return { ...report, more: owed.length === limit };
}

async function applyBatch(db: Db, batch: PurchaseEvent[], settings: Settings, now: () => number, log: Logger, report: DriveReport, attempts?: number): Promise<void> {
  // The transaction re-checks each event's `pending`: another settler may have applied some since the query.
  const r = await consumeEvents(db, batch.map((e) => e._id), settings, now(), undefined, attempts);
  report.applied += r.applied.length;
  if (r.tierChanges.length) log.log('info', 'tier gifts changed', { openid: batch[0].openid, eventIds: r.applied, changes: r.tierChanges });
}

/**
 * The owed events grouped per customer (in time order within each), in chunks a transaction can
 * take: one customer's backlog costs one profile read and write instead of one per event.
 */
export function batchesByCustomer(owed: PurchaseEvent[]): PurchaseEvent[][] {
  const byOpenid = new Map<string, PurchaseEvent[]>();
  for (const ev of owed) {
    const list = byOpenid.get(ev.openid);
    if (list) list.push(ev);
    else byOpenid.set(ev.openid, [ev]);
  }
  const out: PurchaseEvent[][] = [];
  for (const evs of byOpenid.values()) for (let i = 0; i < evs.length; i += MAX_BATCH) out.push(evs.slice(i, i + MAX_BATCH));
  return out;
}
