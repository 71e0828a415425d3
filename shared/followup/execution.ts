import type { ExecutionRow, ExecutionView } from './views';
import type { ContactOutcome } from './rules';

/** What the execution view reads of an entry (shared/documents FollowupEntryDoc). */
export interface ExecutionEntry {
  group: 'treated' | 'holdout';
  staff?: string;
  dueAt?: number;
  contacts: ReadonlyArray<{ staff: string }>;
  lastOutcome?: ContactOutcome;
  convertedAt?: number;
  credit?: { staff: string };
  revenueFen: number;
  cogsFen: number;
}

const emptyRow = (key: string, name: string): ExecutionRow => ({ key, name, assigned: 0, contacted: 0, overdue: 0, outcomes: {}, converted: 0, credited: 0, revenueFen: 0, profitFen: 0 });

function add(row: ExecutionRow, e: ExecutionEntry, now: number): void {
  row.assigned++;
  if (e.contacts.length) row.contacted++;
  if (e.group === 'treated' && e.dueAt !== undefined && e.dueAt <= now) row.overdue++;
  if (e.lastOutcome) row.outcomes[e.lastOutcome] = (row.outcomes[e.lastOutcome] ?? 0) + 1;
  if (e.convertedAt !== undefined) row.converted++;
  if (e.credit) row.credited++;
  row.revenueFen += e.revenueFen;
  row.profitFen += e.revenueFen - e.cogsFen;
}

/** Conversions per assigned customer, in basis points (integer arithmetic: 1 bp = 0.01 %). */
export const rateBp = (converted: number, assigned: number) => (assigned ? Math.round((converted * 10_000) / assigned) : 0);

/**
 * 做没做 / 做的怎么样 (seed 004), pure: per staff member (assigned to them, contacted, overdue, last
 * outcomes, converted, credited to their contacts, revenue and profit), the treated group against
 * the holdout, and the lift. Conversions count for both groups over the same window, so the lift
 * is what the one-to-one work added.
 */
export function executionOf(entries: readonly ExecutionEntry[], staff: ReadonlyArray<{ openid: string; name: string }>, now: number): Omit<ExecutionView, 'list'> {
  const treated = emptyRow('treated', '跟进组');
  const holdout = emptyRow('holdout', '对照组（不跟进）');
  const rows = new Map(staff.map((m) => [m.openid, emptyRow(m.openid, m.name)]));
  for (const e of entries) {
    if (e.group === 'holdout') {
      add(holdout, e, now);
      continue;
    }
    add(treated, e, now);
    if (e.staff) add(rows.get(e.staff) ?? rows.set(e.staff, emptyRow(e.staff, '专员')).get(e.staff)!, e, now);
  }
  const treatedRateBp = rateBp(treated.converted, treated.assigned);
  const holdoutRateBp = holdout.assigned ? rateBp(holdout.converted, holdout.assigned) : null;
  return { treated, holdout, staff: [...rows.values()], treatedRateBp, holdoutRateBp, liftBp: holdoutRateBp === null ? null : treatedRateBp - holdoutRateBp };
}
