import { fail, ok, type Result } from '../../shared/errors/result';
import { LAYERS } from '../../shared/segments/keys';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_money/docs';
import { customerView, exportPage, segmentCounts, segmentPage, segmentTotal, timelinePage, type CustomerView, type ExportPage, type SegmentMember } from '../_segments/queries';
import { recomputeProfile, runTransitions, type TransitionReport } from '../_segments/transitions';

/** Timer: only profiles whose next time-based change is due (see runTransitions). */
export async function transitions(_input: Record<string, never>, ctx: ActionContext): Promise<Result<TransitionReport>> {
  const report = await runTransitions(ctx.db, ctx.now(), await ctx.settings(), ctx.log);
  if (report.due) ctx.log.log('info', 'segment transitions', { ...report });
  return ok(report);
}

export interface ListResult {
  key: string;
  total: number;
  members: SegmentMember[];
  nextCursor: string | null;
}

export async function list(input: { key: string; cursor?: string; limit?: number }, ctx: ActionContext): Promise<Result<ListResult>> {
  const [page, total] = await Promise.all([segmentPage(ctx.db, input.key, input.cursor, input.limit ?? 20), segmentTotal(ctx.db, input.key)]);
  return ok({ key: input.key, total, members: page.members, nextCursor: page.nextCursor });
}

export async function counts(_input: Record<string, never>, ctx: ActionContext): Promise<Result<Record<string, number>>> {
  return ok(await segmentCounts(ctx.db, await ctx.settings()));
}

export async function customer(input: { openid: string }, ctx: ActionContext): Promise<Result<CustomerView>> {
  const v = await customerView(ctx.db, input.openid, await ctx.settings(), ctx.now());
  return v ? ok(v) : fail('NOT_FOUND', '没有这位顾客的画像（还没有任何访问、问卷或消费记录）。');
}

export async function timeline(input: { openid: string; cursor?: number }, ctx: ActionContext) {
  return ok(await timelinePage(ctx.db, input.openid, input.cursor));
}

/** 500 rows a page by default: big enough to stream quickly, small enough for one function response. */
export const EXPORT_PAGE_ROWS = 500;

export async function exportCsv(input: { key: string; cursor?: string; limit?: number }, ctx: ActionContext): Promise<Result<ExportPage>> {
  return ok(await exportPage(ctx.db, input.key, input.cursor, input.limit ?? EXPORT_PAGE_ROWS));
}

export interface RecomputeResult {
  processed: number;
  changed: number;
  nextCursor: string | null;
}

/**
 * Every profile holds exactly one `layer:*` key (profiles written before issue 5 hold none: their
 * `segments` is missing, which indexes as null) — so walking these groups through the
 * (segments, openid) index visits every profile without a collection scan.
 */
const RECOMPUTE_GROUPS = [null, ...LAYERS.map((l) => `layer:${l}`)] as const;
const PAGE = 200;

/**
 * After an operator changes segment settings (lifecycle days, thresholds, survey tags), stored keys
 * follow the old rules until each profile's next event or due transition. `recompute` is the
 * deliberate, operator-started pass over every profile (never part of a view): a few seconds of
 * work per call; call again with `nextCursor` until it is null. A profile whose layer changes may
 * be visited twice (harmless: the second pass changes nothing).
 */
export async function recompute(input: { cursor?: string }, ctx: ActionContext): Promise<Result<RecomputeResult>> {
  const settings = await ctx.settings();
  const started = Date.now();
  const _ = ctx.db.command;
  const out: RecomputeResult = { processed: 0, changed: 0, nextCursor: null };
  const [g0, after0] = input.cursor ? [Number(input.cursor.slice(0, input.cursor.indexOf('|'))), input.cursor.slice(input.cursor.indexOf('|') + 1)] : [0, ''];
  if (!Number.isInteger(g0) || g0 < 0 || g0 >= RECOMPUTE_GROUPS.length) return fail('INVALID_INPUT', 'cursor 无效，请从头开始。');
  let after = after0;
  for (let g = g0; g < RECOMPUTE_GROUPS.length; g++, after = '') {
    for (;;) {
      if (Date.now() - started > 5_000) return ok({ ...out, nextCursor: `${g}|${after}` });
      const where = { segments: RECOMPUTE_GROUPS[g], ...(after ? { openid: _.gt(after) } : {}) };
      const res = (await ctx.db.collection(COLL.profiles).where(where).orderBy('openid', 'asc').limit(PAGE).field({ _id: true, openid: true }).get()) as { data: Array<{ _id: string; openid: string }> };
      for (const d of res.data) {
        const r = await recomputeProfile(ctx.db, d._id, settings, ctx.now(), { onlyIfDue: false });
        out.processed++;
        if (r === 'updated' || r === 'lifecycle') out.changed++;
        after = d.openid;
      }
      if (res.data.length < PAGE) break;
    }
  }
  return ok(out);
}
