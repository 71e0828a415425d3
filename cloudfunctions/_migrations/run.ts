import type { Settings } from '../../shared/settings';
import type { Db } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txGetAsStored, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';
import { MIGRATION_STEPS, type MigrationStep } from './steps';

/** A finished step (`migrations`, _id = step id). */
export interface MigrationDoc {
  _id: string;
  doneAt: number;
  migrated: number;
}

export interface MigrationReport {
  /** Documents rewritten per step that ran this time. */
  migrated: Record<string, number>;
  /** Steps still unfinished (the budget ran out): the next run continues them. */
  unfinished: string[];
}

const BATCH = 100;

/**
 * Runs every step not yet recorded as done: one read of the `migrations` documents when all are
 * done. Documents are found through the step's query and rewritten one by one in transactions
 * (re-read inside, so a document a customer's action changed meanwhile is migrated from what is
 * stored); the step is recorded done when its query finds nothing left.
 */
export async function runMigrations(db: Db, now: number, settings: Settings, log: Logger, opts: { budgetMs?: number; steps?: readonly MigrationStep[] } = {}): Promise<MigrationReport> {
  const steps = opts.steps ?? MIGRATION_STEPS;
  const deadline = Date.now() + (opts.budgetMs ?? 5_000);
  const done = new Set(((await db.collection(COLL.migrations).where({ _id: db.command.in(steps.map((s) => s.id)) }).get()) as { data: MigrationDoc[] }).data.map((d) => d._id));
  const report: MigrationReport = { migrated: {}, unfinished: [] };
  for (const s of steps) {
    if (done.has(s.id)) continue;
    let migrated = 0;
    let finished = false;
    while (Date.now() < deadline) {
      const { data } = (await db.collection(s.collection).where(s.pending(db)).limit(BATCH).get()) as { data: Array<{ _id: string }> };
      for (const d of data) migrated += await migrateOne(db, s, d._id, now, settings);
      if (data.length < BATCH) {
        finished = true;
        break;
      }
    }
    report.migrated[s.id] = migrated;
    if (!finished) {
      report.unfinished.push(s.id);
      continue;
    }
    await runInTransaction(db, async (tx) => {
      if (!(await txGet(tx, COLL.migrations, s.id))) await txCreate(tx, COLL.migrations, { _id: s.id, doneAt: now, migrated } satisfies MigrationDoc);
    });
    if (migrated) log.log('info', 'migration step done', { step: s.id, migrated, why: s.describe });
  }
  return report;
}

async function migrateOne(db: Db, s: MigrationStep, id: string, now: number, settings: Settings): Promise<number> {
  return runInTransaction(db, async (tx) => {
    const cur = await txGetAsStored<{ _id: string }>(tx, s.collection, id);
    const next = cur && s.migrate(cur, { now, settings });
    if (!next) return 0;
    await txReplace(tx, s.collection, next);
    return 1;
  });
}
