import type { CustomerDisplay } from '../customers/display-profile';
import type { FollowupFact, StaffMember } from '../settings/followup';
import type { ContactChannel, ContactOutcome, FollowupGoal, RecordedFact } from './rules';

/** What the API answers about follow-up lists (issue 19). Labels are resolved on the server. */
export interface ListSummaryView {
  listId: string;
  title: string;
  goal: FollowupGoal;
  goalLabel: string;
  status: 'building' | 'open' | 'closed';
  sourceLabel: string;
  dueAt: number;
  staff: StaffMember[];
  /** Customers the caller works (staff: their own; operators: every treated customer). */
  mine: number;
  contacted: number;
  overdue: number;
  converted: number;
  createdAt: number;
}

export interface ListView extends ListSummaryView {
  script: string;
  facts: FollowupFact[];
  objections: string[];
  windowDays: number;
  holdoutPercent: number;
  counts: { treated: number; holdout: number; skipped: number };
}

/** The contact policy as it applies to this customer now (a contact beyond the cap needs a reason). */
export interface ContactPolicyView {
  stageLabel: string;
  sentIn7Days: number;
  maxPer7Days: number;
  capped: boolean;
  lastContactAt: number | null;
}

export interface EntryRowView {
  openid: string;
  customer: CustomerDisplay;
  staff: string | null;
  staffName: string | null;
  contacts: number;
  lastContactAt: number | null;
  lastOutcome: ContactOutcome | null;
  lastOutcomeLabel: string | null;
  dueAt: number | null;
  overdue: boolean;
  convertedAt: number | null;
  credited: boolean;
  policy: ContactPolicyView;
}

export interface ContactView {
  contactId: string;
  at: number;
  staffName: string;
  channel: ContactChannel;
  channelLabel: string;
  /** Each fact in words: 「提到价格 ×2」「问了有效期 ✓」「问了赠品 ✗」. */
  facts: Array<RecordedFact & { label: string; text: string }>;
  objection: string | null;
  outcome: ContactOutcome;
  outcomeLabel: string;
  note: string | null;
  nextAt: number | null;
  overCapReason: string | null;
}

/** The staff member's card of one customer: what matters for the goal, and the conversation so far. */
export interface CustomerCardView {
  listId: string;
  goal: FollowupGoal;
  entry: EntryRowView;
  /** Lines that matter for the goal, in words (购买 2 次、体验装「…」→ 正装「…」未购买、会员 12-31 到期…). */
  highlights: Array<{ label: string; value: string }>;
  survey: Array<{ question: string; answer: string }>;
  contacts: ContactView[];
  script: string;
  facts: FollowupFact[];
  objections: string[];
}

export interface ExecutionRow {
  /** staff openid, or 'holdout' for the comparison group. */
  key: string;
  name: string;
  assigned: number;
  contacted: number;
  overdue: number;
  outcomes: Partial<Record<ContactOutcome, number>>;
  converted: number;
  /** Conversions credited to a contact of this staff member. */
  credited: number;
  revenueFen: number;
  profitFen: number;
}

/** 做没做 / 做的怎么样: one list's numbers, per staff member and for the holdout, and the lift. */
export interface ExecutionView {
  list: ListSummaryView;
  treated: ExecutionRow;
  holdout: ExecutionRow;
  staff: ExecutionRow[];
  /** Conversion rates in basis points (1/100 of a percent) and the lift (treated − holdout), null without a holdout. */
  treatedRateBp: number;
  holdoutRateBp: number | null;
  liftBp: number | null;
}

export interface FollowupFormOptions {
  staff: StaffMember[];
  facts: FollowupFact[];
  objections: string[];
  goals: Array<{ goal: FollowupGoal; label: string; conversion: string }>;
}
