import { ok, type Result } from '../../shared/errors/result';
import type { Day } from '../../shared/reports/days';
import type { ConversionView, LiabilityView, OverviewView, SegmentHistoryView } from '../../shared/reports/views';
import { businessDate } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { driveReportEvents } from '../_reports/drive-reports';
import { conversion as readConversion, liability as readLiability, overview as readOverview } from '../_reports/read-reports';
import { segmentHistory as readSegmentHistory } from '../_reports/snapshots';
import { renewalsReport } from '../_reports/renewals';
import type { RenewalsInput } from '../../shared/api/report';
import { defaultRenewalPeriod, type RenewalsView } from '../../shared/reports/renewals';

export interface Period {
  from: Day;
  to: Day;
}

/**
 * Folds what is still owed to the report consumer before reading (bounded: at most 1000 events or
 * ~3 s), so an operator sees the sale that just happened. What does not fit stays for the sweep;
 * the answer then says `catchingUp` and the page tells the operator the figures are settling.
 */
async function catchUp(ctx: ActionContext): Promise<{ asOf: number; catchingUp: boolean }> {
  const r = await driveReportEvents(ctx.db, ctx.now, ctx.log, { batch: 200, maxEvents: 1000, budgetMs: 3_000 });
  return { asOf: ctx.now(), catchingUp: r.more || r.failed > 0 };
}

export async function overview(input: Period, ctx: ActionContext): Promise<Result<OverviewView>> {
  return ok(await readOverview(ctx.db, input.from, input.to, await catchUp(ctx)));
}

export async function liability(input: Period, ctx: ActionContext): Promise<Result<LiabilityView>> {
  const fresh = await catchUp(ctx);
  return ok(await readLiability(ctx.db, input.from, input.to, businessDate(fresh.asOf), fresh));
}

export async function conversion(_input: Record<string, never>, ctx: ActionContext): Promise<Result<ConversionView>> {
  // Conversion reads profiles, which the profile consumer keeps current on its own.
  return ok(await readConversion(ctx.db, { asOf: ctx.now(), catchingUp: false }));
}

export async function segmentHistory(input: Period, ctx: ActionContext): Promise<Result<SegmentHistoryView>> {
  return ok(await readSegmentHistory(ctx.db, await ctx.settings(), input.from, input.to, ctx.now()));
}

/** 续费: terms ending in the period (default this month and the next), read from orders and memberships (not rollups). */
export async function renewals(input: RenewalsInput, ctx: ActionContext): Promise<Result<RenewalsView>> {
  const now = ctx.now();
  const period = input.from && input.to ? { from: input.from, to: input.to } : defaultRenewalPeriod(now);
  return ok(await renewalsReport(ctx.db, period.from, period.to, now));
}
