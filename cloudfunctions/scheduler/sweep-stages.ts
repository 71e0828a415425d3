import { drivePendingEvents } from '../_consumers/drive-events';
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
import { runMigrations } from '../_migrations/run';

export const SWEEP_BATCH = 100;

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
  /** Documents rewritten into today's shape by data migrations (first run after a deploy). */
  documentsMigrated: number;
  /** Today's segment-size snapshot was written by this run. */
  segmentSnapshot: boolean;
  more: boolean;
}

/** What one stage gets: the run's clock reading and when it must stop starting new work. */
export interface StageRun {
  now: number;
  deadline: number;
}

/** A stage's figures; `more` when work was left for the next run. */
export type StageResult = Partial<Omit<SweepReport, 'more'>> & { more?: boolean };
export type SweepStage = (ctx: ActionContext, run: StageRun) => Promise<StageResult>;

const overBudget = (run: StageRun) => Date.now() > run.deadline;
const msLeft = (run: StageRun) => run.deadline - Date.now();

let migrationsDone = false;

/**
 * Data migrations (cloudfunctions/_migrations) on the first sweep of each instance: new code
 * arrives with a cold start, so the first timer run after a deploy rewrites what older code wrote
 * before any other stage reads it; afterwards it costs nothing (one read per cold start).
 */
export const migrateOnce: SweepStage = async (ctx, run) => {
  if (migrationsDone) return {};
  const report = await runMigrations(ctx.db, run.now, await ctx.settings(), ctx.log, { budgetMs: Math.max(0, msLeft(run) / 2) });
  migrationsDone = report.unfinished.length === 0;
  return { documentsMigrated: Object.values(report.migrated).reduce((a, b) => a + b, 0), more: !migrationsDone };
};

/** Unpaid orders whose payment window passed: closed (trials, coupons, stock back; WeChat closeOrder queued). */
export const closeExpiredOrders: SweepStage = async (ctx, run) => {
  const _ = ctx.db.command;
  const due = (await ctx.db.collection(COLL.orders).where({ status: 'created', expiresAt: _.lte(run.now) }).orderBy('expiresAt', 'asc').limit(SWEEP_BATCH).get()) as { data: OrderDoc[] };
  let ordersClosed = 0;
  for (const o of due.data) {
    if (overBudget(run)) return { ordersClosed, more: true };
    const closed = await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<OrderDoc>(tx, COLL.orders, o._id);
      // Re-checked inside the transaction: a payment may have landed since the query (then the
      // order table refuses the close and nothing is written).
      if (!cur || cur.expiresAt > run.now) return false;
      // WeChat must close the payment too (not before 5 minutes after it was created): outbox.
      return (await closeUnpaid(tx, cur, 'expired', run.now)).ok;
    });
    if (closed) ordersClosed++;
  }
  return { ordersClosed, more: due.data.length === SWEEP_BATCH };
};

/**
 * Customers holding more than the limits allow (an operator lowered them): their oldest unpaid
 * orders are closed until they are within the limits again (order-holds.ts).
 */
export const releaseExcessHolds: SweepStage = async (ctx, run) => {
  const _ = ctx.db.command;
  const settings = await ctx.settings();
  // Two indexed queries, not one $or: each limit has its own index, and an $or would scan the holds.
  const over = [
    ...((await ctx.db.collection(COLL.order_holds).where({ orderCount: _.gt(settings.maxUnpaidOrders) }).limit(SWEEP_BATCH).get()) as { data: HoldDoc[] }).data,
    ...((await ctx.db.collection(COLL.order_holds).where({ maxUnits: _.gt(settings.maxHeldUnitsPerProduct) }).limit(SWEEP_BATCH).get()) as { data: HoldDoc[] }).data,
  ];
  let holdsReleased = 0;
  for (const h of new Map(over.map((x) => [x._id, x])).values()) {
    if (overBudget(run)) return { holdsReleased, more: true };
    holdsReleased += await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<HoldDoc>(tx, COLL.order_holds, h._id);
      if (!cur) return 0;
      let released = 0;
      for (const orderId of excessHolds(cur, settings, run.now)) {
        const o = await txGet<OrderDoc>(tx, COLL.orders, orderId);
        // Paid meanwhile: the order table refuses the close, nothing is written.
        if (o && (await closeUnpaid(tx, o, 'hold-limit', run.now)).ok) released++;
      }
      return released;
    });
  }
  return { holdsReleased, more: over.length >= SWEEP_BATCH };
};

/**
 * Refunds with a part due: pending parts are re-sent (same out_refund_no), requested parts whose
 * result has not arrived after WeChat accepted them are queried (queryRefund), and so, now and
 * then, are failed 退款异常 parts (not final at WeChat) — an UNKNOWN answer only moves the next
 * query out, never fails a part. (Refunds written before driveAt existed got it from a migration.)
 */
export const driveDueRefunds: SweepStage = async (ctx, run) => {
  const _ = ctx.db.command;
  const dueRefunds = (await ctx.db.collection(COLL.refunds).where({ status: _.in(['pending', 'failed']), driveAt: _.lte(run.now) }).orderBy('driveAt', 'asc').limit(SWEEP_BATCH).get()) as { data: RefundDoc[] };
  const work: DriveReport = { sent: 0, queried: 0 };
  let refundsDriven = 0;
  let refundsCompleted = 0;
  for (const r of dueRefunds.data) {
    if (overBudget(run)) return { refundsDriven, refundsCompleted, refundsQueried: work.queried, more: true };
    try {
      const after = await driveRefund(ctx.db, r._id, ctx.now, ctx.log, { onlyDue: true, query: true }, work);
      refundsDriven++;
      if (after?.status === 'succeeded') refundsCompleted++;
    } catch (e) {
      ctx.log.log('error', 'refund drive failed', { refundId: r._id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { refundsDriven, refundsCompleted, refundsQueried: work.queried, more: dueRefunds.data.length === SWEEP_BATCH };
};

/** Unpaid WeChat orders that were cancelled or expired: closed with WeChat Pay once allowed. */
export const closeDuePayments: SweepStage = async (ctx, run) => {
  const closes = await driveDuePaymentCloses(ctx.db, ctx.now, ctx.log, { limit: SWEEP_BATCH, budgetMs: msLeft(run) });
  return { paymentsClosed: closes.closed, paymentClosesFailed: closes.failed, paymentClosesPaid: closes.paid, more: closes.more };
};

/** Events a crash (or a failed consume) left owed to the profile consumer. */
export const redrivePendingEvents: SweepStage = async (ctx, run) => {
  const events = await drivePendingEvents(ctx.db, ctx.now, ctx.log, { limit: SWEEP_BATCH, budgetMs: msLeft(run) });
  // Profiles busy right now: the next run takes them.
  return { eventsApplied: events.applied, eventsFailed: events.failed, more: events.busy > 0 || events.more };
};

/** Shipping info WeChat has not accepted yet (refused, not yet known to it, or never sent). */
export const retryShippingUploads: SweepStage = async (ctx, run) => {
  const uploads = await driveDueShippingUploads(ctx.db, ctx.now, ctx.log, { limit: SWEEP_BATCH, budgetMs: msLeft(run), fn: ctx.fn });
  return { shippingUploadsDriven: uploads.driven, shippingUploadsSucceeded: uploads.succeeded, shippingUploadsFailed: uploads.failed, more: uploads.more };
};

/**
 * Report rollups (what operators read as 经营报表) and the day's segment sizes: last, as nobody
 * waits on them — a report read folds what is owed itself, and the snapshot is once a day.
 */
export const foldReports: SweepStage = async (ctx, run) => {
  const folded = await driveReportEvents(ctx.db, ctx.now, ctx.log, { batch: 200, maxEvents: 2_000, budgetMs: msLeft(run) });
  let segmentSnapshot = false;
  try {
    segmentSnapshot = (await snapshotSegmentsOnce(ctx.db, await ctx.settings(), run.now)) === 'created';
  } catch (e) {
    ctx.log.log('error', 'segment snapshot failed', { error: e instanceof Error ? e.message : String(e) });
  }
  return { reportEventsFolded: folded.applied, reportEventsFailed: folded.failed, segmentSnapshot, more: folded.more };
};
