import { drivePendingEvents } from '../_consumers/drive-events';
import { ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { runInTransaction } from '../_kit/transaction';
import { type HoldDoc, type OrderDoc, type RefundDoc } from '../../shared/documents';
import { driveRefund, type DriveReport } from '../_payments/refund-lifecycle';
import { driveDuePaymentCloses } from '../_orders/payment-closes';
import { driveDueShippingUploads } from '../_orders/shipping-uploads';
import { closeUnpaid } from '../_orders/close-unpaid';
import { excessHolds } from '../_orders/order-holds';
import { txGet } from '../_kit/tx';
import { driveReportEvents } from '../_reports/drive-reports';
import { snapshotSegmentsOnce } from '../_reports/snapshots';
import { COLL } from '../_kit/collections';

/** A CloudBase timer invocation has seconds, not minutes: stop starting new work after this. */
const BUDGET_MS = 8_000;
const BATCH = 100;

export interface SweepReport {
  ordersClosed: number;
  /** Unpaid orders closed because their customer held more than settings.maxUnpaidOrders / maxHeldUnitsPerProduct allow. */
  holdsReleased: number;
  refundsDriven: number;
  refundsCompleted: number;
  /** queryRefund calls for refunds whose result had not arrived. */
  refundsQueried: number;
  /** closeOrder outbox: closed this run, WeChat said already paid (the callback refunds it), failed (retried). */
  paymentsClosed: number;
  paymentClosesPaid: number;
  paymentClosesFailed: number;
  eventsApplied: number;
  eventsFailed: number;
  /** WeChat shipping-info uploads (re)tried this run, and how many WeChat accepted / refused. */
  shippingUploadsDriven: number;
  shippingUploadsSucceeded: number;
  shippingUploadsFailed: number;
  /** Money events folded into the report rollups (经营报表), and folds that failed (retried next run). */
  reportEventsFolded: number;
  reportEventsFailed: number;
  /** Today's segment-size snapshot was written by this run. */
  segmentSnapshot: boolean;
  more: boolean;
}

/**
 * The scheduled sweep (timer trigger, or `/local/trigger/scheduler` locally): closes unpaid orders
 * whose payment window has passed (giving back their trials, coupons and stock, and queueing the
 * WeChat closeOrder), re-sends refunds WeChat has not accepted and queries those whose result is
 * overdue, closes due WeChat payments, re-drives events owed to the profile consumer, and WeChat
 * shipping-info uploads that are due for a retry. Each item
 * is its own small transaction, found through an index (status + time), in bounded batches; what
 * does not fit in the budget is picked up by the next run (`more: true`).
 */
export async function sweep(_input: Record<string, never>, ctx: ActionContext): Promise<Result<SweepReport>> {
  const started = Date.now();
  const now = ctx.now();
  const _ = ctx.db.command;
  const report: SweepReport = { ordersClosed: 0, holdsReleased: 0, refundsDriven: 0, refundsCompleted: 0, refundsQueried: 0, paymentsClosed: 0, paymentClosesPaid: 0, paymentClosesFailed: 0, eventsApplied: 0, eventsFailed: 0, shippingUploadsDriven: 0, shippingUploadsSucceeded: 0, shippingUploadsFailed: 0, reportEventsFolded: 0, reportEventsFailed: 0, segmentSnapshot: false, more: false };

  const due = (await ctx.db.collection(COLL.orders).where({ status: 'created', expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').limit(BATCH).get()) as { data: OrderDoc[] };
  for (const o of due.data) {
    if (Date.now() - started > BUDGET_MS) return ok({ ...report, more: true });
    const closed = await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<OrderDoc>(tx, COLL.orders, o._id);
      // Re-checked inside the transaction: a payment may have landed since the query (then the
      // order table refuses the close and nothing is written).
      if (!cur || cur.expiresAt > now) return false;
      // WeChat must close the payment too (not before 5 minutes after it was created): outbox.
      return (await closeUnpaid(tx, cur, 'expired', now)).ok;
    });
    if (closed) report.ordersClosed++;
  }
  if (due.data.length === BATCH) report.more = true;

  // Customers holding more than the limits allow (an operator lowered them): their oldest unpaid
  // orders are closed until they are within the limits again (order-holds.ts).
  const settings = await ctx.settings();
  const over = [
    ...((await ctx.db.collection(COLL.order_holds).where({ orderCount: _.gt(settings.maxUnpaidOrders) }).limit(BATCH).get()) as { data: HoldDoc[] }).data,
    ...((await ctx.db.collection(COLL.order_holds).where({ maxUnits: _.gt(settings.maxHeldUnitsPerProduct) }).limit(BATCH).get()) as { data: HoldDoc[] }).data,
  ];
  for (const h of new Map(over.map((x) => [x._id, x])).values()) {
    if (Date.now() - started > BUDGET_MS) return ok({ ...report, more: true });
    report.holdsReleased += await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<HoldDoc>(tx, COLL.order_holds, h._id);
      if (!cur) return 0;
      let released = 0;
      for (const orderId of excessHolds(cur, settings, now)) {
        const o = await txGet<OrderDoc>(tx, COLL.orders, orderId);
        // Paid meanwhile: the order table refuses the close, nothing is written.
        if (o && (await closeUnpaid(tx, o, 'hold-limit', now)).ok) released++;
      }
      return released;
    });
  }
  if (over.length >= BATCH) report.more = true;

  // Refunds with a part due: pending parts are re-sent (same out_refund_no), requested parts whose
  // result has not arrived after WeChat accepted them are queried (queryRefund), and so, now and
  // then, are failed 退款异常 parts (not final at WeChat) — an UNKNOWN answer only moves the next
  // query out, never fails a part. Refunds written before driveAt existed are found by status alone.
  const dueRefunds = (await ctx.db.collection(COLL.refunds).where({ status: _.in(['pending', 'failed']), driveAt: _.lte(now) }).orderBy('driveAt', 'asc').limit(BATCH).get()) as { data: RefundDoc[] };
  const legacy = dueRefunds.data.length < BATCH ? ((await ctx.db.collection(COLL.refunds).where({ status: 'pending', driveAt: _.exists(false) }).limit(BATCH - dueRefunds.data.length).get()) as { data: RefundDoc[] }).data : [];
  const work: DriveReport = { sent: 0, queried: 0 };
  for (const r of [...dueRefunds.data, ...legacy]) {
    if (Date.now() - started > BUDGET_MS) return ok({ ...report, refundsQueried: work.queried, more: true });
    try {
      const after = await driveRefund(ctx.db, r._id, ctx.now, ctx.log, { onlyDue: true, query: true }, work);
      report.refundsDriven++;
      if (after?.status === 'succeeded') report.refundsCompleted++;
    } catch (e) {
      ctx.log.log('error', 'refund drive failed', { refundId: r._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  report.refundsQueried = work.queried;
  if (dueRefunds.data.length === BATCH) report.more = true;

  // Unpaid WeChat orders that were cancelled or expired: close them with WeChat Pay once allowed.
  const closesLeft = BUDGET_MS - (Date.now() - started);
  if (closesLeft <= 0) return ok({ ...report, more: true });
  const closes = await driveDuePaymentCloses(ctx.db, ctx.now, ctx.log, { limit: BATCH, budgetMs: closesLeft });
  report.paymentsClosed = closes.closed;
  report.paymentClosesFailed = closes.failed;
  report.paymentClosesPaid = closes.paid;
  if (closes.more) report.more = true;

  // Events a crash (or a failed consume) left owed to the profile consumer.
  const budgetLeft = BUDGET_MS - (Date.now() - started);
  if (budgetLeft <= 0) return ok({ ...report, more: true });
  const events = await drivePendingEvents(ctx.db, ctx.now, ctx.log, { limit: BATCH, budgetMs: budgetLeft });
  report.eventsApplied = events.applied;
  report.eventsFailed = events.failed;
  if (events.busy) report.more = true; // profiles busy right now: the next run takes them
  if (events.more) report.more = true;

  // Shipping info WeChat has not accepted yet (refused, not yet known to it, or never sent).
  const left = BUDGET_MS - (Date.now() - started);
  if (left <= 0) return ok({ ...report, more: true });
  const uploads = await driveDueShippingUploads(ctx.db, ctx.now, ctx.log, { limit: BATCH, budgetMs: left, fn: ctx.fn });
  report.shippingUploadsDriven = uploads.driven;
  report.shippingUploadsSucceeded = uploads.succeeded;
  report.shippingUploadsFailed = uploads.failed;
  if (uploads.more) report.more = true;

  // Report rollups (what operators read as 经营报表) and the day's segment sizes: last, as nobody
  // waits on them — a report read folds what is owed itself, and the snapshot is once a day.
  const rest = BUDGET_MS - (Date.now() - started);
  if (rest <= 0) return ok({ ...report, more: true });
  const folded = await driveReportEvents(ctx.db, ctx.now, ctx.log, { batch: 200, maxEvents: 2_000, budgetMs: rest });
  report.reportEventsFolded = folded.applied;
  report.reportEventsFailed = folded.failed;
  if (folded.more) report.more = true;
  try {
    report.segmentSnapshot = (await snapshotSegmentsOnce(ctx.db, await ctx.settings(), now)) === 'created';
  } catch (e) {
    ctx.log.log('error', 'segment snapshot failed', { error: e instanceof Error ? e.message : String(e) });
  }
  return ok(report);
}
