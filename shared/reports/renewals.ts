import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { CustomerDisplay } from '../customers/display-profile';
import { businessDate, DAY_MS } from '../time';
import type { Day } from './days';

dayjs.extend(utc);

/**
 * 续费 (renewal desk, issue 19; pure). One row per membership term that ends in the period. Terms
 * stack (shared/membership/term.ts: a renewal starts at max(now, expiry)), so a term's renewal is the
 * next unrefunded term starting at or after its end: starting exactly at its end means it was paid
 * before expiry; starting later means it was paid that late (the term starts at its payment).
 */
export const RENEWAL_OUTCOMES = ['renewed-before', 'renewed-after', 'lapsed', 'open'] as const;
export type RenewalOutcome = (typeof RENEWAL_OUTCOMES)[number];
export const RENEWAL_OUTCOME_LABELS: Readonly<Record<RenewalOutcome, string>> = {
  'renewed-before': '到期前续费',
  'renewed-after': '到期后 30 天内续费',
  lapsed: '已流失（过期超过 30 天未续费）',
  open: '待定（未到期或过期未满 30 天）',
};

/** Days after expiry a renewal still counts as one (later: the member lapsed and came back). */
export const RENEWAL_GRACE_DAYS = 30;

export interface TermSpan {
  startsAt: number;
  expiresAt: number;
  refunded: boolean;
}

/** The outcome of `term` among the membership's `terms`, as known at `now`. */
export function renewalOutcome(term: TermSpan, terms: readonly TermSpan[], now: number): { outcome: RenewalOutcome; renewedAt?: number } {
  const next = terms.filter((t) => !t.refunded && t !== term && t.startsAt >= term.expiresAt).sort((a, b) => a.startsAt - b.startsAt)[0];
  const graceEnd = term.expiresAt + RENEWAL_GRACE_DAYS * DAY_MS;
  if (next && next.startsAt <= term.expiresAt) return { outcome: 'renewed-before', renewedAt: next.startsAt };
  if (next && next.startsAt <= graceEnd) return { outcome: 'renewed-after', renewedAt: next.startsAt };
  return { outcome: now >= graceEnd ? 'lapsed' : 'open' };
}

export const isDecided = (o: RenewalOutcome): boolean => o !== 'open';
export const isRenewed = (o: RenewalOutcome): boolean => o === 'renewed-before' || o === 'renewed-after';

/** 会员价值: 本期已省 against the fee. */
export const VALUE_BUCKETS = ['lt25', '25to50', '50to100', 'gte100'] as const;
export type ValueBucket = (typeof VALUE_BUCKETS)[number];
export const VALUE_BUCKET_LABELS: Readonly<Record<ValueBucket, string>> = { lt25: '已省不到会员费的 25%', '25to50': '25%–50%', '50to100': '50%–100%', gte100: '≥100%（已回本）' };

/** Integer comparisons only (fen): saved/fee < 25 % ⇔ 4·saved < fee. A free term has paid for itself. */
export function valueBucket(savedFen: number, feeFen: number): ValueBucket {
  if (savedFen >= feeFen) return 'gte100';
  if (savedFen * 4 < feeFen) return 'lt25';
  if (savedFen * 2 < feeFen) return '25to50';
  return '50to100';
}

/** Renewed ÷ decided, as a percent with one decimal (null while nothing is decided). */
export const renewalRatePercent = (renewed: number, decided: number): number | null => (decided === 0 ? null : Math.round((renewed * 1000) / decided) / 10);

/** The default period: this month and the next (Shanghai business months). */
export function defaultRenewalPeriod(now: number): { from: Day; to: Day } {
  const month = dayjs.utc(businessDate(now)).startOf('month');
  return { from: month.format('YYYY-MM-DD'), to: month.add(1, 'month').endOf('month').format('YYYY-MM-DD') };
}

/** 00:00 of a Shanghai business day (UTC+8 all year). */
export const dayStartMs = (day: Day): number => Date.parse(`${day}T00:00:00+08:00`);

export interface RenewalRow {
  openid: string;
  /** The term's order (the fee is its total). */
  orderId: string;
  planName: string;
  /** 入会: the start of the membership's first unrefunded term. */
  joinedAt: number;
  startsAt: number;
  expiresAt: number;
  outcome: RenewalOutcome;
  /** When the renewing term starts (renewed only). */
  renewedAt?: number;
  /** 本期已省 over this term (up to now while it runs), the member card's figure. */
  savedFen: number;
  feeFen: number;
  bucket: ValueBucket;
}

export interface RenewalCohort {
  /** Join month, "YYYY-MM" (Shanghai). */
  month: string;
  members: number;
  renewed: number;
  lapsed: number;
  open: number;
  ratePercent: number | null;
}

export interface RenewalsView {
  from: Day;
  to: Day;
  asOf: number;
  rows: Array<RenewalRow & { customer: CustomerDisplay }>;
  totals: Record<RenewalOutcome, number> & { all: number };
  renewed: number;
  decided: number;
  ratePercent: number | null;
  cohorts: RenewalCohort[];
  distribution: Array<{ bucket: ValueBucket; count: number }>;
  /** More terms end in the period than one read covers: the figures are over the first `rows.length` (shorten the period). */
  more: boolean;
}

/** Totals, rate, cohorts and the value distribution over the rows. */
export function summarizeRenewals(rows: readonly RenewalRow[]): Pick<RenewalsView, 'totals' | 'renewed' | 'decided' | 'ratePercent' | 'cohorts' | 'distribution'> {
  const totals = { 'renewed-before': 0, 'renewed-after': 0, lapsed: 0, open: 0, all: rows.length };
  for (const r of rows) totals[r.outcome]++;
  const renewed = totals['renewed-before'] + totals['renewed-after'];
  const decided = renewed + totals.lapsed;
  const byMonth = new Map<string, RenewalCohort>();
  for (const r of rows) {
    const month = businessDate(r.joinedAt).slice(0, 7);
    const c = byMonth.get(month) ?? { month, members: 0, renewed: 0, lapsed: 0, open: 0, ratePercent: null };
    c.members++;
    if (isRenewed(r.outcome)) c.renewed++;
    else if (r.outcome === 'lapsed') c.lapsed++;
    else c.open++;
    byMonth.set(month, c);
  }
  const cohorts = [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month)).map((c) => ({ ...c, ratePercent: renewalRatePercent(c.renewed, c.renewed + c.lapsed) }));
  const distribution = VALUE_BUCKETS.map((bucket) => ({ bucket, count: rows.filter((r) => r.bucket === bucket).length }));
  return { totals, renewed, decided, ratePercent: renewalRatePercent(renewed, decided), cohorts, distribution };
}
