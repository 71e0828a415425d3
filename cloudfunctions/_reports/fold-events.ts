import { shardOf } from '../../shared/reports/days';
import { addCounters, countersOf, emptyCounters, type ReportCounters } from '../../shared/reports/rollup';
import type { PurchaseEvent } from '../../shared/schemas/event';
import { businessDate } from '../../shared/time';
import type { Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { dayRollupId, REPORT_CONSUMER, REPORT_SHARDS, totalRollupId, type RollupDoc } from './rollups';
import { COLL } from '../_kit/collections';
import { markConsumed } from '../_events/consumed';

/** Most events one fold transaction takes (bounds its size; a batch spans few days). */
export const MAX_FOLD = 50;

export interface FoldOutcome {
  /** Events folded by this call. */
  applied: string[];
  /** Already folded by another delivery, or missing. */
  skipped: string[];
}

/**
 * Folds money events of ONE shard into that shard's day and total rollups, in ONE transaction
 * with removing `report` from each event's `pending`. Exactly once: each event is re-read inside
 * the transaction and skipped unless it still owes `report`, and the counters and the mark commit
 * together — a crash before the commit leaves both untouched (the sweep folds it later), a second
 * delivery finds nothing owed. A concurrent fold of the same shard (or the profile consumer
 * marking the same event) conflicts and retries, re-reading everything.
 */
export async function foldReportEvents(db: Db, eventIds: string[], shard: number, now: number): Promise<FoldOutcome> {
  if (eventIds.length > MAX_FOLD) throw new Error(`foldReportEvents: at most ${MAX_FOLD} events per transaction`);
  return runInTransaction(
    db,
    async (tx): Promise<FoldOutcome> => {
      const out: FoldOutcome = { applied: [], skipped: [] };
      const owed: PurchaseEvent[] = [];
      for (const id of eventIds) {
        const ev = await txGet<PurchaseEvent>(tx, COLL.events, id);
        if (!ev || !ev.pending?.includes(REPORT_CONSUMER)) out.skipped.push(id);
        else owed.push(ev);
      }
      if (!owed.length) return out;
      if (owed.some((e) => shardOf(e.openid, REPORT_SHARDS) !== shard)) throw new Error('foldReportEvents: an event of another shard in the batch');
      const byDay = new Map<string, ReportCounters>();
      for (const ev of owed) {
        const day = businessDate(ev.at);
        byDay.set(day, addCounters(byDay.get(day) ?? emptyCounters(), countersOf(ev)));
      }
      let total = emptyCounters();
      for (const [day, c] of byDay) {
        await addTo(tx, dayRollupId(day, shard), c, { day, shard }, now);
        total = addCounters(total, c);
      }
      await addTo(tx, totalRollupId(shard), total, { shard }, now);
      faultPoint('report.before-mark');
      for (const ev of owed) {
        await markConsumed(tx, ev, REPORT_CONSUMER, 'reportedAt', now);
        out.applied.push(ev._id);
      }
      return out;
    },
    { attempts: 50, baseDelayMs: 5, maxDelayMs: 500 },
  );
}

/** Adds counters to one rollup document by id (created on first use). */
async function addTo(tx: Tx, id: string, c: ReportCounters, where: { day?: string; shard: number }, now: number): Promise<void> {
  const stored = await txGet<RollupDoc>(tx, COLL.report_rollups, id);
  const next: RollupDoc = { ...addCounters(stored ?? {}, c), _id: id, ...where, updatedAt: now, version: (stored?.version ?? 0) + 1 };
  await (stored ? txReplace(tx, COLL.report_rollups, next) : txCreate(tx, COLL.report_rollups, next));
}
