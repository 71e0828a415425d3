import { buildShippingInfo, type Logistics } from '../../shared/orders/shipping-info';
import type { CarrierCode } from '../../shared/orders/fulfilment';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import type { Logger } from '../_kit/logger';
import { recordPlatformCall } from '../_kit/platform-health';
import { shippingProvider, type ShippingResult } from '../_kit/shipping';
import { runInTransaction } from '../_kit/transaction';
import { shippingUploadIdOf, type OrderDoc, type ShippingUploadDoc } from '../../shared/documents';
import { txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * WeChat shipping-info uploads as an outbox. The upload document is written in the transaction
 * that records the fulfilment (payment of virtual goods, or the operator shipping / handing over),
 * then sent after the commit — a network call never sits inside a transaction. Whatever fails
 * (WeChat not yet knowing a payment seconds after it, errcode 10060001, is common; outages; a
 * crash between commit and send) stays `pending`/`failed` with the error and is re-driven: by the
 * scheduler sweep when its backoff is due, or by an operator at once (ops.retryShippingUpload).
 *
 * Idempotent: one document per order (`shp_<orderId>`); a lease taken in a transaction before the
 * call means a sweep and an operator retry never both call WeChat for it; once `succeeded` it is
 * never sent again (WeChat counts a second upload as a re-shipment, allowed only once).
 */
export const LEASE_MS = 60_000;
/** Automatic retries stop after this many attempts; an operator can still retry. */
export const MAX_AUTO_ATTEMPTS = 10;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_CAP_MS = 60 * 60_000;

/**
 * A call that has not answered by then counts as failed (and is retried). WeChat may still have
 * taken it: the retry then re-sends the same information, which WeChat accepts as its one update.
 * Keeps a hung upload from eating the payment callback's or the sweep's time.
 */
export const UPLOAD_TIMEOUT_MS = 5_000;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'TIMEOUT' })), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });

export const backoffMs = (attempts: number) => Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));

/**
 * A new upload for an order that WeChat Pay paid (balance-paid orders have no WeChat payment to
 * report and get none). Built now, from the order as it is in this transaction.
 */
export function newShippingUpload(order: OrderDoc, logistics: Logistics, now: number, extra: { carrier?: CarrierCode; trackingNo?: string } = {}): ShippingUploadDoc {
  const built = buildShippingInfo({
    outTradeNo: order._id,
    ...(order.payment?.transactionId ? { transactionId: order.payment.transactionId } : {}),
    mchid: shippingProvider().merchantId(),
    openid: order.openid,
    itemDesc: order.title,
    logistics,
    ...extra,
    ...(order.delivery?.phone ? { receiverPhone: order.delivery.phone } : {}),
    now,
  });
  return {
    _id: shippingUploadIdOf(order._id),
    orderId: order._id,
    openid: order.openid,
    logistics,
    state: 'pending',
    ...(built.ok ? { body: built.body } : { buildError: built.reason }),
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * The upload as its creator writes it when it will send it right after the commit (the pay
 * callback, 发货): already leased to that creator, so sending needs no claiming transaction (issue
 * 18). If the creator dies before sending, the lease runs out and the sweep sends it (it is due).
 * One that cannot be built stays unleased: the first drive records why.
 */
export const leasedForCreator = (u: ShippingUploadDoc, now: number): ShippingUploadDoc => (u.body ? { ...u, leaseUntil: now + LEASE_MS, attempts: u.attempts + 1, lastAttemptAt: now } : u);

/** Orders paid (wholly or partly, 组合支付) through WeChat Pay need their delivery reported to WeChat. */
export const needsShippingUpload = (order: OrderDoc) => order.payWith !== 'balance' && order.payment?.state === 'succeeded';

type Claim = { kind: 'send'; doc: ShippingUploadDoc } | { kind: 'done'; doc: ShippingUploadDoc | null };

/**
 * Sends one upload if it is due (or `force`, for an operator's retry) and nobody else holds it.
 * Never throws for WeChat's or the network's failures: they are recorded on the document.
 */
export async function driveShippingUpload(db: Db, uploadId: string, now: () => number, log: Logger | undefined, opts: { force?: boolean; fn: string; leased?: ShippingUploadDoc }): Promise<ShippingUploadDoc | null> {
  const t0 = now();
  // Written leased by this caller's own transaction (leasedForCreator): it is ours to send.
  const mine = opts.leased?.leaseUntil !== undefined && opts.leased._id === uploadId ? opts.leased : undefined;
  const claim: Claim = mine ? { kind: 'send', doc: mine } : await runInTransaction(db, async (tx): Promise<Claim> => {
    const doc = await txGet<ShippingUploadDoc>(tx, COLL.shipping_uploads, uploadId);
    if (!doc || doc.state === 'succeeded' || doc.state === 'cancelled') return { kind: 'done', doc };
    if (doc.leaseUntil !== undefined && doc.leaseUntil > t0) return { kind: 'done', doc };
    if (!opts.force && (doc.nextAttemptAt === undefined || doc.nextAttemptAt > t0)) return { kind: 'done', doc };
    const order = await txGet<OrderDoc>(tx, COLL.orders, doc.orderId);
    if (!order || order.status === 'refunded' || order.status === 'cancelled') {
      // Fully refunded before WeChat heard of the delivery: there is nothing to report.
      const next: ShippingUploadDoc = { ...doc, state: 'cancelled', nextAttemptAt: undefined, leaseUntil: undefined, updatedAt: t0, version: doc.version + 1 };
      await txReplace(tx, COLL.shipping_uploads, stripUndefined(next));
      return { kind: 'done', doc: next };
    }
    if (!doc.body) {
      const next: ShippingUploadDoc = { ...doc, state: 'failed', attempts: doc.attempts + 1, lastAttemptAt: t0, lastError: `BUILD: ${doc.buildError ?? '无法生成发货信息'}`, nextAttemptAt: undefined, updatedAt: t0, version: doc.version + 1 };
      await txReplace(tx, COLL.shipping_uploads, stripUndefined(next));
      return { kind: 'done', doc: next };
    }
    const leased: ShippingUploadDoc = { ...doc, leaseUntil: t0 + LEASE_MS, attempts: doc.attempts + 1, lastAttemptAt: t0, updatedAt: t0, version: doc.version + 1 };
    await txReplace(tx, COLL.shipping_uploads, leased);
    return { kind: 'send', doc: leased };
  });
  if (claim.kind === 'done') return claim.doc;

  const leased = claim.doc;
  const provider = shippingProvider();
  let outcome: ShippingResult;
  try {
    outcome = await withTimeout(provider.upload(leased.body!), UPLOAD_TIMEOUT_MS);
  } catch (e) {
    const code = e && typeof e === 'object' && (e as { code?: unknown }).code === 'TIMEOUT' ? 'TIMEOUT' : 'NETWORK';
    outcome = { ok: false, code, message: e instanceof Error ? e.message : String(e) };
  }
  faultPoint('shipping.after-upload');
  // What WeChat answered this function (上线检查: -604101 = the openapi permission has not taken effect).
  await recordPlatformCall(db, { fn: opts.fn, api: 'uploadShippingInfo', adapter: provider.name, result: outcome, at: now() }, log);
  if (!outcome.ok) log?.log('warn', 'shipping upload refused', { uploadId, code: outcome.code, attempts: leased.attempts });
  return recordOutcome(db, leased, outcome, now());
}

/**
 * WeChat's answer, in ONE conditional update of the upload (no transaction: the condition is the
 * guard). Accepted is the truth whoever holds the lease now (only an upload already recorded as
 * accepted is left alone); a refusal is recorded only while our lease is still the one on it —
 * another sender that took over records its own outcome. Returns the upload as it now stands.
 */
async function recordOutcome(db: Db, leased: ShippingUploadDoc, outcome: ShippingResult, t1: number): Promise<ShippingUploadDoc | null> {
  const _ = db.command;
  const auto = leased.attempts < MAX_AUTO_ATTEMPTS;
  const change: Partial<ShippingUploadDoc> = outcome.ok
    ? { state: 'succeeded', succeededAt: t1, updatedAt: t1 }
    : { state: 'failed', lastError: `${outcome.code}: ${outcome.message}`.slice(0, 300), ...(auto ? { nextAttemptAt: t1 + backoffMs(leased.attempts) } : {}), updatedAt: t1 };
  const removed = outcome.ok ? ['leaseUntil', 'nextAttemptAt', 'lastError'] : ['leaseUntil', ...(auto ? [] : ['nextAttemptAt'])];
  const where = outcome.ok ? { _id: leased._id, state: _.neq('succeeded') } : { _id: leased._id, leaseUntil: leased.leaseUntil, state: _.neq('succeeded') };
  const res = (await db
    .collection(COLL.shipping_uploads)
    .where(where)
    .update({ ...change, ...Object.fromEntries(removed.map((k) => [k, _.remove()])), version: _.inc(1) })) as { updated?: number };
  if (res.updated !== 1) return getById<ShippingUploadDoc>(db, COLL.shipping_uploads, leased._id);
  const next = { ...leased, ...change, version: leased.version + 1 } as ShippingUploadDoc;
  for (const k of removed) delete (next as unknown as Record<string, unknown>)[k];
  return next;
}

/** `doc.set` writes `undefined` as a missing field in CloudBase; drop them explicitly so reads match. */
function stripUndefined<T extends object>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}

export interface UploadSweepReport {
  driven: number;
  succeeded: number;
  failed: number;
  more: boolean;
}

/** The scheduler's part: uploads whose (re)try is due, oldest first, through the (state, nextAttemptAt) index. */
export async function driveDueShippingUploads(db: Db, now: () => number, log: Logger, opts: { limit: number; budgetMs: number; fn: string }): Promise<UploadSweepReport> {
  const started = Date.now();
  const _ = db.command;
  const due = (await db
    .collection(COLL.shipping_uploads)
    .where({ state: _.in(['pending', 'failed']), nextAttemptAt: _.lte(now()) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(opts.limit)
    .get()) as { data: ShippingUploadDoc[] };
  const report: UploadSweepReport = { driven: 0, succeeded: 0, failed: 0, more: due.data.length === opts.limit };
  for (const u of due.data) {
    if (Date.now() - started > opts.budgetMs) return { ...report, more: true };
    try {
      const after = await driveShippingUpload(db, u._id, now, log, { fn: opts.fn });
      report.driven++;
      if (after?.state === 'succeeded') report.succeeded++;
      else if (after?.state === 'failed') report.failed++;
    } catch (e) {
      report.failed++;
      log.log('error', 'shipping upload drive failed', { uploadId: u._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}

export const getShippingUpload = (db: Db, orderId: string) => getById<ShippingUploadDoc>(db, COLL.shipping_uploads, shippingUploadIdOf(orderId));
