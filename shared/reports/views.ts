import type { TrialConversion, PurchaseFunnel } from './conversion';
import type { Day } from './days';
import type { LiabilityChange, ProfitBreakdown } from './profit';

/** What the `report` function answers (the operator page and the server share these shapes). */

/** Counts beside the money of a period (how many of each fact made the figures). */
export interface ActivityCounts {
  productOrders: number;
  membershipsSold: number;
  refunds: number;
  trialsSold: number;
  giftClaims: number;
  topUps: number;
}

export interface ReportFreshness {
  /** When the figures were read (server time). */
  asOf: number;
  /** Money events were still waiting to be folded when this was read (figures may lag by minutes). */
  catchingUp: boolean;
}

export interface OverviewView extends ReportFreshness {
  from: Day;
  to: Day;
  totals: ProfitBreakdown & ActivityCounts;
  /** One entry per day of the period, in order (days without activity are zeros). */
  days: Array<{ day: Day } & ProfitBreakdown>;
}

export interface LiabilityView extends ReportFreshness {
  from: Day;
  to: Day;
  /** Outstanding stored value now. */
  now: { principalFen: number; bonusFen: number; totalFen: number };
  /** Outstanding at the end of each day of the period, with that day's changes. */
  days: Array<{ day: Day; principalFen: number; bonusFen: number } & LiabilityChange>;
}

export interface ConversionView extends ReportFreshness {
  trial: TrialConversion;
  funnel: PurchaseFunnel;
  /** Trial buyers' profiles read for the trial figures, and whether that was all of them. */
  scanned: number;
  complete: boolean;
}

export interface SegmentSnapshotView {
  day: Day;
  at: number;
  counts: Record<string, number>;
}

export interface SegmentHistoryView {
  from: Day;
  to: Day;
  /** Daily snapshots in the period (a day the timer did not run has none). */
  days: SegmentSnapshotView[];
  /** Sizes right now (index-only counts), so today is shown even before its snapshot. */
  current: SegmentSnapshotView;
}
