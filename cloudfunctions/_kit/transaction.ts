import type { Db } from './db';
import { errorCode } from './db';

/** Both spellings CloudBase uses for a write-write conflict (DESIGN rule 5). */
const CONFLICT_CODES = new Set(['DATABASE_TRANSACTION_CONFLICT', 'ResourceUnavailable.TransactionConflict']);

export const isConflict = (e: unknown): boolean => {
  const code = errorCode(e);
  return code !== undefined && CONFLICT_CODES.has(code);
};

/** Thrown when a transaction still conflicts after every retry; handlers answer `CONFLICT`. */
export class ConflictError extends Error {
  constructor(readonly attempts: number) {
    super(`transaction conflicted ${attempts} times`);
    this.name = 'ConflictError';
  }
}

export type Tx = Awaited<ReturnType<Db['startTransaction']>>;

export interface TxOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Counts retries for benchmarks and logs. */
  onRetry?: (attempt: number, error: unknown) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` in a transaction, retrying write-write conflicts with full-jitter exponential
 * backoff. Why not the SDK's runTransaction: it retries instantly, so N writers hammering one
 * wallet collide again in lockstep; jitter spreads them out. `work` must be safe to re-run: it
 * re-reads everything through `tx` each attempt and decides again (never carries state across).
 * A returned value whose `ok === false` (a business refusal) rolls back instead of committing, so
 * a refused operation writes nothing.
 */
/** Process-wide counts (benchmarks and logs read them): transactions committed and conflicts retried. */
export const txCounters = { commits: 0, conflicts: 0 };

export async function runInTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, opts: TxOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseDelayMs ?? 5;
  const cap = opts.maxDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const tx = await db.startTransaction();
    try {
      const result = await work(tx);
      if (result && typeof result === 'object' && (result as { ok?: unknown }).ok === false) {
        await tx.rollback().catch(() => undefined);
        return result;
      }
      await tx.commit();
      txCounters.commits++;
      return result;
    } catch (e) {
      await tx.rollback().catch(() => undefined);
      if (!isConflict(e)) throw e;
      txCounters.conflicts++;
      if (attempt >= attempts) throw new ConflictError(attempt);
      opts.onRetry?.(attempt, e);
      await sleep(Math.random() * Math.min(cap, base * 2 ** attempt));
    }
  }
}
