import { shardOf } from '../../shared/reports/days';
import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Db } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { foldReportEvents, MAX_FOLD } from './fold-events';
import { REPORT_CONSUMER, REPORT_SHARDS } from './rollups';
import { COLL } from '../_kit/collections';

export interface ReportDriveResult {
  applied: number;
  failed: number;
  /** Events were still owed when this run stopped (batch or time budget): the next run continues. */
  more: boolean;
}

/** Only what a fold needs to group an event (the transaction re-reads the whole event). */
const BACKLOG_FIELDS = { _id: true, openid: true, at: true } as const;

/**
 * Folds events still owed to the report consumer, oldest first, through the (pending, at) index:
 * up to `maxEvents` in rounds of `batch`, stopping early when `budgetMs` is spent. Each round is
 * split by shard into fold transactions (see foldReportEvents), visited from a random shard so two
 * drivers running at once (the sweep and an operator opening the report) mostly work on different
 * shards rather than colliding on the same documents. Best effort: a failed fold is logged and
 * left owed for the next run.
 */
export async function driveReportEvents(db: Db, now: () => number, log: Logger, opts: { batch?: number; maxEvents?: number; budgetMs?: number } = {}): Promise<ReportDriveResult> {
  const batch = Math.min(opts.batch ?? 200, 1000);
  const maxEvents = opts.maxEvents ?? batch;
  const started = Date.now();
  const out: ReportDriveResult = { applied: 0, failed: 0, more: false };
  const overBudget = () => opts.budgetMs !== undefined && Date.now() - started > opts.budgetMs;
  for (let taken = 0; taken < maxEvents; ) {
    const limit = Math.min(batch, maxEvents - taken);
    const owed = await backlog(db, limit, log);
    if (!owed) return { ...out, failed: out.failed + 1, more: true };
    taken += owed.length;
    const before = out.applied;
    for (const chunk of chunksByShard(owed)) {
      if (overBudget()) return { ...out, more: true };
      await foldChunk(db, chunk, now, log, out);
    }
    // Full page: more may be owed. Nothing applied in a round (all failing, or folded by someone
    // else meanwhile): stop rather than spin on the same events.
    out.more = owed.length === limit;
    if (!out.more || out.applied === before || overBudget()) return out;
  }
  return out;
}

async function backlog(db: Db, limit: number, log: Logger): Promise<Array<Pick<PurchaseEvent, '_id' | 'openid' | 'at'>> | null> {
  try {
    const res = (await db.collection(COLL.events).where({ pending: REPORT_CONSUMER }).orderBy('at', 'asc').limit(limit).field(BACKLOG_FIELDS).get()) as { data: Array<Pick<PurchaseEvent, '_id' | 'openid' | 'at'>> };
    return res.data;
  } catch (e) {
    log.log('error', 'report backlog query failed', { error: e instanceof Error ? e.message : String(e) });
    return null;
  }
}

async function foldChunk(db: Db, chunk: { shard: number; ids: string[] }, now: () => number, log: Logger, out: ReportDriveResult): Promise<void> {
  try {
    out.applied += (await foldReportEvents(db, chunk.ids, chunk.shard, now())).applied.length;
  } catch (e) {
    // One bad event must not hold the others of its chunk back: fold them one by one.
    for (const id of chunk.ids.length > 1 ? chunk.ids : []) {
      try {
        out.applied += (await foldReportEvents(db, [id], chunk.shard, now())).applied.length;
      } catch (e1) {
        out.failed++;
        log.log('error', 'report fold failed', { eventId: id, error: e1 instanceof Error ? e1.message : String(e1) });
      }
    }
    if (chunk.ids.length === 1) {
      out.failed++;
      log.log('error', 'report fold failed', { eventId: chunk.ids[0], error: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** The owed events as fold transactions: grouped by shard, at most MAX_FOLD each, starting from a random shard. */
export function chunksByShard(owed: ReadonlyArray<Pick<PurchaseEvent, '_id' | 'openid'>>, start = Math.floor(Math.random() * REPORT_SHARDS)): Array<{ shard: number; ids: string[] }> {
  const byShard = new Map<number, string[]>();
  for (const ev of owed) {
    const s = shardOf(ev.openid, REPORT_SHARDS);
    const ids = byShard.get(s);
    if (ids) ids.push(ev._id);
    else byShard.set(s, [ev._id]);
  }
  const out: Array<{ shard: number; ids: string[] }> = [];
  for (let i = 0; i < REPORT_SHARDS; i++) {
    const shard = (start + i) % REPORT_SHARDS;
    const ids = byShard.get(shard) ?? [];
    for (let j = 0; j < ids.length; j += MAX_FOLD) out.push({ shard, ids: ids.slice(j, j + MAX_FOLD) });
  }
  return out;
}
