import type { FollowupFact } from '../settings/followup';
import { DAY_MS } from '../time';

/**
 * The one-to-one follow-up rules (issue 19), pure: goals, channels and outcomes as data, the check
 * of a contact's facts against the list's checklist, and what a purchase must be to count for a
 * goal. The I/O lives in cloudfunctions/followup and cloudfunctions/_followup.
 */
export const FOLLOWUP_GOALS = ['trial-to-full', 'renewal', 'wake-ironfan', 'repurchase'] as const;
export type FollowupGoal = (typeof FOLLOWUP_GOALS)[number];
/** Each goal's name, and what it counts as a conversion (shown on the form and the list). */
export const FOLLOWUP_GOAL_DEFS: Readonly<Record<FollowupGoal, { label: string; conversion: string }>> = {
  'trial-to-full': { label: '体验装转正装', conversion: '买了体验装对应的正装' },
  renewal: { label: '续费', conversion: '购买或续费会员' },
  'wake-ironfan': { label: '唤醒沉睡铁粉', conversion: '再次购买商品' },
  repurchase: { label: '促成复购', conversion: '再次购买商品' },
};
export const FOLLOWUP_GOAL_LABELS = Object.fromEntries(FOLLOWUP_GOALS.map((g) => [g, FOLLOWUP_GOAL_DEFS[g].label])) as Readonly<Record<FollowupGoal, string>>;

export const CONTACT_CHANNELS = ['wecom', 'phone', 'store'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<ContactChannel, string>> = { wecom: '企业微信', phone: '电话', store: '到店' };

export const CONTACT_OUTCOMES = ['will-buy', 'interested', 'call-back', 'declined', 'no-answer'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];
export const OUTCOME_LABELS: Readonly<Record<ContactOutcome, string>> = {
  'will-buy': '答应购买',
  interested: '有兴趣',
  'call-back': '约了再聊',
  declined: '明确拒绝',
  'no-answer': '未联系上',
};
/** After these outcomes there is nothing left to follow up (no next date is asked for). */
export const FINAL_OUTCOMES: readonly ContactOutcome[] = ['declined'];

/** Customers one list takes at most: one-to-one work, not a broadcast (a staff member cannot call more). */
export const MAX_LIST_CUSTOMERS = 500;
/** Contacts recorded per customer on one list at most (bounds the entry document). */
export const MAX_CONTACTS_PER_ENTRY = 20;

export const factSegmentKey = (key: string) => `fact:${key}`;
export const FACT_KEY_PATTERN = /^fact:[a-z][a-z0-9-]{1,23}$/;

export type FactValue = number | boolean;
export interface RecordedFact {
  key: string;
  value: FactValue;
}

export type FactCheck = { ok: true; facts: RecordedFact[] } | { ok: false; message: string; key?: string };

/**
 * A contact's facts against the list's checklist: only facts the list asks for, a count as a whole
 * number 0–99, a yes/no as a boolean. Facts left out were not observed; they are not stored.
 */
export function checkContactFacts(checklist: readonly FollowupFact[], facts: Record<string, FactValue>): FactCheck {
  const out: RecordedFact[] = [];
  for (const [key, value] of Object.entries(facts)) {
    const def = checklist.find((f) => f.key === key);
    if (!def) return { ok: false, message: `本任务没有「${key}」这项事实，请刷新后重新记录。`, key };
    if (def.kind === 'count') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 99) return { ok: false, message: `「${def.label}」应填 0–99 的次数。`, key };
    } else if (typeof value !== 'boolean') return { ok: false, message: `「${def.label}」应选「是」或「否」。`, key };
    out.push({ key, value });
  }
  // In the checklist's order, so the same record always reads the same.
  out.sort((a, b) => checklist.findIndex((f) => f.key === a.key) - checklist.findIndex((f) => f.key === b.key));
  return { ok: true, facts: out };
}

/** A fact counts for the segment key `fact:<key>` when it was seen: a count above 0, or yes. */
export const factSeen = (v: FactValue): boolean => (typeof v === 'number' ? v > 0 : v);

/** What a customer's paid event must be to convert for the goal (fullProducts: full products of the customer's trials). */
export interface ConversionEvent {
  type: string;
  at: number;
  lines?: Array<{ productId: string; kind: string }>;
}
export function convertsFor(goal: FollowupGoal, e: ConversionEvent, fullProducts: ReadonlySet<string>): boolean {
  if (goal === 'renewal') return e.type === 'membership.purchased';
  if (e.type !== 'order.paid') return false;
  const regular = (e.lines ?? []).filter((l) => l.kind === 'regular');
  if (goal === 'trial-to-full') return regular.some((l) => fullProducts.has(l.productId));
  return regular.length > 0;
}

/** The attribution window: a conversion within `windowDays` after a contact is that contact's. */
export const windowMs = (windowDays: number) => windowDays * DAY_MS;

/** The contact a conversion at `at` is credited to: the latest one at or before it, within the window. */
export function creditedContact<C extends { at: number }>(contacts: readonly C[], at: number, windowDays: number): C | undefined {
  let best: C | undefined;
  for (const c of contacts) if (c.at <= at && at - c.at <= windowMs(windowDays) && (!best || c.at >= best.at)) best = c;
  return best;
}
