import { ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { migrateOnce, closeDuePayments, closeExpiredOrders, driveDueRefunds, foldReports, redrivePendingEvents, releaseExcessHolds, retryShippingUploads, type SweepReport, type SweepStage } from './sweep-stages';

export type { SweepReport } from './sweep-stages';

/** A CloudBase timer invocation has seconds, not minutes: stop starting new work after this. */
const BUDGET_MS = 8_000;

/** In this order: what customers wait on first, the reports (nobody waits on them) last. */
const STAGES: SweepStage[] = [migrateOnce, closeExpiredOrders, releaseExcessHolds, driveDueRefunds, closeDuePayments, redrivePendingEvents, retryShippingUploads, foldReports];

const emptyReport = (): SweepReport => ({ ordersClosed: 0, holdsReleased: 0, refundsDriven: 0, refundsCompleted: 0, refundsQueried: 0, paymentsClosed: 0, paymentClosesPaid: 0, paymentClosesFailed: 0, eventsApplied: 0, eventsFailed: 0, shippingUploadsDriven: 0, shippingUploadsSucceeded: 0, shippingUploadsFailed: 0, reportEventsFolded: 0, reportEventsFailed: 0, documentsMigrated: 0, segmentSnapshot: false, more: false });

/**
 * The scheduled sweep (timer trigger, or `/local/trigger/scheduler` locally): closes unpaid orders
 * whose payment window has passed (giving back their trials, coupons and stock, and queueing the
 * WeChat closeOrder), re-sends refunds WeChat has not accepted and queries those whose result is
 * overdue, closes due WeChat payments, re-drives events owed to the profile consumer, and WeChat
 * shipping-info uploads that are due for a retry (sweep-stages.ts). Each item is its own small
 * transaction, found through an index (status + time), in bounded batches; what does not fit in
 * the budget is picked up by the next run (`more: true`).
 */
export async function sweep(_input: Record<string, never>, ctx: ActionContext): Promise<Result<SweepReport>> {
  const run = { now: ctx.now(), deadline: Date.now() + BUDGET_MS };
  const report = emptyReport();
  for (const stage of STAGES) {
    if (Date.now() >= run.deadline) return ok({ ...report, more: true });
    const { more, ...figures } = await stage(ctx, run);
    Object.assign(report, figures);
    if (more) report.more = true;
  }
  return ok(report);
}
