import type { DeletionBlocker, DeletionCounts, DeletionResult } from '../../shared/privacy/views';
import { getById, type Db } from '../_kit/db';
import { idFromKey, newId } from '../_kit/ids';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * A deletion under way (`prj_<hash of the openid>`): one per customer whatever request id asked,
 * so a second request (or a retry with a new id) continues the same job with the same pseudonym —
 * the wallet and its ledger can never end up split over two. It is the only place that links the
 * openid to the pseudonym (it holds both, so the timer can finish a deletion the customer left
 * half done), and it is removed when the deletion is done.
 */
export interface PrivacyJob extends DeletionCounts {
  _id: string;
  kind: 'job';
  openid: string;
  anonId: string;
  /** The request that started it: the audit record is filed under it. */
  requestId: string;
  requestedAt: number;
  /** Index into STEPS, and where that step stopped (steps walking operators' records). */
  step: number;
  stepCursor?: string;
  /** Full passes over the steps (a pass finding documents again starts another, up to a limit). */
  passes: number;
  /** Who is working on it right now: a concurrent call answers with the progress instead. */
  lease?: { id: string; until: number };
  /**
   * `blocked`: money or goods turned up that must not be anonymised (a payment for an order placed
   * just before the deletion began, a refund on its way…): the job stopped and waits, with the
   * reasons, until they are settled. Absent = running (jobs written before this field existed).
   */
  state?: 'running' | 'blocked';
  blockers?: DeletionBlocker[];
  blockedAt?: number;
  /** When the timer looks at it next: at once while running, a while later while blocked. */
  dueAt: number;
  version: number;
}

/**
 * The audit record of a finished deletion (`prq_<hash of openid + request id>`: a retry of the
 * request finds it): what kinds of data were deleted or anonymised, how many, when. No openid, no
 * pseudonym — it proves the request was honoured without keeping the person.
 */
export interface PrivacyRecord extends DeletionCounts {
  _id: string;
  kind: 'deletion';
  state: 'done';
  requestedAt: number;
  finishedAt: number;
  passes: number;
}

export const jobIdOf = (openid: string) => idFromKey('prj', openid);
export const recordIdOf = (openid: string, requestId: string) => idFromKey('prq', openid, requestId);

export const emptyCounts = (): DeletionCounts => ({ deleted: {}, anonymised: {}, redacted: {} });

export const deletionRunning = async (db: Db, openid: string) => (await getById<PrivacyJob>(db, COLL.privacy_requests, jobIdOf(openid))) !== null;

/** The customer's deletion under way (running or blocked), if any. */
export const deletionJob = (db: Db, openid: string) => getById<PrivacyJob>(db, COLL.privacy_requests, jobIdOf(openid));

export function resultOf(d: PrivacyJob | PrivacyRecord): DeletionResult {
  const counts = { deleted: d.deleted, anonymised: d.anonymised, redacted: d.redacted };
  if (d.kind === 'deletion') return { state: 'done', requestedAt: d.requestedAt, finishedAt: d.finishedAt, ...counts };
  return d.state === 'blocked' ? { state: 'blocked', requestedAt: d.requestedAt, ...counts, blockers: d.blockers ?? [] } : { state: 'running', requestedAt: d.requestedAt, ...counts };
}

/** Adds a step's counts to the job's (per collection, only what moved). */
export function addCounts(into: DeletionCounts, collection: string, by: { deleted?: number; anonymised?: number; redacted?: number; redactedIn?: Record<string, number> }): void {
  const add = (k: keyof DeletionCounts, c: string, n = 0) => {
    if (n > 0) into[k] = { ...into[k], [c]: (into[k][c] ?? 0) + n };
  };
  add('deleted', collection, by.deleted);
  add('anonymised', collection, by.anonymised);
  add('redacted', collection, by.redacted);
  for (const [c, n] of Object.entries(by.redactedIn ?? {})) add('redacted', c, n);
}

/** Creates the job unless one exists (returns whichever is stored). */
export async function openJob(tx: Tx, openid: string, requestId: string, now: number): Promise<PrivacyJob> {
  const id = jobIdOf(openid);
  const cur = await txGet<PrivacyJob>(tx, COLL.privacy_requests, id);
  if (cur) return cur;
  const job: PrivacyJob = { _id: id, kind: 'job', openid, anonId: newId('del'), requestId, requestedAt: now, step: 0, passes: 0, ...emptyCounts(), state: 'running', dueAt: now, version: 0 };
  await txCreate(tx, COLL.privacy_requests, job);
  return job;
}

/** Takes the job's lease for this call, unless another call holds an unexpired one (then null). */
export async function takeLease(tx: Tx, openid: string, leaseId: string, now: number, leaseMs: number): Promise<PrivacyJob | null> {
  const cur = await txGet<PrivacyJob>(tx, COLL.privacy_requests, jobIdOf(openid));
  if (!cur) return null;
  if (cur.lease && cur.lease.id !== leaseId && cur.lease.until > now) return null;
  const next: PrivacyJob = { ...cur, lease: { id: leaseId, until: now + leaseMs }, version: cur.version + 1 };
  await txReplace(tx, COLL.privacy_requests, next);
  return next;
}
