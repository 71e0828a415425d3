import { fail, ok, type Result } from '../../shared/errors/result';
import type { EventOf } from '../../shared/events/domain-event';
import type { SurveyAnsweredEventData } from '../../shared/events/event-data';
import type { PurchaseEvent } from '../../shared/schemas/event';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { checkSurveyAnswers, type SurveyAnswerInput } from '../../shared/segments/survey';
import type { AnswerResult, ClearResult, SurveyView, VisitResult } from '../../shared/segments/survey-view';
import { businessDate } from '../../shared/time';
import { settleEventsOf } from '../_consumers/settle';
import type { ActionContext } from '../_kit/create-handler';
import { errorCode, getAll, getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';
import { eventIdFor, insertEvent, interactionEvent } from '../_events/make-event';
import { COLL } from '../_kit/collections';

export type { AnswerResult, ClearResult, SurveyView, VisitResult };

/**
 * Writes an interaction event whose id derives from the fact, so the same fact can never be
 * recorded twice: returns false when it already exists. The event is the whole fact here (nothing
 * else changes), so a single insert is the "same transaction" of DESIGN rule 7.
 */
async function recordOnce(ctx: ActionContext, ev: PurchaseEvent): Promise<boolean> {
  if (await getById(ctx.db, COLL.events, ev._id)) return false;
  try {
    await insertEvent(ctx.db, ev);
    return true;
  } catch (e) {
    // Two calls of the same fact at once: the second insert hits the existing id.
    if (errorCode(e) === 'DATABASE_DUPLICATE_WRITE' || (await getById(ctx.db, COLL.events, ev._id))) return false;
    throw e;
  }
}

/** `customer.visit`: records today's visit once (event id = customer + business day). */
export async function visit(_input: Record<string, never>, ctx: ActionContext): Promise<Result<VisitResult>> {
  const now = ctx.now();
  const day = businessDate(now);
  const recorded = await recordOnce(ctx, interactionEvent({ openid: ctx.openid, unionid: ctx.caller.unionid }, { factId: `${ctx.openid}_${day}`, type: 'customer.visited', at: now, data: { day } }));
  if (recorded) await settleEventsOf(ctx, ctx.openid);
  const settings = await ctx.settings();
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(ctx.openid));
  const answered = Object.keys(profile?.survey ?? {}).length > 0;
  return ok({ day, recorded, surveyPending: settings.survey.enabled && settings.survey.questions.length > 0 && !answered });
}

/** `customer.survey`: the operator-configured questions (tags stay internal) and the caller's answers. */
export async function survey(_input: Record<string, never>, ctx: ActionContext): Promise<Result<SurveyView>> {
  const s = (await ctx.settings()).survey;
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(ctx.openid));
  const answers: Record<string, string[]> = {};
  for (const [q, a] of Object.entries(profile?.survey ?? {})) if (a.optionIds.length && s.questions.some((x) => x.id === q)) answers[q] = a.optionIds;
  return ok({
    enabled: s.enabled && s.questions.length > 0,
    intro: s.intro,
    questions: s.enabled ? s.questions.map((q) => ({ id: q.id, title: q.title, kind: q.kind, required: q.required, options: q.options.map((o) => ({ id: o.id, label: o.label })) })) : [],
    answers,
  });
}

/**
 * `customer.answerSurvey {answers, requestId}`: validated against the configured questions (only
 * configured questions and options are stored), recorded as a `survey.answered` event whose id
 * derives from the caller and request id, applied to the profile at once (answers → facts, option
 * tags → `tag:<name>` keys). Answering again later replaces the answers to those questions.
 */
export async function answerSurvey(input: { answers: SurveyAnswerInput[]; requestId: string }, ctx: ActionContext): Promise<Result<AnswerResult>> {
  const eventId = eventIdFor('survey.answered', idFromKey('sva', ctx.openid, input.requestId));
  const prior = await getById<EventOf<'survey.answered'>>(ctx.db, COLL.events, eventId);
  if (prior) return ok({ eventId, recorded: false, answers: answersOf(prior.data) });
  const s = (await ctx.settings()).survey;
  if (!s.enabled) return fail('SURVEY_CLOSED', '问卷暂未开放，感谢您的关注。');
  const checked = checkSurveyAnswers(s, input.answers);
  if (!checked.ok) return fail('INVALID_INPUT', checked.message, checked.questionId ? { questionId: checked.questionId } : undefined);
  const data: SurveyAnsweredEventData = { answers: checked.facts };
  const ev = interactionEvent({ openid: ctx.openid, unionid: ctx.caller.unionid }, { factId: idFromKey('sva', ctx.openid, input.requestId), type: 'survey.answered', at: ctx.now(), data });
  const recorded = await recordOnce(ctx, ev);
  if (recorded) await settleEventsOf(ctx, ctx.openid);
  const stored = recorded ? null : await getById<EventOf<'survey.answered'>>(ctx.db, COLL.events, eventId);
  return ok({ eventId, recorded, answers: answersOf(stored ? stored.data : data) });
}

const answersOf = (d: SurveyAnsweredEventData | undefined): Record<string, string[]> => Object.fromEntries((d?.answers ?? []).map((a) => [a.questionId, a.optionIds]));

/**
 * `customer.clearSurvey {requestId}`: the customer deletes what they told us (PRODUCT.md: a
 * customer can see and delete their data). A `survey.answered` event marked `cleared` replaces
 * every answer with none (the profile loses the facts and their tags, whatever order events apply
 * in), and the answers are erased from the customer's earlier survey events too — the one
 * deliberate exception to events being immutable, so the answers remain nowhere.
 */
export async function clearSurvey(input: { requestId: string }, ctx: ActionContext): Promise<Result<ClearResult>> {
  const factId = idFromKey('svc', ctx.openid, input.requestId);
  const eventId = eventIdFor('survey.answered', factId);
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(ctx.openid));
  const questions = new Set([...(await ctx.settings()).survey.questions.map((q) => q.id), ...Object.keys(profile?.survey ?? {})]);
  const data: SurveyAnsweredEventData = { answers: [...questions].map((questionId) => ({ questionId, optionIds: [], tags: [] })), cleared: true };
  const recorded = await recordOnce(ctx, interactionEvent({ openid: ctx.openid, unionid: ctx.caller.unionid }, { factId, type: 'survey.answered', at: ctx.now(), data }));
  if (recorded) await settleEventsOf(ctx, ctx.openid);
  const earlier = await getAll<EventOf<'survey.answered'>>(ctx.db, COLL.events, { openid: ctx.openid, type: 'survey.answered' }, { max: 1000 });
  let erasedEvents = 0;
  for (const e of earlier) {
    if (e._id === eventId) continue;
    // In a transaction: the consumer rewrites an event when it applies it, so a plain update
    // racing with it could be overwritten with the answers; here one of the two retries instead.
    const erased = await runInTransaction(ctx.db, async (tx) => {
      const cur = await txGet<EventOf<'survey.answered'> & PurchaseEvent>(tx, COLL.events, e._id);
      const d = cur?.data;
      if (!cur || d?.cleared || !d?.answers?.some((a) => a.optionIds.length)) return false;
      await txReplace(tx, COLL.events, { ...cur, data: { answers: [], erased: true } });
      return true;
    });
    if (erased) erasedEvents++;
  }
  return ok({ eventId, recorded, erasedEvents });
}
