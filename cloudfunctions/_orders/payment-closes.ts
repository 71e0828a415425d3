import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import type { Logger } from '../_kit/logger';
import { paymentProvider, type CloseOrderResult } from '../_kit/payments';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { type OrderDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Closing an unpaid WeChat payment (CloudPay.closeOrder) as an outbox. When an unpaid WeChat order
 * is cancelled (order.cancel) or expires (the sweep), a close document is written in the SAME
 * transaction; the sweep sends it later, outside any transaction. Why later: "订单生成后不能马上调用
 * 关单接口，最短调用时间间隔为5分钟" (CloudPay.closeOrder doc, developers.weixin.qq.com/miniprogram/dev/
 * wxcloud/reference-sdk-api/open/pay/CloudPay.closeOrder.html), so a close is never due earlier than
 * 5 minutes after the payment was created. Until it is closed the customer can still pay an open
 * pay sheet: that money is refunded by the late-payment path (apply-payment.ts), as before.
 *
 *   due → (lease, closeOrder) → closed                     SUCCESS, or ORDERCLOSED (already closed)
 *                             → paid                       ORDERPAID: do not close; the payment callback
 *                                                          arrives and the late-payment path refunds it
 *                             → due (backoff) | failed     SYSTEMERROR and anything else: retried,
 *                                                          1 min doubling to 1 h, 10 attempts
 * (WeChat Pay v2 关闭订单 error codes: ORDERPAID, SYSTEMERROR, ORDERCLOSED, SIGNERROR, …)
 * One document per payment (`_id` = out_trade_no); it holds no customer data.
 */
export const CLOSE_MIN_AGE_MS = 5 * 60_000;
export const CLOSE_MAX_ATTEMPTS = 10;
const LEASE_MS = 60_000;
const backoffMs = (attempts: number) => Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

export type PaymentCloseState = 'due' | 'closed' | 'paid' | 'failed';

export interface PaymentCloseDoc {
  _id: string;
  state: PaymentCloseState;
  /** order.cancel, the payment window, or the sweep releasing holds over the limits (order-holds.ts). */
  reason: 'cancelled' | 'expired' | 'hold-limit';
  /** When the WeChat payment was created (the order's unifiedOrder). */
  paymentCreatedAt: number;
  dueAt: number;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: number;
  leaseUntil?: number;
  doneAt?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

/**
 * Inside the cancelling / expiring transaction: queue the close of an unpaid WeChat payment.
 * `order` is the order as it was (still unpaid). Nothing for balance orders; idempotent per payment.
 */
export async function scheduleClose(tx: Tx, order: OrderDoc, reason: PaymentCloseDoc['reason'], now: number): Promise<void> {
  // 组合支付 orders have a WeChat payment too (its WeChat part).
  if (order.payWith === 'balance' || !order.payment || order.payment.state !== 'pending') return;
  if (await txGet<PaymentCloseDoc>(tx, COLL.payment_closes, order._id)) return;
  // The payment is created with the order (placeWechatOrder asks for it right after the insert).
  const paymentCreatedAt = order.createdAt;
  await txCreate<PaymentCloseDoc>(tx, COLL.payment_closes, {
    _id: order._id,
    state: 'due',
    reason,
    paymentCreatedAt,
    dueAt: Math.max(now, paymentCreatedAt + CLOSE_MIN_AGE_MS),
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

const strip = <T extends object>(doc: T): T => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;

type Claim = { kind: 'send'; doc: PaymentCloseDoc } | { kind: 'done'; doc: PaymentCloseDoc | null };

/** Sends one close when it is due and nobody else holds it; WeChat's and the network's failures are recorded, never thrown. */
export async function drivePaymentClose(db: Db, id: string, now: () => number, log?: Logger): Promise<PaymentCloseDoc | null> {
  const t0 = now();
  const claim = await runInTransaction(db, async (tx): Promise<Claim> => {
    const doc = await txGet<PaymentCloseDoc>(tx, COLL.payment_closes, id);
    if (!doc || doc.state !== 'due' || doc.dueAt > t0 || (doc.leaseUntil ?? 0) > t0) return { kind: 'done', doc };
    const order = await txGet<OrderDoc>(tx, COLL.orders, id);
    if (order?.payment?.state === 'succeeded') {
      // The payment landed after the order closed (refunded by the late-payment path): nothing to close.
      const next = strip({ ...doc, state: 'paid' as const, doneAt: t0, lastError: 'ORDERPAID: 支付已到账（迟到的支付已原路退款）', leaseUntil: undefined, updatedAt: t0, version: doc.version + 1 });
      await txReplace(tx, COLL.payment_closes, next);
      return { kind: 'done', doc: next };
    }
    const leased = { ...doc, leaseUntil: t0 + LEASE_MS, attempts: doc.attempts + 1, lastAttemptAt: t0, updatedAt: t0, version: doc.version + 1 };
    await txReplace(tx, COLL.payment_closes, leased);
    return { kind: 'send', doc: leased };
  });
  if (claim.kind === 'done') return claim.doc;

  let res: CloseOrderResult;
  try {
    res = await paymentProvider().closeOrder(id);
  } catch (e) {
    res = { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
  }
  const t1 = now();
  const state: PaymentCloseState | 'retry' = res.ok || res.code === 'ORDERCLOSED' ? 'closed' : res.code === 'ORDERPAID' ? 'paid' : res.code === 'ORDERNOTEXIST' ? 'closed' : 'retry';
  if (!res.ok) log?.log(state === 'retry' ? 'warn' : 'info', 'closeOrder answered', { outTradeNo: id, code: res.code, attempts: claim.doc.attempts });
  return runInTransaction(db, async (tx) => {
    const cur = await txGet<PaymentCloseDoc>(tx, COLL.payment_closes, id);
    if (!cur || cur.state !== 'due') return cur;
    const error = res.ok ? undefined : `${res.code}: ${res.message}`.slice(0, 200);
    let next: PaymentCloseDoc;
    if (state !== 'retry') {
      // ORDERNOTEXIST: WeChat never created this payment (its unifiedOrder did not get through), so it cannot be paid.
      next = { ...cur, state, doneAt: t1, lastError: error, leaseUntil: undefined, updatedAt: t1, version: cur.version + 1 };
      if (state === 'paid') {
        // The customer paid before the close: WeChat delivers that payment to payCallback (redelivered
        // until acknowledged), which refunds it once (apply-payment.ts, late payment). Until it has
        // arrived the money is WeChat's to deliver — say so loudly if it has not yet.
        const order = await txGet<OrderDoc>(tx, COLL.orders, id);
        log?.log(order?.payment?.lateRefundId ? 'info' : 'warn', 'closeOrder: already paid', { outTradeNo: id, lateRefundId: order?.payment?.lateRefundId ?? null });
      }
    } else {
      if (cur.leaseUntil !== claim.doc.leaseUntil) return cur; // someone else took over after our lease lapsed
      const giveUp = cur.attempts >= CLOSE_MAX_ATTEMPTS;
      next = { ...cur, state: giveUp ? 'failed' : 'due', dueAt: giveUp ? cur.dueAt : t1 + backoffMs(cur.attempts), lastError: error, leaseUntil: undefined, updatedAt: t1, version: cur.version + 1 };
      if (giveUp) log?.log('error', 'closeOrder gave up', { outTradeNo: id, attempts: cur.attempts, error });
    }
    next = strip(next);
    await txReplace(tx, COLL.payment_closes, next);
    return next;
  });
}

export interface CloseSweepReport {
  driven: number;
  closed: number;
  paid: number;
  failed: number;
  more: boolean;
}

/** The scheduler's part: closes due now, oldest first, through the (state, dueAt) index. */
export async function driveDuePaymentCloses(db: Db, now: () => number, log: Logger, opts: { limit: number; budgetMs: number }): Promise<CloseSweepReport> {
  const started = Date.now();
  const _ = db.command;
  const due = (await db.collection(COLL.payment_closes).where({ state: 'due', dueAt: _.lte(now()) }).orderBy('dueAt', 'asc').limit(opts.limit).get()) as { data: PaymentCloseDoc[] };
  const report: CloseSweepReport = { driven: 0, closed: 0, paid: 0, failed: 0, more: due.data.length === opts.limit };
  for (const c of due.data) {
    if (Date.now() - started > opts.budgetMs) return { ...report, more: true };
    try {
      const after = await drivePaymentClose(db, c._id, now, log);
      report.driven++;
      if (after?.state === 'closed') report.closed++;
      else if (after?.state === 'paid') report.paid++;
      else if (after?.state === 'failed' || after?.lastError) report.failed++;
    } catch (e) {
      report.failed++;
      log.log('error', 'payment close drive failed', { outTradeNo: c._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return report;
}

export const getPaymentClose = (db: Db, outTradeNo: string) => getById<PaymentCloseDoc>(db, COLL.payment_closes, outTradeNo);
