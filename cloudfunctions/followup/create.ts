import { fail, ok, type Result } from '../../shared/errors/result';
import type { CreateListRequest } from '../../shared/api/followup';
import { FOLLOWUP_GOAL_DEFS, FOLLOWUP_GOAL_LABELS, FOLLOWUP_GOALS, MAX_LIST_CUSTOMERS, type FollowupGoal } from '../../shared/followup/rules';
import type { FollowupFormOptions, ListView } from '../../shared/followup/views';
import { followupEntryIdOf, followupHoldIdOf, type FollowupEntryDoc, type FollowupHoldDoc, type FollowupListDoc } from '../../shared/documents';
import { inHoldout } from '../../shared/promotions/campaign';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { businessDate, DAY_MS, endOfBusinessDay } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getById, getByIds } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { segmentPage } from '../_segments/queries';
import { writeAudit } from '../_ops/audit';
import { listEntries, listViewOf } from '../_followup/views';

type CreateInput = Omit<CreateListRequest, 'windowDays' | 'holdoutPercent'> & { windowDays: number; holdoutPercent: number };

/** Customers one transaction adds (each: its hold read, then hold + entry written). */
const BATCH = 25;

/** `followup.options`: what the 新建跟进任务 form offers. */
export async function options(_input: Record<string, never>, ctx: ActionContext): Promise<Result<FollowupFormOptions>> {
  const s = await ctx.settings();
  return ok({ staff: s.staff, facts: s.followupFacts, objections: s.followupObjections, goals: FOLLOWUP_GOALS.map((goal) => ({ goal, ...FOLLOWUP_GOAL_DEFS[goal] })) });
}

/** The audience, in openid order: a segment's first members or the hand-picked customers (who must exist). */
async function candidates(ctx: ActionContext, source: CreateInput['source']): Promise<Result<string[]>> {
  if (source.kind === 'hand') {
    const openids = [...new Set(source.openids)].sort();
    const found = await getByIds<CustomerProfile>(ctx.db, COLL.profiles, openids.map(profileIdOf));
    const missing = openids.filter((o) => !found.has(profileIdOf(o)));
    if (missing.length) return fail('INVALID_INPUT', `有 ${missing.length} 位顾客不存在或没有任何记录，请重新挑选。`);
    return ok(openids);
  }
  const out: string[] = [];
  let cursor: string | undefined;
  // Room for customers skipped because they are on another open list of the goal.
  while (out.length < MAX_LIST_CUSTOMERS * 2) {
    const page = await segmentPage(ctx.db, source.key, cursor, 100);
    out.push(...page.members.map((m) => m.openid));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return ok(out);
}

/**
 * `followup.create`: checks the form against the settings (facts from the catalogue, staff from
 * the 跟进专员 list, a due date not past), then adds the audience in batches: each customer's hold
 * (goal + openid) is read in the batch's transaction — held by another open list: skipped; free:
 * the hold and the entry are written together, so two lists made at once never share a customer.
 * The list id derives from the request id: a retry (even after a crash mid-way) continues the same
 * list, keeping what was added.
 */
export async function create(input: CreateInput, ctx: ActionContext): Promise<Result<{ list: ListView }>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const facts = input.factKeys.map((k) => s.followupFacts.find((f) => f.key === k));
  const unknownFact = input.factKeys.find((_, i) => !facts[i]);
  if (unknownFact) return fail('INVALID_INPUT', `没有「${unknownFact}」这项跟进事实，请在 设置 › 跟进 中先添加。`);
  const staff = [...new Set(input.staff)].map((o) => s.staff.find((m) => m.openid === o));
  const unknownStaff = input.staff.find((o) => !s.staff.some((m) => m.openid === o));
  if (unknownStaff) return fail('INVALID_INPUT', '指派的人不是跟进专员，请在 设置 › 运营人员 中先添加。');
  const dueAt = endOfBusinessDay(input.dueDate);
  if (!Number.isFinite(dueAt) || input.dueDate < businessDate(now)) return fail('INVALID_INPUT', '截止日期不能早于今天。');

  const listId = idFromKey('ful', ctx.openid, input.requestId);
  const existing = await getById<FollowupListDoc>(ctx.db, COLL.followup_lists, listId);
  if (existing && existing.status !== 'building') return ok({ list: listViewOf(existing, await listEntries(ctx.db, listId), now, s) });

  const audience = await candidates(ctx, input.source);
  if (!audience.ok) return audience;
  const list: FollowupListDoc = existing ?? {
    _id: listId,
    title: input.title,
    goal: input.goal,
    script: input.script,
    facts: facts.map((f) => f!),
    objections: s.followupObjections,
    source: input.source.kind === 'segment' ? { kind: 'segment', key: input.source.key } : { kind: 'hand' },
    staff: staff.map((m) => m!),
    dueAt,
    windowDays: input.windowDays,
    holdoutPercent: input.holdoutPercent,
    status: 'building',
    counts: { treated: 0, holdout: 0, skipped: 0 },
    createdBy: ctx.openid,
    createdAt: now,
    version: 1,
  };
  if (!existing) await runInTransaction(ctx.db, async (tx) => (await txGet(tx, COLL.followup_lists, listId)) ?? txCreate(tx, COLL.followup_lists, list));

  const counts = { treated: 0, holdout: 0, skipped: 0 };
  for (let i = 0; i < audience.data.length && counts.treated + counts.holdout < MAX_LIST_CUSTOMERS; i += BATCH) {
    const batch = audience.data.slice(i, i + BATCH).slice(0, MAX_LIST_CUSTOMERS - counts.treated - counts.holdout);
    const added = await addBatch(ctx, list, batch, counts.treated, now);
    counts.treated += added.treated;
    counts.holdout += added.holdout;
    counts.skipped += added.skipped;
  }
  if (counts.treated + counts.holdout === 0) {
    await ctx.db.collection(COLL.followup_lists).doc(listId).remove();
    return fail('NO_CUSTOMERS', '所选人群里没有可以加入的顾客（可能都已在同一目标的进行中任务里），请换一个分群。');
  }
  const opened = await runInTransaction(ctx.db, async (tx) => {
    const cur = (await txGet<FollowupListDoc>(tx, COLL.followup_lists, listId))!;
    if (cur.status !== 'building') return cur;
    const next: FollowupListDoc = { ...cur, status: 'open', counts, version: cur.version + 1 };
    await txReplace(tx, COLL.followup_lists, next);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'followup',
      entityId: listId,
      action: 'followup.create',
      before: null,
      after: { title: cur.title, goal: cur.goal, status: 'open', counts },
      summary: `新建跟进任务「${cur.title}」（${FOLLOWUP_GOAL_LABELS[cur.goal]}）：跟进 ${counts.treated} 人，对照组 ${counts.holdout} 人，已在同类任务中 ${counts.skipped} 人`,
    });
    return next;
  });
  return ok({ list: listViewOf(opened, await listEntries(ctx.db, listId), now, s) });
}

/** Adds one batch; `treatedBefore` spreads the customers over the staff in turn. */
async function addBatch(ctx: ActionContext, list: FollowupListDoc, openids: string[], treatedBefore: number, now: number) {
  return runInTransaction(ctx.db, async (tx) => {
    const out = { treated: 0, holdout: 0, skipped: 0 };
    for (const openid of openids) {
      const holdId = followupHoldIdOf(list.goal, openid);
      const hold = await txGet<FollowupHoldDoc>(tx, COLL.followup_holds, holdId);
      if (hold && hold.listId !== list._id) {
        out.skipped++;
        continue;
      }
      const holdout = inHoldout(list._id, openid, list.holdoutPercent);
      if (holdout) out.holdout++;
      else out.treated++;
      if (hold) continue; // added by an earlier try of this request
      const entry: FollowupEntryDoc = {
        _id: followupEntryIdOf(list._id, openid),
        listId: list._id,
        openid,
        goal: list.goal,
        group: holdout ? 'holdout' : 'treated',
        ...(holdout ? {} : { staff: list.staff[(treatedBefore + out.treated - 1) % list.staff.length].openid, dueAt: list.dueAt }),
        addedAt: now,
        countsUntil: list.dueAt + list.windowDays * DAY_MS,
        windowDays: list.windowDays,
        contacts: [],
        conversionIds: [],
        revenueFen: 0,
        cogsFen: 0,
        version: 1,
      };
      await txCreate(tx, COLL.followup_holds, { _id: holdId, openid, goal: list.goal, listId: list._id } satisfies FollowupHoldDoc);
      await txCreate(tx, COLL.followup_entries, entry);
    }
    return out;
  }, { attempts: 20 });
}

export type { FollowupGoal };
