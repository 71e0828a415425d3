import { canMovePart, isFinalPartState, refundStateOf, type RefundPartCause, type RefundPartState } from '../../shared/orders/states';
import { NEW_REFUND_STATE, transitionRefund } from '../../shared/orders/transitions';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import type { Logger } from '../_kit/logger';
import { paymentProvider, REFUND_CALLBACK_FUNCTION, type ProviderRefundStatus, type RefundQueryResult, type RefundResult } from '../_kit/payments';
import { runInTransaction } from '../_kit/transaction';
import { type RefundDoc, type RefundPart } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import type { Tx } from '../_kit/transaction';
import { refundEvent, writeEvent, type RefundEventType, type RefundFacts } from '../_events/make-event';
import { COLL } from '../_kit/collections';

/**
 * The refund lifecycle as WeChat defines it (shared/orders/states.ts has the tables): a part is
 * sent (pending → requested when WeChat accepts), then its RESULT decides it — the refund result
 * event delivered to `refundCallback`, or, when that has not come, queryRefund from the sweep
 * (requested → succeeded | failed). Every network call happens outside a transaction; each outcome
 * is recorded by id in its own small transaction that re-reads the part and consults the
 * transition table, so a redelivered result, a late answer or a concurrent sweep changes nothing it
 * should not.
 *
 * When to ask WeChat: "推荐申请退款后间隔1分钟调用该接口轮询一次退款状态，若超过5分钟仍是退款处理中状态，
 * 建议开始逐步衰减轮询频率（比如之后间隔5分钟、10分钟、20分钟、30分钟……）" (WeChat Pay 退款开发指引,
 * pay.weixin.qq.com/doc/v3/merchant/4013071031). The result event usually makes the query
 * unnecessary, so the first query waits 5 minutes, then 5 · 2ⁿ minutes, at most 6 hours apart.
 */
export const QUERY_AFTER_MS = 5 * 60_000;
const QUERY_BACKOFF_CAP_MS = 6 * 60 * 60_000;
/** A CHANGE (退款异常) part is not final at WeChat: it is asked again this often, in case the merchant handled it. */
export const CHANGE_QUERY_EVERY_MS = 6 * 60 * 60_000;
const SEND_BACKOFF_CAP_MS = 60 * 60_000;
/** Refused sends are retried at the next sweeps this many times, then with backoff (1 min doubling, ≤ 1 h). */
const SEND_IMMEDIATE_RETRIES = 3;

export const sendBackoffMs = (attempts: number) => (attempts < SEND_IMMEDIATE_RETRIES ? 0 : Math.min(SEND_BACKOFF_CAP_MS, 60_000 * 2 ** (attempts - SEND_IMMEDIATE_RETRIES)));
export const queryBackoffMs = (queries: number) => Math.min(QUERY_BACKOFF_CAP_MS, QUERY_AFTER_MS * 2 ** Math.min(queries, 10));

export function newRefundPart(p: { outTradeNo: string; totalFee: number; refundFee: number; outRefundNo: string }, now: number): RefundPart {
  return { ...p, state: 'pending', attempts: 0, nextAt: now };
}

const stripUndefined = <T extends object>(doc: T): T => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;

/** Whether the sweep still has something to ask WeChat about this part. */
const needsWechat = (p: RefundPart) => !isFinalPartState(p.state) || (p.state === 'failed' && p.resultStatus === 'CHANGE');

/** A new refund document: it starts pending (the refund table's start), then its parts move it. */
export function newRefund(fields: Omit<RefundDoc, 'status'>, now: number): RefundDoc {
  return scheduled({ ...fields, status: NEW_REFUND_STATE }, now);
}

/**
 * Opens a refund in the caller's transaction: the new document (pending, scheduled by its parts)
 * and the event that tells it (`refundEvent`: the refund is the fact), written together — order,
 * membership-fee and stored-value refunds alike. `beforeEvent` marks the step between them for the
 * crash tests (a fault point).
 */
export async function openRefund<T extends RefundEventType>(tx: Tx, fields: Omit<RefundDoc, 'status'>, now: number, event: RefundFacts<T>, beforeEvent?: () => void): Promise<RefundDoc> {
  const refund = newRefund(fields, now);
  await txCreate(tx, COLL.refunds, refund);
  beforeEvent?.();
  await writeEvent(tx, refundEvent(refund, event));
  return refund;
}

/**
 * The document's state and schedule from its parts: status by the table (an illegal move throws —
 * it would be a bug, never data), completedAt when the last part succeeded, driveAt while a part
 * still needs WeChat (the sweep's index), waitingSince while pending (the operators' 「处理中过久」
 * index: since creation, or since an operator's retry took a failed refund back to pending).
 */
export function scheduled(doc: RefundDoc, now: number): RefundDoc {
  const moved = transitionRefund(doc, refundStateOf(doc.parts), now);
  if (!moved.ok) throw new Error(`refund ${doc._id}: ${moved.error.message}`);
  const { status } = moved.data;
  const open = doc.parts.filter(needsWechat);
  return stripUndefined({
    ...doc,
    parts: doc.parts.map(stripUndefined),
    ...moved.data,
    completedAt: status === 'succeeded' ? (doc.completedAt ?? now) : undefined,
    driveAt: open.length ? Math.min(...open.map((p) => p.nextAt ?? now)) : undefined,
    waitingSince: status === 'pending' ? (doc.status === 'pending' ? (doc.waitingSince ?? doc.createdAt) : now) : undefined,
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
async function sendPart(db: Db, refundId: string, part: RefundPart, now: () => number, log?: Logger): Promise<RefundDoc | null> {
  let outcome: RefundResult;
  try {
    outcome = await paymentProvider().refund({ outTradeNo: part.outTradeNo, outRefundNo: part.outRefundNo, totalFee: part.totalFee, refundFee: part.refundFee, callbackFunction: REFUND_CALLBACK_FUNCTION, reason: '用户申请退款' });
  } catch (e) {
    outcome = { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
  }
  faultPoint('refund.after-provider');
  if (!outcome.ok) log?.log('warn', 'refund part refused', { refundId, outRefundNo: part.outRefundNo, code: outcome.code });
  const t = now();
  return updatePart(db, refundId, part.outRefundNo, t, (cur) => {
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

/** What operators read on a failed part: what WeChat said and what to do about it. */
export const FAILED_PART_ERRORS = {
  CHANGE: 'CHANGE: 退款异常——退回原账户失败（如银行卡已注销或冻结），款项停留在微信退款账户。请在微信支付商户平台「交易中心 → 退款」处理此笔退款，处理后系统会自动查到结果（也可点「重试」立即查询）',
  REFUNDCLOSE: 'REFUNDCLOSE: 微信已关闭该退款（通常是商户号余额不足超过 7 天）。请给商户号充值后点「重试」，将用同一退款单号重新提交',
} as const;

/** When to ask next about a part that is still waiting on WeChat. */
const nextQueryAt = (cur: RefundPart, now: number) => (cur.state === 'failed' ? now + CHANGE_QUERY_EVERY_MS : now + queryBackoffMs(cur.queries ?? 0));

/**
 * Applies what WeChat says about a part — a refund result event (`via: 'result'`) or a queryRefund
 * answer (`via: 'query'`). The part and amount must match ours (a mismatch is recorded on the part
 * and logged as an error, never applied); SUCCESS → succeeded, CHANGE / REFUNDCLOSE → failed,
 * PROCESSING proves WeChat has it (pending → requested), UNKNOWN changes nothing but the next query
 * time. A move the table does not allow (e.g. CHANGE for a part already succeeded) is refused and logged.
 */
export async function applyProviderAnswer(db: Db, refundId: string, outRefundNo: string, a: ProviderAnswer, via: 'result' | 'query', now: number, log?: Logger): Promise<{ outcome: PartOutcome; refund: RefundDoc | null }> {
  let outcome = 'unknown' as PartOutcome;
  const refund = await updatePart(db, refundId, outRefundNo, now, (cur) => {
    const queried = via === 'query' ? { queries: (cur.queries ?? 0) + 1, lastQueryAt: now } : {};
    const waiting = needsWechat(cur);
    const mismatch =
      a.refundFee !== undefined && a.refundFee !== cur.refundFee
        ? `AMOUNT_MISMATCH: 微信${via === 'result' ? '通知' : '查询'}退款 ${a.refundFee} 分，本单 ${cur.refundFee} 分`
        : a.outTradeNo !== undefined && a.outTradeNo !== cur.outTradeNo
          ? `TRADE_MISMATCH: 微信${via === 'result' ? '通知' : '查询'}的商户订单号 ${a.outTradeNo}，本单 ${cur.outTradeNo}`
          : null;
    if (mismatch) {
      outcome = 'mismatch';
      // Recorded for operators; a query still moves its next time out (or the sweep would ask every minute).
      if (cur.error === mismatch && via !== 'query') return null;
      return { ...cur, ...queried, error: mismatch, ...(via === 'query' && waiting ? { nextAt: nextQueryAt(cur, now) } : {}) };
    }
    const to: RefundPartState | null = a.status === 'SUCCESS' ? 'succeeded' : a.status === 'CHANGE' || a.status === 'REFUNDCLOSE' ? 'failed' : a.status === 'PROCESSING' && cur.state === 'pending' ? 'requested' : null;
    if (to === null || to === cur.state) {
      // Redelivered (or still processing, or still 退款异常): nothing changes, except when to ask again.
      outcome = 'unchanged';
      return via === 'query' && waiting ? { ...cur, ...queried, nextAt: nextQueryAt(cur, now) } : null;
    }
    const patch: Partial<RefundPart> =
      to === 'requested'
        ? { ...queried, requestedAt: now, nextAt: now + queryBackoffMs(cur.queries ?? 0), error: undefined }
        : {
            ...queried,
            resultStatus: a.status as 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE',
            finishedAt: now,
            nextAt: to === 'failed' && a.status === 'CHANGE' ? now + CHANGE_QUERY_EVERY_MS : undefined,
            ...(a.refundId && !cur.providerRefundId ? { providerRefundId: a.refundId } : {}),
            ...(a.recvAccount ? { recvAccount: a.recvAccount.slice(0, 128) } : {}),
            error: to === 'failed' ? FAILED_PART_ERRORS[a.status as 'CHANGE' | 'REFUNDCLOSE'] : undefined,
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
  /** Also query parts whose result is due (requested ones, and failed CHANGE ones): the sweep. */
  query?: boolean;
  /** The refund as the caller's transaction just wrote it (a new refund): not read again (issue 18). */
  known?: RefundDoc;
}

export interface DriveReport {
  sent: number;
  queried: number;
}

/**
 * Moves a refund's unfinished parts along, outside any transaction: pending parts are (re)sent to
 * WeChat — idempotent by out_refund_no, so re-driving after a crash or timeout is safe — and, when
 * asked, parts whose result is due are queried. Returns the document as it is afterwards.
 */
export async function driveRefund(db: Db, refundId: string, now: () => number, log?: Logger, opts: DriveOptions = {}, report?: DriveReport): Promise<RefundDoc | null> {
  const refund = opts.known?._id === refundId ? opts.known : await getById<RefundDoc>(db, COLL.refunds, refundId);
  if (!refund || refund.status === 'succeeded') return refund;
  // The document as the last step left it: a single sent part's own transaction returns it, so
  // the usual refund (one part, sent once) reads nothing more; anything else reads it at the end.
  let last: RefundDoc | null | undefined = refund;
  let steps = 0;
  for (const part of refund.parts) {
    const due = !opts.onlyDue || (part.nextAt ?? 0) <= now();
    if (!due) continue;
    if (part.state === 'pending') {
      if (report) report.sent++;
      last = await sendPart(db, refundId, part, now, log);
      steps++;
    } else if (opts.query && needsWechat(part)) {
      if (report) report.queried++;
      await queryPart(db, refundId, part, now, log);
      last = undefined;
      steps++;
    }
  }
  return steps <= 1 && last !== undefined ? last : getById<RefundDoc>(db, COLL.refunds, refundId);
}

/**
 * An operator's 重试 (运营后台 · 退款), whatever the backoff says:
 * - a failed CHANGE part is only QUERIED: its money sits in WeChat's refund account until the
 *   merchant handles it in 商户平台, and re-submitting cannot move it (nor would a new number be
 *   safe: that could pay the customer twice);
 * - a failed REFUNDCLOSE part goes back to pending and is re-submitted with the SAME out_refund_no
 *   (CloudPay.refund doc note 2), after the merchant has topped up the balance;
 * - a pending part (refused or unanswered) is sent now; a requested one is queried now.
 * Returns the document afterwards; the result of a re-submission arrives like any other.
 */
export async function retryRefund(db: Db, refundId: string, now: () => number, log?: Logger): Promise<RefundDoc | null> {
  const before = await getById<RefundDoc>(db, COLL.refunds, refundId);
  if (!before || before.status === 'succeeded') return before;
  for (const part of before.parts) {
    if (part.state === 'failed' && part.resultStatus === 'CHANGE') await queryPart(db, refundId, part, now, log);
    else if (part.state === 'requested') await queryPart(db, refundId, part, now, log);
  }
  const t = now();
  const reopened = await runInTransaction(db, async (tx) => {
    const doc = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
    if (!doc) return null;
    const parts = doc.parts.map((p) => (p.state === 'failed' && p.resultStatus !== 'CHANGE' ? (move(p, 'pending', 'operator-retry', { nextAt: t, attempts: 0, finishedAt: undefined, resultStatus: undefined }) ?? p) : p));
    const updated = scheduled({ ...doc, parts, retries: (doc.retries ?? 0) + 1, lastRetryAt: t }, t);
    await txReplace(tx, COLL.refunds, updated);
    return updated;
  });
  for (const part of reopened?.parts ?? []) if (part.state === 'pending') await sendPart(db, refundId, part, now, log);
  return getById<RefundDoc>(db, COLL.refunds, refundId);
}
