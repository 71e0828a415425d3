import { fail, ok, type Result } from '../../shared/errors/result';
import type { DeletionBlocker, DeletionResult } from '../../shared/privacy/views';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { newId } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { deletionBlockers } from './blockers';
import { OWN_COLLECTIONS } from './coverage';
import { countMine } from './find';
import { addCounts, jobIdOf, openJob, recordIdOf, resultOf, takeLease, type PrivacyJob, type PrivacyRecord } from '../_deletion/job';
import { STEPS, type StepEnv } from './steps';
import { COLL } from '../_kit/collections';

/** Work per call: a cloud function has seconds; the page calls again while the answer says `running`. */
const BUDGET_MS = 4_000;
const LEASE_MS = 30_000;
/** Passes over every step before finishing anyway (documents keep appearing only if the customer acts meanwhile). */
const MAX_PASSES = 3;
/** A blocked deletion is looked at again by the timer after this long (the customer's own visit re-checks at once). */
export const BLOCKED_RECHECK_MS = 10 * 60_000;

export interface DeleteOptions {
  /** Tests shrink it to see a deletion resume across calls. */
  budgetMs?: number;
}

/**
 * `privacy.deleteAccount {confirm: true, requestId}` (PIPL, issue 7): refuses while money or goods
 * are under way (blockers.ts), else deletes the customer's personal data and keeps the financial
 * records under a random pseudonym (steps.ts), in bounded batches over as many calls as it takes.
 * Idempotent: a retry of the request returns the first result; a second request meanwhile
 * continues the same job. Afterwards the openid is a brand-new customer.
 */
export async function deleteAccount(input: { confirm: true; requestId: string }, ctx: ActionContext, opts: DeleteOptions = {}): Promise<Result<DeletionResult>> {
  const { db, openid } = ctx;
  const done = await getById<PrivacyRecord>(db, COLL.privacy_requests, recordIdOf(openid, input.requestId));
  if (done) return ok(resultOf(done));
  if (!(await getById<PrivacyJob>(db, COLL.privacy_requests, jobIdOf(openid)))) {
    const blockers = await deletionBlockers(db, openid, await ctx.settings());
    if (blockers.length > 0) return fail('ACCOUNT_DELETION_BLOCKED', `暂时不能注销账号。${blockers.map((b) => b.message).join('')}`, { blockers });
    await runInTransaction(db, (tx) => openJob(tx, openid, input.requestId, ctx.now()));
  }
  const leaseId = newId('lse');
  const job = await runInTransaction(db, (tx) => takeLease(tx, openid, leaseId, ctx.now(), LEASE_MS));
  if (!job) {
    // Another call holds the job (or finished it a moment ago): report where it stands.
    const now = await getById<PrivacyJob>(db, COLL.privacy_requests, jobIdOf(openid));
    const rec = await getById<PrivacyRecord>(db, COLL.privacy_requests, recordIdOf(openid, input.requestId));
    return answer(rec ? resultOf(rec) : now ? resultOf(now) : { state: 'done', requestedAt: ctx.now(), finishedAt: ctx.now(), deleted: {}, anonymised: {}, redacted: {} });
  }
  return answer(await work(ctx, job, leaseId, opts.budgetMs ?? BUDGET_MS));
}

/**
 * A blocked deletion answers like a refused one (the page lists what to settle, one tap each), said
 * as a pause: the same request carries on by itself once they are settled.
 */
function answer(r: DeletionResult): Result<DeletionResult> {
  if (r.state !== 'blocked') return ok(r);
  const blockers = r.blockers ?? [];
  return fail('ACCOUNT_DELETION_BLOCKED', `账号注销已暂停：注销开始后又有款项或订单需要处理。${blockers.map((b) => b.message).join('')}处理完成后注销会自动继续，无需重新申请。`, { blockers, state: 'blocked' });
}

/**
 * `privacy.sweep` (timer, every 5 minutes): finishes deletions the customer left running (closed
 * the app mid-way) — a deletion request is honoured whether or not they come back. Jobs someone is
 * working on right now (unexpired lease) are left alone.
 */
export async function sweep(_input: Record<string, never>, ctx: ActionContext, opts: DeleteOptions = {}): Promise<Result<{ continued: number; finished: number; blocked: number }>> {
  const started = Date.now();
  const budget = opts.budgetMs ?? BUDGET_MS;
  const _ = ctx.db.command;
  // Due jobs only: running ones at once, blocked ones every BLOCKED_RECHECK_MS (they must not crowd out the rest).
  const res = (await ctx.db.collection(COLL.privacy_requests).where({ kind: 'job', dueAt: _.lte(ctx.now()) }).orderBy('dueAt', 'asc').limit(20).get()) as { data: PrivacyJob[] };
  let continued = 0;
  let finished = 0;
  let blocked = 0;
  for (const stored of res.data) {
    if (Date.now() - started > budget) break;
    const leaseId = newId('lse');
    const job = await runInTransaction(ctx.db, (tx) => takeLease(tx, stored.openid, leaseId, ctx.now(), LEASE_MS));
    if (!job) continue;
    continued++;
    // The job's customer, not the timer, is whose data this is (the timer has no caller).
    const r = await work({ ...ctx, openid: job.openid }, job, leaseId, Math.max(0, budget - (Date.now() - started)));
    if (r.state === 'done') finished++;
    if (r.state === 'blocked') blocked++;
  }
  return ok({ continued, finished, blocked });
}

/**
 * Works on the job for up to `budgetMs`. Money or goods still under way stop it as `blocked` (with
 * the reasons) — met by a step (which then leaves that document as it is) or found by the final
 * pass, which re-checks every blocker before the job may finish: a payment that arrived for an order
 * placed just before the deletion began is never anonymised away. A blocked job re-checks when
 * called again and carries on from where it stopped once nothing blocks.
 */
async function work(ctx: ActionContext, start: PrivacyJob, leaseId: string, budgetMs: number): Promise<DeletionResult> {
  const started = Date.now();
  const env: StepEnv = { db: ctx.db, openid: ctx.openid, anonId: start.anonId, now: ctx.now() };
  let job = start;
  if (job.state === 'blocked') {
    const still = await deletionBlockers(ctx.db, ctx.openid, await ctx.settings());
    if (still.length > 0) return block(ctx, job, leaseId, still);
    const { blockers: _b, blockedAt: _a, ...rest } = job;
    void _b;
    void _a;
    job = { ...rest, state: 'running', dueAt: ctx.now() };
    ctx.log.log('info', 'privacy: blocked deletion resumes', {});
  }
  do {
    if (job.step >= STEPS.length) {
      // Last look before anything is declared done: nothing may be under way any more.
      const blockers = await deletionBlockers(ctx.db, ctx.openid, await ctx.settings());
      if (blockers.length > 0) return block(ctx, job, leaseId, blockers);
      const left = await leftovers(env);
      if (left.length === 0 || job.passes + 1 >= MAX_PASSES) {
        if (left.length > 0) ctx.log.log('warn', 'privacy: documents still found after the last pass', { collections: left });
        return finish(ctx, job, leaseId);
      }
      job = { ...job, step: 0, stepCursor: undefined, passes: job.passes + 1 };
    } else {
      const step = STEPS[job.step];
      const out = await step.run(env, job.stepCursor);
      job = { ...job };
      addCounts(job, step.collection, out);
      if (out.blocked) {
        const blockers = await deletionBlockers(ctx.db, ctx.openid, await ctx.settings());
        // The step saw it a moment ago; if it has been settled since, the step simply runs again.
        return block(ctx, job, leaseId, blockers.length > 0 ? blockers : [{ code: out.blocked, message: '有款项或订单刚刚发生变化，请稍后再试。' }]);
      }
      job = out.more ? { ...job, stepCursor: out.cursor } : { ...job, step: job.step + 1, stepCursor: undefined };
    }
    if (!(await save(ctx, job, leaseId))) return resultOf(job);
  } while (Date.now() - started < budgetMs);
  await save(ctx, { ...job, lease: undefined }, leaseId);
  return resultOf(job);
}

/** Stops the job as `blocked` with its reasons (kept on the job: visible to the customer, the timer and operators). */
async function block(ctx: ActionContext, job: PrivacyJob, leaseId: string, blockers: DeletionBlocker[]): Promise<DeletionResult> {
  const now = ctx.now();
  const next: PrivacyJob = { ...job, state: 'blocked', blockers, blockedAt: job.blockedAt ?? now, dueAt: now + BLOCKED_RECHECK_MS, lease: undefined };
  if (job.state !== 'blocked') ctx.log.log('warn', 'privacy: deletion blocked', { blockers: blockers.map((b) => b.code) });
  await save(ctx, next, leaseId);
  return resultOf(next);
}

/** Collections still holding a document found by the caller's openid. */
async function leftovers(env: StepEnv): Promise<string[]> {
  const counts = await Promise.all(OWN_COLLECTIONS.map((c) => countMine(env.db, c, env.openid)));
  return OWN_COLLECTIONS.filter((_, i) => counts[i] > 0);
}

/** Stores the progress if this call still holds the lease (false: another call took over). */
async function save(ctx: ActionContext, job: PrivacyJob, leaseId: string): Promise<boolean> {
  return runInTransaction(ctx.db, async (tx) => {
    const cur = await txGet<PrivacyJob>(tx, COLL.privacy_requests, job._id);
    if (!cur || cur.lease?.id !== leaseId) return false;
    const { lease: _l, stepCursor, ...rest } = job;
    void _l;
    await txReplace(tx, COLL.privacy_requests, { ...rest, ...(stepCursor !== undefined ? { stepCursor } : {}), ...(job.lease ? { lease: cur.lease } : {}), version: cur.version + 1 });
    return true;
  });
}

/** Files the audit record and removes the job — and with it the last link between the openid and the pseudonym. */
async function finish(ctx: ActionContext, job: PrivacyJob, leaseId: string): Promise<DeletionResult> {
  const record: PrivacyRecord = { _id: recordIdOf(ctx.openid, job.requestId), kind: 'deletion', state: 'done', requestedAt: job.requestedAt, finishedAt: ctx.now(), passes: job.passes + 1, deleted: job.deleted, anonymised: job.anonymised, redacted: job.redacted };
  const stored = await runInTransaction(ctx.db, async (tx) => {
    const cur = await txGet<PrivacyJob>(tx, COLL.privacy_requests, job._id);
    if (!cur || cur.lease?.id !== leaseId) return (await txGet<PrivacyRecord>(tx, COLL.privacy_requests, record._id)) ?? record;
    if (!(await txGet(tx, COLL.privacy_requests, record._id))) await txCreate(tx, COLL.privacy_requests, record);
    await tx.collection(COLL.privacy_requests).doc(job._id).remove();
    return record;
  });
  ctx.log.log('info', 'privacy: account deleted', { deleted: record.deleted, anonymised: record.anonymised, redacted: record.redacted });
  return resultOf(stored);
}
