import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Db } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { loadSettings } from '../_kit/settings-store';
import { COLL } from '../_money/docs';
import { consumeEvent } from './consume-event';

export interface DriveReport {
  applied: number;
  failed: number;
  /** More events were owed than this run took (the next run continues). */
  more: boolean;
}

/**
 * Applies events still owed to the profile consumer, found through the (pending, openid, at)
 * index — of one customer (right after a fact of theirs commits) or of everyone (the scheduled
 * sweep). Best effort by design: the fact has already committed, so a failure here is logged and
 * left for the sweep, never reported to the customer as a failed payment or refund.
 */
export async function drivePendingEvents(db: Db, now: () => number, log: Logger, opts: { openid?: string; limit?: number; budgetMs?: number } = {}): Promise<DriveReport> {
  const limit = opts.limit ?? 20;
  const started = Date.now();
  const where: Record<string, unknown> = { pending: 'profile', ...(opts.openid ? { openid: opts.openid } : {}) };
  const report: DriveReport = { applied: 0, failed: 0, more: false };
  let owed: PurchaseEvent[];
  try {
    owed = ((await db.collection(COLL.events).where(where).orderBy('at', 'asc').limit(limit).get()) as { data: PurchaseEvent[] }).data;
  } catch (e) {
    log.log('error', 'events backlog query failed', { error: String(e) });
    return { ...report, failed: 1 };
  }
  if (!owed.length) return report;
  const settings = await loadSettings(db);
  for (const ev of owed) {
    if (opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs) return { ...report, more: true };
    try {
      // Another settler may have applied it since the query: skip without opening a transaction.
      if (!(await stillOwed(db, ev._id))) continue;
      const r = await consumeEvent(db, ev._id, settings, now());
      if (r.outcome === 'applied') {
        report.applied++;
        if (r.tierChanges.length) log.log('info', 'tier gifts changed', { openid: ev.openid, eventId: ev._id, changes: r.tierChanges });
      }
    } catch (e) {
      report.failed++;
      log.log('error', 'event consume failed', { eventId: ev._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { ...report, more: owed.length === limit };
}

async function stillOwed(db: Db, eventId: string): Promise<boolean> {
  const res = (await db.collection(COLL.events).doc(eventId).get()) as { data?: PurchaseEvent[] };
  return !!res.data?.[0]?.pending?.includes('profile');
}
