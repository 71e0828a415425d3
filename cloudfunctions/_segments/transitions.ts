import { COLL } from '../_kit/collections';
import type { Settings } from '../../shared/settings';
import { withProfileDefaults, type CustomerProfile } from '../../shared/segments/profile';
import type { Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import type { Logger } from '../_kit/logger';
import { runInTransaction } from '../_kit/transaction';
import { writeEvent } from '../_events/make-event';
import { txGet, txReplace } from '../_kit/tx';
import { lifecycleEvent, sameSegments, withSegments } from './profile-segments';

export interface TransitionReport {
  /** Profiles found due through the index. */
  due: number;
  /** Profiles recomputed and written. */
  updated: number;
  /** Of those, whose life stage changed (a lifecycle.changed event each). */
  lifecycleChanged: number;
  failed: number;
  /** Due profiles were left for the next run (batch or time budget). */
  more: boolean;
  ms: number;
}

/**
 * Recomputes ONE profile at `now` in its own transaction, if it is still due (a purchase may have
 * recomputed it since the query). The write bumps the version, so a concurrent consumer of the same
 * profile conflicts and retries rather than overwriting. Returns whether the life stage changed.
 */
export async function recomputeProfile(db: Db, profileId: string, settings: Settings, now: number, opts: { onlyIfDue: boolean }): Promise<'skipped' | 'unchanged' | 'updated' | 'lifecycle'> {
  return runInTransaction(
    db,
    async (tx) => {
      const stored = await txGet<CustomerProfile>(tx, COLL.profiles, profileId);
      if (!stored) return 'skipped' as const;
      if (opts.onlyIfDue && (stored.nextTransitionAt === undefined || stored.nextTransitionAt > now)) return 'skipped' as const;
      const recomputed = withSegments(withProfileDefaults(stored), settings, now);
      if (!opts.onlyIfDue && sameSegments(stored, recomputed)) return 'unchanged' as const;
      const after: CustomerProfile = { ...recomputed, updatedAt: now, version: stored.version + 1 };
      await txReplace(tx, COLL.profiles, after);
      faultPoint('transition.after-profile');
      const ev = lifecycleEvent(stored, after, 'time', now);
      if (ev) await writeEvent(tx, ev);
      return ev ? ('lifecycle' as const) : ('updated' as const);
    },
    { attempts: 20, baseDelayMs: 5, maxDelayMs: 250 },
  );
}

/**
 * The time-based transition run (segment timer): ONLY profiles whose `nextTransitionAt` is due,
 * found through the `nextTransitionAt` index oldest first, each recomputed in its own transaction.
 * Cost follows the number of due profiles, never the number of profiles. Bounded: stops starting
 * new work after `budgetMs` and reports `more`; the next run continues (a recomputed profile's
 * next time is strictly in the future, so it leaves the queue and nothing loops).
 */
export async function runTransitions(db: Db, now: number, settings: Settings, log: Logger, opts: { batch?: number; budgetMs?: number; maxProfiles?: number; concurrency?: number } = {}): Promise<TransitionReport> {
  const batch = opts.batch ?? 200;
  const concurrency = opts.concurrency ?? 8;
  const budgetMs = opts.budgetMs ?? 5_000;
  const maxProfiles = opts.maxProfiles ?? Infinity;
  const started = Date.now();
  const report: TransitionReport = { due: 0, updated: 0, lifecycleChanged: 0, failed: 0, more: false, ms: 0 };
  const _ = db.command;
  const failed = new Set<string>();
  for (;;) {
    if (Date.now() - started > budgetMs || report.due >= maxProfiles) {
      report.more = true;
      break;
    }
    // Failed ones stay due; ask for enough to see past them.
    const limit = Math.min(1000, batch + failed.size);
    const res = (await db
      .collection(COLL.profiles)
      .where({ nextTransitionAt: _.lte(now) })
      .orderBy('nextTransitionAt', 'asc')
      .limit(limit)
      .field({ _id: true, nextTransitionAt: true })
      .get()) as { data: Array<{ _id: string }> };
    const todo = res.data.filter((d) => !failed.has(d._id));
    if (todo.length === 0) {
      // Only profiles that failed this run are left due: the next run retries them.
      report.more = res.data.length > 0;
      break;
    }
    // A few profiles at a time: different profiles never conflict, and each transaction is a
    // handful of round trips, so overlapping them is most of the speed (cost stays per due profile).
    for (let i = 0; i < todo.length; i += concurrency) {
      if (Date.now() - started > budgetMs || report.due >= maxProfiles) {
        report.more = true;
        break;
      }
      const group = todo.slice(i, Math.min(i + concurrency, i + maxProfiles - report.due));
      report.due += group.length;
      await Promise.all(
        group.map(async (d) => {
          try {
            const r = await recomputeProfile(db, d._id, settings, now, { onlyIfDue: true });
            if (r === 'updated' || r === 'lifecycle') report.updated++;
            if (r === 'lifecycle') report.lifecycleChanged++;
          } catch (e) {
            failed.add(d._id);
            report.failed++;
            log.log('error', 'segment transition failed', { profileId: d._id, error: e instanceof Error ? e.message : String(e) });
          }
        }),
      );
    }
    if (report.more) break;
    if (res.data.length < limit) break;
  }
  report.ms = Date.now() - started;
  return report;
}
