import { CHANNEL_LABELS, FOLLOWUP_GOAL_LABELS, OUTCOME_LABELS } from '../../shared/followup/rules';
import type { ContactPolicyView, ContactView, EntryRowView, ListSummaryView, ListView } from '../../shared/followup/views';
import type { FollowupContactDoc, FollowupEntryDoc, FollowupListDoc } from '../../shared/documents';
import { policyStageOf, POLICY_STAGE_LABELS, sendsInWindow } from '../../shared/promotions/contact-policy';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { segmentLabel } from '../../shared/segments/labels';
import type { Settings } from '../../shared/settings';
import { contactIdOf, type ContactDoc } from '../_campaigns/docs';
import { customerDisplays } from '../_customers/display-profiles';
import { COLL } from '../_kit/collections';
import { getAll, getByIds, type Db } from '../_kit/db';
import { MAX_LIST_CUSTOMERS } from '../../shared/followup/rules';

/** An operator or owner (sees every list); anyone else allowed in is a 跟进专员 who sees only their own. */
export const isOperatorOf = (s: Pick<Settings, 'operators' | 'owners'>, openid: string) => s.operators.includes(openid) || s.owners.includes(openid);

export const staffNameOf = (s: Pick<Settings, 'staff' | 'operators' | 'owners'>, list: Pick<FollowupListDoc, 'staff'> | undefined, openid: string): string =>
  list?.staff.find((m) => m.openid === openid)?.name ?? s.staff.find((m) => m.openid === openid)?.name ?? (isOperatorOf(s, openid) ? '运营' : '专员');

/** Every entry of a list (a list holds at most MAX_LIST_CUSTOMERS): one query, no per-row reads. */
export const listEntries = (db: Db, listId: string, where: Record<string, unknown> = {}) =>
  getAll<FollowupEntryDoc>(db, COLL.followup_entries, { listId, ...where }, { orderBy: ['openid', 'asc'], pageSize: 100, max: MAX_LIST_CUSTOMERS });

export const isOverdue = (e: Pick<FollowupEntryDoc, 'dueAt' | 'group'>, now: number) => e.group === 'treated' && e.dueAt !== undefined && e.dueAt <= now;

export function summaryOf(l: FollowupListDoc, mine: readonly FollowupEntryDoc[], now: number): ListSummaryView {
  const treated = mine.filter((e) => e.group === 'treated');
  return {
    listId: l._id,
    title: l.title,
    goal: l.goal,
    goalLabel: FOLLOWUP_GOAL_LABELS[l.goal],
    status: l.status,
    sourceLabel: l.source.kind === 'segment' ? `分群：${segmentLabel(l.source.key)}` : '挑选的顾客',
    dueAt: l.dueAt,
    staff: l.staff,
    mine: treated.length,
    contacted: treated.filter((e) => e.contacts.length > 0).length,
    overdue: treated.filter((e) => isOverdue(e, now)).length,
    converted: treated.filter((e) => e.convertedAt !== undefined).length,
    createdAt: l.createdAt,
  };
}

export function listViewOf(l: FollowupListDoc, mine: readonly FollowupEntryDoc[], now: number, rules?: Pick<Settings, 'survey' | 'followupFacts'>): ListView {
  const summary = summaryOf(l, mine, now);
  if (rules && l.source.kind === 'segment') summary.sourceLabel = `分群：${segmentLabel(l.source.key, rules)}`;
  return { ...summary, script: l.script, facts: l.facts, objections: l.objections, windowDays: l.windowDays, holdoutPercent: l.holdoutPercent, counts: l.counts };
}

export function policyOf(profile: Pick<CustomerProfile, 'segments'> | undefined, contact: ContactDoc | undefined, s: Pick<Settings, 'contactPolicy'>, now: number): ContactPolicyView {
  const stage = policyStageOf(profile?.segments);
  const sent = sendsInWindow(contact?.sentAt ?? [], now);
  const max = s.contactPolicy[stage].maxPer7Days;
  return { stageLabel: POLICY_STAGE_LABELS[stage], sentIn7Days: sent.length, maxPer7Days: max, capped: sent.length >= max, lastContactAt: sent.length ? Math.max(...sent) : null };
}

/** Rows for a page of entries: the customers' names, stages and contact records in one query each. */
export async function entryRows(db: Db, list: FollowupListDoc, entries: readonly FollowupEntryDoc[], s: Settings, now: number): Promise<EntryRowView[]> {
  if (!entries.length) return [];
  const openids = entries.map((e) => e.openid);
  const [shown, profiles, contacts] = await Promise.all([
    customerDisplays(db, openids, now),
    getByIds<CustomerProfile>(db, COLL.profiles, openids.map(profileIdOf)),
    getByIds<ContactDoc>(db, COLL.contact_records, openids.map(contactIdOf)),
  ]);
  return entries.map((e) => entryRowOf(list, e, s, now, shown.get(e.openid) ?? { nickname: null, avatarUrl: null }, profiles.get(profileIdOf(e.openid)), contacts.get(contactIdOf(e.openid))));
}

export function entryRowOf(list: FollowupListDoc, e: FollowupEntryDoc, s: Settings, now: number, customer: EntryRowView['customer'], profile: CustomerProfile | undefined, contact: ContactDoc | undefined): EntryRowView {
  const last = e.contacts[e.contacts.length - 1];
  return {
    openid: e.openid,
    customer,
    staff: e.staff ?? null,
    staffName: e.staff ? staffNameOf(s, list, e.staff) : null,
    contacts: e.contacts.length,
    lastContactAt: last?.at ?? null,
    lastOutcome: e.lastOutcome ?? null,
    lastOutcomeLabel: e.lastOutcome ? OUTCOME_LABELS[e.lastOutcome] : null,
    dueAt: e.dueAt ?? null,
    overdue: isOverdue(e, now),
    convertedAt: e.convertedAt ?? null,
    credited: e.credit !== undefined,
    policy: policyOf(profile, contact, s, now),
  };
}

const factText = (label: string, v: number | boolean) => (typeof v === 'number' ? `${label} ×${v}` : `${label} ${v ? '✓' : '✗'}`);

export function contactViewOf(c: FollowupContactDoc, list: FollowupListDoc, s: Settings): ContactView {
  return {
    contactId: c._id,
    at: c.at,
    staffName: staffNameOf(s, list, c.staff),
    channel: c.channel,
    channelLabel: CHANNEL_LABELS[c.channel],
    facts: c.facts.map((f) => {
      const label = list.facts.find((d) => d.key === f.key)?.label ?? s.followupFacts.find((d) => d.key === f.key)?.label ?? '其他事实';
      return { ...f, label, text: factText(label, f.value) };
    }),
    objection: c.objection ?? null,
    outcome: c.outcome,
    outcomeLabel: OUTCOME_LABELS[c.outcome],
    note: c.note ?? null,
    nextAt: c.nextAt ?? null,
    overCapReason: c.overCapReason ?? null,
  };
}
