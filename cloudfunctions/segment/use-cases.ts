import { fail, ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { customerView, exportPage, segmentCounts, segmentPage, segmentTotal, timelinePage, type CustomerView, type ExportPage } from '../_segments/queries';
import type { SegmentListView } from '../../shared/segments/views';
import { customerDisplays, withCustomers } from '../_customers/display-profiles';
import { NO_DISPLAY } from '../../shared/customers/display-profile';
import { runTransitions, type TransitionReport } from '../_segments/transitions';
import { isRecomputeCursor, recomputeIfRulesChanged, recomputeWalk, type AutoRecomputeReport, type RecomputeResult } from '../_segments/recompute';

/** Timer: only profiles whose next time-based change is due (see runTransitions). */
export async function transitions(_input: Record<string, never>, ctx: ActionContext): Promise<Result<TransitionReport & { rulesRecompute: AutoRecomputeReport }>> {
  const started = Date.now();
  const settings = await ctx.settings();
  const report = await runTransitions(ctx.db, ctx.now(), settings, ctx.log);
  if (report.due) ctx.log.log('info', 'segment transitions', { ...report });
  // Rules changed since the profiles were derived: re-derive them in what is left of this run.
  const rules = await recomputeIfRulesChanged(ctx.db, settings, ctx.now, Math.max(1_000, 8_000 - (Date.now() - started)));
  if (rules.processed) ctx.log.log('info', 'segment rules recompute', { ...rules });
  return ok({ ...report, rulesRecompute: rules });
}

export type ListResult = SegmentListView;

export async function list(input: { key: string; cursor?: string; limit?: number }, ctx: ActionContext): Promise<Result<ListResult>> {
  const [page, total] = await Promise.all([segmentPage(ctx.db, input.key, input.cursor, input.limit ?? 20), segmentTotal(ctx.db, input.key)]);
  // The page's nicknames and avatars in one `_id in […]` read (the CSV export carries none).
  const members = await withCustomers(ctx.db, page.members, ctx.now());
  return ok({ key: input.key, total, members, nextCursor: page.nextCursor });
}

export async function counts(_input: Record<string, never>, ctx: ActionContext): Promise<Result<Record<string, number>>> {
  return ok(await segmentCounts(ctx.db, await ctx.settings()));
}

export async function customer(input: { openid: string }, ctx: ActionContext): Promise<Result<CustomerView>> {
  const [v, shown] = await Promise.all([customerView(ctx.db, input.openid, await ctx.settings(), ctx.now()), customerDisplays(ctx.db, [input.openid], ctx.now())]);
  return v ? ok({ ...v, display: shown.get(input.openid) ?? NO_DISPLAY }) : fail('NOT_FOUND', '没有这位顾客的画像（还没有任何访问、问卷或消费记录）。');
}

export async function timeline(input: { openid: string; cursor?: number }, ctx: ActionContext) {
  return ok(await timelinePage(ctx.db, input.openid, input.cursor));
}

/** 500 rows a page by default: big enough to stream quickly, small enough for one function response. */
export const EXPORT_PAGE_ROWS = 500;

export async function exportCsv(input: { key: string; cursor?: string; limit?: number }, ctx: ActionContext): Promise<Result<ExportPage>> {
  return ok(await exportPage(ctx.db, input.key, input.cursor, input.limit ?? EXPORT_PAGE_ROWS));
}

export type { RecomputeResult };

/**
 * After an operator changes segment settings (lifecycle days, thresholds), the segment timer
 * re-derives every profile by itself (recomputeIfRulesChanged). `recompute` is the same pass started
 * by hand (never part of a view): a few seconds of work per call; call again with `nextCursor`
 * until it is null.
 */
export async function recompute(input: { cursor?: string }, ctx: ActionContext): Promise<Result<RecomputeResult>> {
  if (input.cursor && !isRecomputeCursor(input.cursor)) return fail('INVALID_INPUT', 'cursor 无效，请从头开始。');
  return ok(await recomputeWalk(ctx.db, await ctx.settings(), ctx.now, input.cursor, 5_000));
}
