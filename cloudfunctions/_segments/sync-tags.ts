import { fail, ok, type Result } from '../../shared/errors/result';
import type { SyncJobsPage, SyncJobView, SyncLog } from '../../shared/segments/views';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { idFromKey, newId } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { wecomAdapter } from '../_kit/wecom';
import type { RecordedCall } from '../_kit/wecom/local-recorder';
import { pageNewestFirst } from '../_kit/paging';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { segmentPage, segmentTotal } from './queries';
import { COLL } from '../_kit/collections';

/**
 * A WeCom tag sync of one segment as stored: resumable from `cursor`, one job per operator request
 * id. What the operator sees of it (SyncJobView, shared/segments/views.ts) plus the bookkeeping.
 */
export type SyncJob = Omit<SyncJobView, 'jobId' | 'busy' | 'more'> & {
  _id: string;
  requestId: string;
  /** Who is sending right now (a second call meanwhile answers with the progress instead of sending twice). */
  lease?: { id: string; until: number };
  version: number;
};

export type { SyncJobView } from '../../shared/segments/views';

const view = (j: SyncJob, busy = false): SyncJobView => {
  const { _id, lease: _l, version: _v, requestId: _r, ...rest } = j;
  void _l; void _v; void _r;
  return { jobId: _id, ...rest, busy, more: j.state === 'running' };
};

const LEASE_MS = 30_000;
const BUDGET_MS = 5_000;
const MAX_FAILURES_KEPT = 50;

export const syncJobIdFor = (operator: string, requestId: string) => idFromKey('wsy', operator, requestId);

/**
 * `segment.syncTags {key, tagId, requestId}`: tags every member of a segment in WeCom, page by
 * page. Idempotent: the job id derives from the operator and request id, so a retry continues the
 * same job, and a finished job returns its result without sending again. Resumable: the job's
 * cursor advances only after a page is sent, in a transaction that also checks this call still
 * holds the job's lease — a crash resends at most one page, which mark_tag tolerates (adding a
 * tag a contact already has changes nothing). Each call works for a few seconds and answers with
 * the progress (`more: true` → call again with the same requestId).
 */
export async function syncTags(input: { key: string; tagId: string; requestId: string; batch?: number; maxPages?: number }, ctx: ActionContext): Promise<Result<SyncJobView>> {
  const port = wecomAdapter(ctx.db, ctx.now);
  if (!port) return fail('WECOM_NOT_CONFIGURED', '尚未配置企业微信（WECOM_CORP_ID / WECOM_SECRET），无法同步标签。');
  const jobId = syncJobIdFor(ctx.openid, input.requestId);
  const leaseId = newId('lse');
  const existing = await getById<SyncJob>(ctx.db, COLL.wecom_syncs, jobId);
  const total = existing ? existing.total : await segmentTotal(ctx.db, input.key);

  const claim = await runInTransaction(ctx.db, async (tx): Promise<Result<{ job: SyncJob; claimed: boolean; busy: boolean }>> => {
    const now = ctx.now();
    const cur = await txGet<SyncJob>(tx, COLL.wecom_syncs, jobId);
    if (cur && (cur.key !== input.key || cur.tagId !== input.tagId)) return fail('CONFLICT', '请求编号已用于另一次同步，请刷新后重试。');
    if (cur?.state === 'done') return ok({ job: cur, claimed: false, busy: false });
    if (cur?.lease && cur.lease.until > now) return ok({ job: cur, claimed: false, busy: true });
    const base: SyncJob = cur ?? {
      _id: jobId,
      key: input.key,
      tagId: input.tagId,
      requestId: input.requestId,
      by: ctx.openid,
      mode: port.mode,
      state: 'running',
      cursor: null,
      total,
      processed: 0,
      tagged: 0,
      skipped: 0,
      failed: 0,
      failures: [],
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
    const job: SyncJob = { ...base, lease: { id: leaseId, until: now + LEASE_MS }, updatedAt: now, version: base.version + 1 };
    await (cur ? txReplace(tx, COLL.wecom_syncs, job) : txCreate(tx, COLL.wecom_syncs, job));
    return ok({ job, claimed: true, busy: false });
  });
  if (!claim.ok) return claim;
  if (!claim.data.claimed) return ok(view(claim.data.job, claim.data.busy));

  let job = claim.data.job;
  const started = Date.now();
  const batch = input.batch ?? 50;
  let pages = 0;
  while (job.state === 'running' && Date.now() - started < BUDGET_MS && pages < (input.maxPages ?? Infinity)) {
    const page = await segmentPage(ctx.db, job.key, job.cursor ?? undefined, batch);
    const delta = { processed: 0, tagged: 0, skipped: 0, failed: 0, failures: [] as SyncJob['failures'] };
    for (const m of page.members) {
      delta.processed++;
      try {
        const contact = await port.resolveContact({ openid: m.openid, ...(m.unionid ? { unionid: m.unionid } : {}) });
        if (!contact) {
          delta.skipped++;
          continue;
        }
        const r = await port.markTag({ userid: contact.followUserId, externalUserId: contact.externalUserId, addTag: [job.tagId], removeTag: [] }, { jobId: job._id, openid: m.openid });
        if (r.errcode === 0) delta.tagged++;
        else {
          delta.failed++;
          delta.failures.push({ openid: m.openid, errcode: r.errcode, errmsg: r.errmsg.slice(0, 200) });
        }
      } catch (e) {
        delta.failed++;
        delta.failures.push({ openid: m.openid, errcode: -1, errmsg: (e instanceof Error ? e.message : String(e)).slice(0, 200) });
      }
    }
    faultPoint('sync.before-cursor');
    const advanced = await runInTransaction(ctx.db, async (tx) => {
      const now = ctx.now();
      const cur = await txGet<SyncJob>(tx, COLL.wecom_syncs, jobId);
      // Lost the lease (this call stalled past it and another took over): stop, its owner goes on.
      if (!cur || cur.lease?.id !== leaseId || cur.state !== 'running') return null;
      const done = page.nextCursor === null;
      const { lease: _l, ...rest } = cur;
      void _l;
      const next: SyncJob = {
        ...rest,
        cursor: page.nextCursor ?? cur.cursor,
        processed: cur.processed + delta.processed,
        tagged: cur.tagged + delta.tagged,
        skipped: cur.skipped + delta.skipped,
        failed: cur.failed + delta.failed,
        failures: [...cur.failures, ...delta.failures].slice(0, MAX_FAILURES_KEPT),
        state: done ? 'done' : 'running',
        ...(done ? { finishedAt: now } : { lease: { id: leaseId, until: now + LEASE_MS } }),
        updatedAt: now,
        version: cur.version + 1,
      };
      await txReplace(tx, COLL.wecom_syncs, next);
      return next;
    });
    if (!advanced) return ok(view((await getById<SyncJob>(ctx.db, COLL.wecom_syncs, jobId)) ?? job, true));
    job = advanced;
    pages++;
  }
  if (job.state === 'running') {
    // Out of budget: give the lease back so the next call continues at once.
    job = await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<SyncJob>(tx, COLL.wecom_syncs, jobId);
      if (!cur || cur.lease?.id !== leaseId) return cur ?? job;
      const { lease: _l, ...rest } = cur;
      void _l;
      const next: SyncJob = { ...rest, updatedAt: ctx.now(), version: cur.version + 1 };
      await txReplace(tx, COLL.wecom_syncs, next);
      return next;
    });
  }
  return ok(view(job));
}

export type { SyncLog } from '../../shared/segments/views';

/** `segment.wecomSyncLog {jobId?, cursor?}`: the local recorder's calls, newest first (one job's or all). */
export async function wecomSyncLog(input: { jobId?: string; cursor?: number }, ctx: ActionContext): Promise<Result<SyncLog>> {
  const port = wecomAdapter(ctx.db, ctx.now);
  const page = await pageNewestFirst<RecordedCall>(ctx.db, COLL.wecom_calls, input.jobId ? { jobId: input.jobId } : {}, 'at', input.cursor, 50);
  const job = input.jobId ? await getById<SyncJob>(ctx.db, COLL.wecom_syncs, input.jobId) : null;
  return ok({
    mode: port?.mode ?? 'not-configured',
    calls: page.items.map(({ _id, ...c }) => ({ callId: _id, ...c })),
    nextCursor: page.nextCursor ?? null,
    ...(job ? { job: view(job) } : {}),
  });
}

/**
 * `segment.syncJobs {cursor?}`: the sync jobs, newest first (the (createdAt) index), so an operator
 * finds a job to inspect — or to continue, with its segment and tag — without its request id.
 */
export async function syncJobs(input: { cursor?: number }, ctx: ActionContext): Promise<Result<SyncJobsPage>> {
  const port = wecomAdapter(ctx.db, ctx.now);
  const page = await pageNewestFirst<SyncJob>(ctx.db, COLL.wecom_syncs, {}, 'createdAt', input.cursor, 20);
  return ok({ mode: port?.mode ?? 'not-configured', jobs: page.items.map((j) => view(j)), nextCursor: page.nextCursor ?? null });
}
