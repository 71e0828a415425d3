import { z } from 'zod';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, FOLLOWUP_GOALS, type ContactChannel, type ContactOutcome, type FollowupGoal, type RecordedFact } from '../followup/rules';
import { followupFactSchema, staffMemberSchema, type FollowupFact, type StaffMember } from '../settings/followup';
import { epochMs, int } from './fields';

/**
 * The one-to-one follow-up documents (issue 19). A list (`followup_lists`) is the operator's plan;
 * each customer on it has one entry (`followup_entries`, id from list + openid), which carries what
 * the execution view and attribution need (group, staff, contacts, conversion) so neither reads the
 * contacts; each recorded conversation is a contact (`followup_contacts`, id from the staff member's
 * request id: a retry writes nothing new); a hold (`followup_holds`, id from goal + openid) keeps a
 * customer on one open list per goal.
 */
export type FollowupListStatus = 'building' | 'open' | 'closed';

export type ListSource = { kind: 'segment'; key: string } | { kind: 'hand' };

export interface FollowupListDoc {
  _id: string;
  title: string;
  goal: FollowupGoal;
  /** 话术: what the staff member copies and adapts. */
  script: string;
  /** The facts to record (a copy of the catalogue's entries when the list was made). */
  facts: FollowupFact[];
  objections: string[];
  source: ListSource;
  /** Assigned staff (names as they were when the list was made). */
  staff: StaffMember[];
  /** Every customer is contacted by then (a customer not yet contacted after it is overdue). */
  dueAt: number;
  /** A purchase within this many days after a contact is credited to it. */
  windowDays: number;
  holdoutPercent: number;
  status: FollowupListStatus;
  /** While building from a segment: the last openid taken (the next page starts after it). */
  cursor?: string;
  counts: { treated: number; holdout: number; skipped: number };
  createdBy: string;
  createdAt: number;
  closedAt?: number;
  version: number;
}

export interface EntryContact {
  contactId: string;
  at: number;
  staff: string;
  outcome: ContactOutcome;
}

export interface FollowupEntryDoc {
  _id: string;
  listId: string;
  openid: string;
  goal: FollowupGoal;
  /** holdout: never shown to staff, never contacted — the comparison group for the lift. */
  group: 'treated' | 'holdout';
  /** The staff member's openid (treated only). */
  staff?: string;
  addedAt: number;
  /** Conversions count for the list from addedAt until here (list due date + window): treated and holdout alike. */
  countsUntil: number;
  /** The list's attribution window (copied: the consumer credits without reading the list). */
  windowDays: number;
  /** When the next contact is due (absent: holdout, or nothing left to do). Indexed: overdue to-dos. */
  dueAt?: number;
  contacts: EntryContact[];
  lastOutcome?: ContactOutcome;
  /** The first conversion inside the list's window. */
  convertedAt?: number;
  /** Conversions credited (order ids, or the membership event id for a renewal). */
  conversionIds: string[];
  revenueFen: number;
  cogsFen: number;
  /** The contact the first conversion is credited to (within the window after it). */
  credit?: { contactId: string; staff: string; at: number };
  version: number;
}

export interface FollowupContactDoc {
  _id: string;
  listId: string;
  entryId: string;
  openid: string;
  staff: string;
  channel: ContactChannel;
  facts: RecordedFact[];
  objection?: string;
  outcome: ContactOutcome;
  note?: string;
  nextAt?: number;
  /** Why a contact beyond the customer's contact cap was made (required then). */
  overCapReason?: string;
  at: number;
}

export interface FollowupHoldDoc {
  _id: string;
  openid: string;
  goal: FollowupGoal;
  listId: string;
}

const idPart = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');
export const followupEntryIdOf = (listId: string, openid: string) => `fen_${listId}_${idPart(openid)}`;
export const followupHoldIdOf = (goal: FollowupGoal, openid: string) => `fho_${goal}_${idPart(openid)}`;

const recordedFact = z.object({ key: z.string(), value: z.union([z.number().int().min(0), z.boolean()]) }).strict();
const entryContact = z.looseObject({ contactId: z.string(), at: epochMs, staff: z.string(), outcome: z.enum(CONTACT_OUTCOMES) });

export const followupListDocSchema = z.looseObject({
  _id: z.string(),
  title: z.string(),
  goal: z.enum(FOLLOWUP_GOALS),
  script: z.string(),
  facts: z.array(followupFactSchema),
  objections: z.array(z.string()),
  staff: z.array(staffMemberSchema),
  dueAt: epochMs,
  windowDays: int.min(1),
  holdoutPercent: int.min(0).max(50),
  status: z.enum(['building', 'open', 'closed']),
  counts: z.looseObject({ treated: int.min(0), holdout: int.min(0), skipped: int.min(0) }),
  createdBy: z.string(),
  createdAt: epochMs,
  version: int,
});

export const followupEntryDocSchema = z.looseObject({
  _id: z.string(),
  listId: z.string(),
  openid: z.string(),
  goal: z.enum(FOLLOWUP_GOALS),
  group: z.enum(['treated', 'holdout']),
  addedAt: epochMs,
  countsUntil: epochMs,
  windowDays: int.min(1),
  contacts: z.array(entryContact),
  conversionIds: z.array(z.string()),
  revenueFen: int,
  cogsFen: int,
  version: int,
});

export const followupContactDocSchema = z.looseObject({
  _id: z.string(),
  listId: z.string(),
  entryId: z.string(),
  openid: z.string(),
  staff: z.string(),
  channel: z.enum(CONTACT_CHANNELS),
  facts: z.array(recordedFact),
  outcome: z.enum(CONTACT_OUTCOMES),
  at: epochMs,
});

export const followupHoldDocSchema = z.looseObject({ _id: z.string(), openid: z.string(), goal: z.enum(FOLLOWUP_GOALS), listId: z.string() });

