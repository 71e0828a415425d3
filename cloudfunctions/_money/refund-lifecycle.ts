import { canMovePart, canRefundTransition, isFinalPartState, refundStateOf, type RefundPartCause, type RefundPartState } from '../../shared/orders/states';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import type { Logger } from '../_kit/logger';
import { paymentProvider, REFUND_CALLBACK_FUNCTION, type ProviderRefundStatus, type RefundQueryResult, type RefundResult } from '../_kit/payments';
import { runInTransaction } from '../_kit/transaction';
import { COLL, type RefundDoc, type RefundPart } from './docs';
import { txGet, txReplace } from './tx';

/**
 * The refund lifecycle as WeChat defines it (shared/orders/states.ts has the tables): a part is
 * sent (pending → requested when WeChat accepts), then its RESULT decides it — the refund result
 * event delivered to `refundCallback`, or, when that has not come, queryRefund from the sweep or an
 * operator (requested → succeeded | failed). Every network call happens outside a transaction;
 * each outcome is recorded by id in its own small transaction that re-reads the part and consults
 * the transition table, so a redelivered result, a late answer or a concurrent sweep changes
 * nothing it should not.
 */

/** A result normally arrives within minutes; only then does the sweep ask WeChat (queryRefund). */
export const QUERY_AFTER_MS = 10 * 60_000;
/** A refund still not finished this long after it was requested shows up for operators (运营后台 · 退款). */
export const STUCK_AFTER_MS = 60 * 60_000;
const QUERY_BACKOFF_CAP_MS = 6 * 60 * 60_000;
const SEND_BACKOFF_CAP_MS = 60 * 60_000;
/** Refused sends are retried at the next sweeps this many times, then with backoff (1 min doubling, ≤ 1 h). */
const SEND_IMMEDIATE_RETRIES = 3;

export const sendBackoffMs = (attempts: number) => (attempts < SEND_IMMEDIATE_RETRIES ? 0 : Math.min(SEND_BACKOFF_CAP_MS, 60_000 * 2 ** (attempts - SEND_IMMEDIATE_RETRIES)));
export const queryBackoffMs = (queries: number) => Math.min(QUERY_BACKOFF_CAP_MS, QUERY_AFTER_MS * 2 ** Math.min(queries, 10));

export function newRefundPart(p: { outTradeNo: string; totalFee: number; refundFee: number; outRefundNo: string }, now: number): RefundPart {
  return { ...p, state: 'pending', attempts: 0, nextAt: now };
}

const stripUndefined = <T extends object>(doc: T): T => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;

/** When operators should see an unfinished part (see RefundDoc.stuckAt). */
const stuckAtOf = (p: RefundPart, createdAt: number): number =>
  p.state === 'pending' && p.error ? createdAt : p.state === 'requested' ? (p.requestedAt ?? createdAt) + STUCK_AFTER_MS : createdAt + STUCK_AFTER_MS;

/**
 * The document's state and schedule from its parts: status by the table (an illegal move throws —
 * it would be a bug, never data), completedAt when the last part succeeded, driveAt / stuckAt while
 * something is unfinished (the sweep's and the operator page's indexes).
 */
export function scheduled(doc: RefundDoc, now: number): RefundDoc {
  const status = refundStateOf(doc.parts);
  if (!canRefundTransition(doc.status, status)) throw new Error(`refund ${doc._id}: ${doc.status} → ${status} is not in the refund state table`);
  const open = doc.parts.filter((p) => !isFinalPartState(p.state));
  return stripUndefined({
    ...doc,
    parts: doc.parts.map(stripUndefined),
    status,
    completedAt: status === 'succeeded' ? (doc.completedAt ?? now) : undefined,
    driveAt: open.length ? Math.min(...open.map((p) => p.nextAt ?? now)) : undefined,
    stuckAt: open.length ? Math.min(...open.map((p) => stuckAtOf(p, doc.createdAt))) : undefined,
    updatedAt: now,
  });
}

function move(p: RefundPart, to: RefundPartState, cause: RefundPartCause, patch: Partial<RefundPart>): RefundPart | null {
  return canMovePart(p.state, to, cause) ? { ...p, ...patch, state: to } : null;
}

/** Which refund document a part belongs to: its out_refund_no is the refund id, or `<refund id>_<n>` (stored-value refunds, one part per lot). */
export const refundIdCandidates = (outRefundNo: string): string[] => {
  const base = outRefundNo.replace(/_\d+$/, '');
  return base !== outRefundNo ? [outRefundNo, base] : [outRefundNo];
};

export async function findRefundOfPart(db: Db, outRefundNo: string): Promise<RefundDoc | null> {
  for (const id of refundIdCandidates(outRefundNo)) {
    const doc = await getById<RefundDoc>(db, COLL.refunds, id);
    if (doc?.parts.some((p) => p.outRefundNo === outRefundNo)) return doc;
  }
  return null;
}

/** Replaces one part (by out_refund_no) in its document, re-read in the transaction; `change` returns null to leave it alone. */
async function updatePart(db: Db, refundId: string, outRefundNo: string, now: number, change: (cur: RefundPart) => RefundPart | null): Promise<RefundDoc | null> {
  return runInTransaction(db, async (tx) => {
    const doc = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
    const cur = doc?.parts.find((p) => p.outRefundNo === outRefundNo);
    if (!doc || !cur) return doc;
    const next = change(cur);
    if (!next) return doc;
    const updated = scheduled({ ...doc, parts: doc.parts.map((p) => (p.outRefundNo === outRefundNo ? next : p)) }, now);
    await txReplace(tx, COLL.refunds, updated);
    return updated;
  });
}

const errorText = (code: string, message: string) => `${code}: ${message}`.slice(0, 200);

/** Sends one pending part (same out_refund_no every time) and records whether WeChat accepted it. */
async function sendPart(db: Db, refundId: string, part: RefundPart, now: () => number, log?: Logger): Promise<void> {
  let outcome: RefundResult;
  try {
    outcome = await paymentProvider().refund({ outTradeNo: part.outTradeNo, outRefundNo: part.outRefundNo, totalFee: part.totalFee, refundFee: part.refundFee, callbackFunction: REFUND_CALLBACK_FUNCTION, reason: '用户申请退款' });
  } catch (e) {
    outcome = { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
  }
  faultPoint('refund.after-provider');
  if (!outcome.ok) log?.log('warn', 'refund part refused', { refundId, outRefundNo: part.outRefundNo, code: outcome.code });
  const t = now();
  await updatePart(db, refundId, part.outRefundNo, t, (cur) => {
    // A result (or query) may have decided it meanwhile: that is newer than this answer.
    if (cur.state !== 'pending') return null;
    if (outcome.ok) return move(cur, 'requested', 'accepted', { requestedAt: t, nextAt: t + QUERY_AFTER_MS, error: undefined, ...(outcome.refundId ? { providerRefundId: outcome.refundId } : {}) });
    const attempts = (cur.attempts ?? 0) + 1;
    return { ...cur, attempts, error: errorText(outcome.code, outcome.message), nextAt: t + sendBackoffMs(attempts) };
  });
}

export type PartOutcome = 'applied' | 'unchanged' | 'unknown' | 'mismatch' | 'illegal';

export interface ProviderAnswer {
  status: ProviderRefundStatus;
  refundFee?: number;
  outTradeNo?: string;
  refundId?: string;
  successTime?: string;
  recvAccount?: string;
  detail?: string;
}

/**
 * Applies what WeChat says about a part — a refund result event (`via: 'result'`) or a queryRefund
 * answer (`via: 'query'`). The part and amount must match ours (a mismatch is recorded on the part
 * and logged as an error, never applied); SUCCESS → succeeded, CHANGE / REFUNDCLOSE → failed,
 * PROCESSING proves WeChat has it (pending → requested), UNKNOWN changes nothing but the next query
 * time. A move the table does not allow (e.g. SUCCESS for a part already failed) is refused and logged.
 */
export async function applyProviderAnswer(db: Db, refundId: string, outRefundNo: string, a: ProviderAnswer, via: 'result' | 'query', now: number, log?: Logger): Promise<{ outcome: PartOutcome; refund: RefundDoc | null }> {
  let outcome = 'unknown' as PartOutcome;
  const refund = await updatePart(db, refundId, outRefundNo, now, (cur) => {
    const queried = via === 'query' ? { queries: (cur.queries ?? 0) + 1, lastQueryAt: now } : {};
    const mismatch =
      a.refundFee !== undefined && a.refundFee !== cur.refundFee
        ? `AMOUNT_MISMATCH: 微信${via === 'result' ? '通知' : '查询'}退款 ${a.refundFee} 分，本单 ${cur.refundFee} 分`
        : a.outTradeNo !== undefined && a.outTradeNo !== cur.outTradeNo
          ? `TRADE_MISMATCH: 微信${via === 'result' ? '通知' : '查询'}的商户订单号 ${a.outTradeNo}，本单 ${cur.outTradeNo}`
          : null;
    if (mismatch) {
      outcome = 'mismatch';
      return cur.error === mismatch ? null : { ...cur, ...queried, error: mismatch };
    }
    const to: RefundPartState | null = a.status === 'SUCCESS' ? 'succeeded' : a.status === 'CHANGE' || a.status === 'REFUNDCLOSE' ? 'failed' : a.status === 'PROCESSING' && cur.state === 'pending' ? 'requested' : null;
    if (to === null || to === cur.state) {
      // Redelivered (or still processing): nothing changes, except when to ask again.
      outcome = 'unchanged';
      return via === 'query' && !isFinalPartState(cur.state) ? { ...cur, ...queried, nextAt: now + queryBackoffMs(cur.queries ?? 0) } : null;
    }
    const patch: Partial<RefundPart> =
      to === 'requested'
        ? { ...queried, requestedAt: now, nextAt: now + queryBackoffMs(cur.queries ?? 0), error: undefined }
        : {
            ...queried,
            resultStatus: a.status as 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE',
            finishedAt: now,
            nextAt: undefined,
            ...(a.refundId && !cur.providerRefundId ? { providerRefundId: a.refundId } : {}),
            ...(a.recvAccount ? { recvAccount: a.recvAccount.slice(0, 128) } : {}),
            error:
              to === 'failed'
                ? a.status === 'CHANGE'
                  ? 'CHANGE: 退款到原账户失败（如银行卡已注销），需在微信支付商户平台处理后重试'
                  : 'REFUNDCLOSE: 微信已关闭该退款'
                : undefined,
          };
    const next = move(cur, to, to === 'requested' ? 'accepted' : 'result', patch);
    outcome = next ? 'applied' : 'illegal';
    return next;
  });
  if (!refund?.parts.some((p) => p.outRefundNo === outRefundNo)) outcome = 'unknown';
  const level = outcome === 'mismatch' || outcome === 'illegal' ? 'error' : outcome === 'unknown' ? 'warn' : 'info';
  log?.log(level, `refund ${via}`, { refundId, outRefundNo, status: a.status, outcome, ...(a.detail ? { detail: a.detail.slice(0, 200) } : {}) });
  return { outcome, refund };
}

async function queryPart(db: Db, refundId: string, part: RefundPart, now: () => number, log?: Logger): Promise<PartOutcome> {
  let q: RefundQueryResult;
  try {
    q = await paymentProvider().queryRefund(part.outRefundNo);
  } catch (e) {
    q = { status: 'UNKNOWN', detail: `NETWORK: ${e instanceof Error ? e.message : String(e)}` };
  }
  return (await applyProviderAnswer(db, refundId, part.outRefundNo, q, 'query', now(), log)).outcome;
}

export interface DriveOptions {
  /** Only parts whose `nextAt` has come (the sweep); otherwise every pending part is sent now. */
  onlyDue?: boolean;
  /** Also query requested parts that are due (the sweep), or every unfinished part (`'all'`, an operator's 查询结果). */
  query?: boolean | 'all';
}

export interface DriveReport {
  sent: number;
  queried: number;
}

/**
 * Moves a refund's unfinished parts along, outside any transaction: pending parts are (re)sent to
 * WeChat — idempotent by out_refund_no, so re-driving after a crash or timeout is safe — and, when
 * asked, requested parts are queried. Returns the document as it is afterwards.
 */
export async function driveRefund(db: Db, refundId: string, now: () => number, log?: Logger, opts: DriveOptions = {}, report?: DriveReport): Promise<RefundDoc | null> {
  const refund = await getById<RefundDoc>(db, COLL.refunds, refundId);
  if (!refund || refund.status === 'succeeded') return refund;
  for (const part of refund.parts) {
    const t = now();
    const due = !opts.onlyDue || (part.nextAt ?? 0) <= t;
    if (opts.query === 'all' && !isFinalPartState(part.state)) {
      if (report) report.queried++;
      const outcome = await queryPart(db, refundId, part, now, log);
      // WeChat does not know a pending part (or would not say): send it.
      if (part.state === 'pending' && outcome !== 'applied') {
        if (report) report.sent++;
        await sendPart(db, refundId, part, now, log);
      }
    } else if (part.state === 'pending' && due) {
      if (report) report.sent++;
      await sendPart(db, refundId, part, now, log);
    } else if (part.state === 'requested' && opts.query && due) {
      if (report) report.queried++;
      await queryPart(db, refundId, part, now, log);
    }
  }
  return getById<RefundDoc>(db, COLL.refunds, refundId);
}
