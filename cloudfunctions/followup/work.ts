import { fail, ok, type Result } from '../../shared/errors/result';
import type { RecordContactRequest } from '../../shared/api/followup';
import { checkContactFacts, FINAL_OUTCOMES, MAX_CONTACTS_PER_ENTRY } from '../../shared/followup/rules';
import type { ContactView, CustomerCardView, EntryRowView, ListSummaryView, ListView } from '../../shared/followup/views';
import { followupEntryIdOf, followupHoldIdOf, membershipIdOf, type FollowupContactDoc, type FollowupEntryDoc, type FollowupListDoc, type MembershipDoc, type OrderDoc } from '../../shared/documents';
import { sendsInWindow } from '../../shared/promotions/contact-policy';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { nextTierGapFen } from '../../shared/segments/keys';
import { formatYuan } from '../../shared/money/format';
import { businessDate, endOfBusinessDay } from '../../shared/time';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getAll, getById, getByIds } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { contactIdOf, type ContactDoc } from '../_campaigns/docs';
import { writeEvent } from '../_events/make-event';
import { NO_MONEY } from '../_events/make-event';
import { settleEventsOf } from '../_consumers/settle';
import { customerDisplays } from '../_customers/display-profiles';
import { savingsDuring } from '../_payments/membership-refund';
import { writeAudit } from '../_ops/audit';
import { contactViewOf, entryRowOf, entryRows, isOperatorOf, isOverdue, listEntries, listViewOf, summaryOf } from '../_followup/views';

const PAGE = 50;

/** The entries the caller works: a 跟进专员 their own, an operator every treated one. Holdout never. */
const mineOf = (entries: readonly FollowupEntryDoc[], s: Settings, openid: string) =>
  entries.filter((e) => e.group === 'treated' && (isOperatorOf(s, openid) || e.staff === openid));

/** `followup.lists`: newest first; a staff member sees only lists assigned to them. */
export async function lists(input: { status?: 'open' | 'closed' }, ctx: ActionContext): Promise<Result<{ lists: ListSummaryView[] }>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const where: Record<string, unknown> = isOperatorOf(s, ctx.openid) ? {} : { 'staff.openid': ctx.openid };
  if (input.status === 'closed') where.status = 'closed';
  else if (input.status === 'open') where.status = 'open';
  const docs = await getAll<FollowupListDoc>(ctx.db, COLL.followup_lists, where, { orderBy: ['createdAt', 'desc'], max: 30 });
  const out: ListSummaryView[] = [];
  for (const l of docs.filter((d) => d.status !== 'building')) out.push(summaryOf(l, mineOf(await listEntries(ctx.db, l._id), s, ctx.openid), now));
  return ok({ lists: out });
}

/** The list if the caller may see it (a staff member: only one they are assigned to). */
async function visibleList(ctx: ActionContext, s: Settings, listId: string): Promise<Result<FollowupListDoc>> {
  const l = await getById<FollowupListDoc>(ctx.db, COLL.followup_lists, listId);
  if (!l || l.status === 'building') return fail('NOT_FOUND', '没有找到这个跟进任务，请返回列表刷新。');
  if (!isOperatorOf(s, ctx.openid) && !l.staff.some((m) => m.openid === ctx.openid)) return fail('FORBIDDEN', '这个跟进任务没有指派给你。');
  return ok(l);
}

const FILTERS: Record<string, (e: FollowupEntryDoc, now: number) => boolean> = {
  all: () => true,
  todo: (e) => e.contacts.length === 0 && e.convertedAt === undefined,
  overdue: (e, now) => isOverdue(e, now),
  contacted: (e) => e.contacts.length > 0,
  converted: (e) => e.convertedAt !== undefined,
};

/** `followup.list`: the list and a page of the caller's customers (overdue first, then due date). */
export async function list(input: { listId: string; filter?: keyof typeof FILTERS; cursor?: string }, ctx: ActionContext): Promise<Result<{ list: ListView; customers: EntryRowView[]; nextCursor: string | null }>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const l = await visibleList(ctx, s, input.listId);
  if (!l.ok) return l;
  const mine = mineOf(await listEntries(ctx.db, l.data._id), s, ctx.openid);
  const wanted = mine.filter((e) => FILTERS[input.filter ?? 'all'](e, now));
  const from = input.cursor ? wanted.findIndex((e) => e.openid > input.cursor!) : 0;
  const page = from < 0 ? [] : wanted.slice(from, from + PAGE);
  const more = from >= 0 && from + PAGE < wanted.length;
  return ok({ list: listViewOf(l.data, mine, now, s), customers: await entryRows(ctx.db, l.data, page, s, now), nextCursor: more ? page[page.length - 1].openid : null });
}

/** The caller's entry of this customer on this list, or NOT_ON_LIST (another staff member's, the holdout, or not there). */
async function myEntry(ctx: ActionContext, s: Settings, l: FollowupListDoc, openid: string): Promise<Result<FollowupEntryDoc>> {
  const e = await getById<FollowupEntryDoc>(ctx.db, COLL.followup_entries, followupEntryIdOf(l._id, openid));
  if (!e || e.group !== 'treated' || (!isOperatorOf(s, ctx.openid) && e.staff !== ctx.openid)) return fail('NOT_ON_LIST', '这位顾客不在你的跟进任务里，请返回任务列表刷新。');
  return ok(e);
}

/** `followup.customer`: the card a staff member works from. */
export async function customer(input: { listId: string; openid: string }, ctx: ActionContext): Promise<Result<CustomerCardView>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const l = await visibleList(ctx, s, input.listId);
  if (!l.ok) return l;
  const e = await myEntry(ctx, s, l.data, input.openid);
  if (!e.ok) return e;
  const [profile, contactRecord, shown, contacts, membership] = await Promise.all([
    getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(input.openid)),
    getById<ContactDoc>(ctx.db, COLL.contact_records, contactIdOf(input.openid)),
    customerDisplays(ctx.db, [input.openid], now),
    getAll<FollowupContactDoc>(ctx.db, COLL.followup_contacts, { entryId: e.data._id }, { orderBy: ['at', 'desc'], max: 50 }),
    getById<MembershipDoc>(ctx.db, COLL.memberships, membershipIdOf(input.openid)),
  ]);
  const row = entryRowOf(l.data, e.data, s, now, shown.get(input.openid) ?? { nickname: null, avatarUrl: null }, profile ?? undefined, contactRecord ?? undefined);
  return ok({
    listId: l.data._id,
    goal: l.data.goal,
    entry: row,
    highlights: await highlights(ctx, s, profile, membership, now),
    survey: surveyLines(s, profile),
    contacts: contacts.map((c) => contactViewOf(c, l.data, s)),
    script: l.data.script,
    facts: l.data.facts,
    objections: l.data.objections,
  });
}

/** What matters for any follow-up goal, in words: purchases, the trial and its full product, the tier gap, the membership. */
async function highlights(ctx: ActionContext, s: Settings, p: CustomerProfile | null, m: MembershipDoc | null, now: number): Promise<Array<{ label: string; value: string }>> {
  const out: Array<{ label: string; value: string }> = [];
  if (!p) return [{ label: '记录', value: '暂无购买与互动记录' }];
  const purchases = p.purchases ?? Math.max(0, p.purchasesPaid - p.purchasesRefunded);
  out.push({ label: '有效购买', value: `${purchases} 次 · 累计消费 ${formatYuan(p.qualifyingSpendFen)}` });
  if (p.lastPurchaseAt) out.push({ label: '上次购买', value: businessDate(p.lastPurchaseAt) });
  if (p.trials.length) {
    const ids = [...new Set(p.trials.flatMap((t) => [t.productId, t.fullProductId]))];
    const products = await getByIds<{ _id: string; name: string }>(ctx.db, COLL.products, ids);
    for (const t of p.trials.slice(-3)) {
      const name = (id: string) => products.get(id)?.name ?? '已下架商品';
      const state = t.refundedAt !== undefined ? '体验装已退款' : t.convertedAt !== undefined ? `已买正装（${businessDate(t.convertedAt)}）` : '还没买正装';
      out.push({ label: '体验装', value: `${businessDate(t.boughtAt)} 买了「${name(t.productId)}」→ 正装「${name(t.fullProductId)}」：${state}` });
    }
  }
  const gap = nextTierGapFen(p, s);
  if (gap !== undefined) out.push({ label: '距下一档礼品', value: formatYuan(gap) });
  const term = m?.terms.find((t) => !t.refunded && t.startsAt <= now && now < t.expiresAt);
  if (m && m.expiresAt > now) out.push({ label: '会员到期', value: `${businessDate(m.expiresAt)}（还有 ${Math.ceil((m.expiresAt - now) / 86_400_000)} 天）` });
  else if (m && m.terms.some((t) => !t.refunded)) out.push({ label: '会员', value: `已于 ${businessDate(m.expiresAt)} 到期，未续费` });
  if (m && term) {
    const order = await getById<OrderDoc>(ctx.db, COLL.orders, term.orderId);
    if (order) {
      const saved = await savingsDuring(ctx.db, p.openid, term, order, now);
      out.push({ label: '本期已省', value: `${formatYuan(saved)}（会员费 ${formatYuan(order.totalFen)}，${saved >= order.totalFen ? '已回本' : `再省 ${formatYuan(order.totalFen - saved)} 回本`}）` });
    }
  }
  return out;
}

function surveyLines(s: Settings, p: CustomerProfile | null): Array<{ question: string; answer: string }> {
  const out: Array<{ question: string; answer: string }> = [];
  for (const q of s.survey.questions) {
    const a = p?.survey?.[q.id];
    if (!a || !a.optionIds.length) continue;
    out.push({ question: q.title, answer: q.options.filter((o) => a.optionIds.includes(o.id)).map((o) => o.label).join('、') || '（选项已停用）' });
  }
  return out;
}

type RecordInput = Omit<RecordContactRequest, 'facts'> & { facts: Record<string, number | boolean> };

/**
 * `followup.recordContact`: one conversation, in ONE transaction with everything it changes — the
 * contact document (id from the staff member's request id: a retry finds it and answers it
 * again), the entry (contacts, outcome, next due date), the customer's contact record (a 1:1
 * contact counts against the same 7-day cap as campaign messages) and the `followup.contacted`
 * event whose facts the profile consumer turns into `fact:<key>` segment keys. A refusal writes
 * nothing.
 */
export async function recordContact(input: RecordInput, ctx: ActionContext): Promise<Result<{ contact: ContactView; entry: EntryRowView }>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const l = await visibleList(ctx, s, input.listId);
  if (!l.ok) return l;
  const contactId = idFromKey('fct', ctx.openid, input.requestId);
  const checked = checkContactFacts(l.data.facts, input.facts);
  if (!checked.ok) return fail('INVALID_INPUT', checked.message);
  if (input.objection && !l.data.objections.includes(input.objection)) return fail('INVALID_INPUT', '请从列表中选择异议。');
  const final = FINAL_OUTCOMES.includes(input.outcome);
  if (!final && !input.nextDate) return fail('INVALID_INPUT', '请选择下次跟进日期（明确拒绝的顾客不用）。');
  if (input.nextDate && input.nextDate < businessDate(now)) return fail('INVALID_INPUT', '下次跟进日期不能早于今天。');
  const nextAt = input.nextDate && !final ? endOfBusinessDay(input.nextDate) : undefined;
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(input.openid));

  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<{ contact: FollowupContactDoc; entry: FollowupEntryDoc; record: ContactDoc }>> => {
    const prior = await txGet<FollowupContactDoc>(tx, COLL.followup_contacts, contactId);
    const entryId = followupEntryIdOf(l.data._id, input.openid);
    const entry = await txGet<FollowupEntryDoc>(tx, COLL.followup_entries, entryId);
    const record = await txGet<ContactDoc>(tx, COLL.contact_records, contactIdOf(input.openid));
    if (prior && entry) return ok({ contact: prior, entry, record: record! });
    const cur = await txGet<FollowupListDoc>(tx, COLL.followup_lists, l.data._id);
    if (!cur || cur.status === 'closed') return fail('LIST_CLOSED', '这个跟进任务已结束，不能再记录联系。');
    if (!entry || entry.group !== 'treated' || (!isOperatorOf(s, ctx.openid) && entry.staff !== ctx.openid)) return fail('NOT_ON_LIST', '这位顾客不在你的跟进任务里，请返回任务列表刷新。');
    if (entry.contacts.length >= MAX_CONTACTS_PER_ENTRY) return fail('INVALID_STATE', `这位顾客在本任务已记录 ${MAX_CONTACTS_PER_ENTRY} 次联系，不能再记录。`);
    const policy = entryRowOf(l.data, entry, s, now, { nickname: null, avatarUrl: null }, profile ?? undefined, record ?? undefined).policy;
    if (policy.capped && !input.overCapReason) return fail('CONTACT_CAPPED', `这位顾客近 7 天已联系 ${policy.sentIn7Days} 次（${policy.stageLabel}每 7 天最多 ${policy.maxPer7Days} 次）；如确需联系，请写明理由。`);
    const contact: FollowupContactDoc = {
      _id: contactId,
      listId: l.data._id,
      entryId,
      openid: input.openid,
      staff: ctx.openid,
      channel: input.channel,
      facts: checked.facts,
      ...(input.objection ? { objection: input.objection } : {}),
      outcome: input.outcome,
      ...(input.note ? { note: input.note } : {}),
      ...(nextAt !== undefined ? { nextAt } : {}),
      ...(policy.capped && input.overCapReason ? { overCapReason: input.overCapReason } : {}),
      at: now,
    };
    const { dueAt: _old, ...rest } = entry;
    void _old;
    const nextEntry: FollowupEntryDoc = {
      ...rest,
      contacts: [...entry.contacts, { contactId, at: now, staff: ctx.openid, outcome: input.outcome }],
      lastOutcome: input.outcome,
      // Converted or 明确拒绝: nothing left to do; otherwise the next contact is due that day.
      ...(nextAt !== undefined && entry.convertedAt === undefined ? { dueAt: nextAt } : {}),
      version: entry.version + 1,
    };
    const nextRecord: ContactDoc = { _id: contactIdOf(input.openid), openid: input.openid, sentAt: [...sendsInWindow(record?.sentAt ?? [], now), now], version: (record?.version ?? 0) + 1 };
    await txCreate(tx, COLL.followup_contacts, contact);
    await txReplace(tx, COLL.followup_entries, nextEntry);
    await (record ? txReplace(tx, COLL.contact_records, nextRecord) : txCreate(tx, COLL.contact_records, nextRecord));
    await writeEvent(tx, {
      factId: contactId,
      type: 'followup.contacted',
      openid: input.openid,
      at: now,
      ...NO_MONEY,
      data: { listId: l.data._id, contactId, goal: l.data.goal, channel: input.channel, outcome: input.outcome, facts: checked.facts },
    });
    return ok({ contact, entry: nextEntry, record: nextRecord });
  });
  if (!res.ok) return res;
  await settleEventsOf(ctx, input.openid);
  const shown = await customerDisplays(ctx.db, [input.openid], now);
  return ok({
    contact: contactViewOf(res.data.contact, l.data, s),
    entry: entryRowOf(l.data, res.data.entry, s, now, shown.get(input.openid) ?? { nickname: null, avatarUrl: null }, profile ?? undefined, res.data.record),
  });
}

/** `followup.close`: the list ends; its holds go (the customers may join a new list of the goal) and nothing is due any more. */
export async function close(input: { listId: string; requestId: string }, ctx: ActionContext): Promise<Result<{ list: ListView }>> {
  const s = await ctx.settings();
  const now = ctx.now();
  const l = await getById<FollowupListDoc>(ctx.db, COLL.followup_lists, input.listId);
  if (!l || l.status === 'building') return fail('NOT_FOUND', '没有找到这个跟进任务，请返回列表刷新。');
  let closed = l;
  if (l.status !== 'closed') {
    closed = await runInTransaction(ctx.db, async (tx) => {
      const cur = (await txGet<FollowupListDoc>(tx, COLL.followup_lists, l._id))!;
      if (cur.status === 'closed') return cur;
      const next: FollowupListDoc = { ...cur, status: 'closed', closedAt: now, version: cur.version + 1 };
      await txReplace(tx, COLL.followup_lists, next);
      await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, { entity: 'followup', entityId: l._id, action: 'followup.close', before: { status: cur.status }, after: { status: 'closed' }, summary: `结束跟进任务「${cur.title}」` });
      return next;
    });
  }
  // After the close commits (a retry repeats these; both are idempotent): release holds, clear due dates.
  const entries = await listEntries(ctx.db, l._id);
  const _ = ctx.db.command;
  const holdIds = entries.map((e) => followupHoldIdOf(l.goal, e.openid));
  for (let i = 0; i < holdIds.length; i += 100) await ctx.db.collection(COLL.followup_holds).where({ _id: _.in(holdIds.slice(i, i + 100)), listId: l._id }).remove();
  await ctx.db.collection(COLL.followup_entries).where({ listId: l._id, dueAt: _.exists(true) }).update({ dueAt: _.remove() });
  return ok({ list: listViewOf(closed, await listEntries(ctx.db, l._id), now, s) });
}
