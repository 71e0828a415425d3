import { makeAutoObservable, runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import { periodEnding, REPORT_PERIODS } from '@shared/reports/days';
import type { ConversionView, LiabilityView, OverviewView, ReportPeriod, ReportService, SegmentHistoryView } from '../../../services/report';
import { useStores } from '../../../stores/context';
import type { Resettable, RootStore } from '../../../stores/root-store';

export type PeriodDays = (typeof REPORT_PERIODS)[number];
export const PERIOD_OPTIONS: Array<{ key: `${PeriodDays}`; label: string }> = REPORT_PERIODS.map((d) => ({ key: `${d}` as `${PeriodDays}`, label: `近 ${d} 天` }));

/** Segment families the size-over-time chart can show (each customer is in exactly one key of these). */
export const SIZE_FAMILIES = [
  { key: 'layer', label: '分层', keys: ['layer:new', 'layer:engaged', 'layer:paying', 'layer:ironfan'] },
  { key: 'life', label: '生命周期', keys: ['life:active', 'life:silent', 'life:sleeping', 'life:churned'] },
  { key: 'purchases', label: '购买次数', keys: ['purchases:1', 'purchases:2', 'purchases:3plus'] },
] as const;
export type SizeFamily = (typeof SIZE_FAMILIES)[number]['key'];

type Section = 'overview' | 'liability' | 'conversion' | 'history';

/**
 * 经营报表: the period (近 7 / 30 / 90 天, ending today in Shanghai), the four reads for it, and
 * which segment family the size chart shows. Sections load together but fail separately (one
 * slow read does not blank the others); FORBIDDEN from any of them turns the page away.
 */
export class ReportsStore implements Resettable {
  days: PeriodDays = 30;
  family: SizeFamily = 'layer';
  overview: OverviewView | undefined = undefined;
  liability: LiabilityView | undefined = undefined;
  conversion: ConversionView | undefined = undefined;
  history: SegmentHistoryView | undefined = undefined;
  errors: Partial<Record<Section, string>> = {};
  loading = false;
  forbidden = false;
  /** Bumped per load: an answer for a period the operator already left is dropped. */
  private seq = 0;

  constructor(
    private readonly service: ReportService,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<ReportsStore, 'service' | 'now' | 'seq'>(this, { service: false, now: false, seq: false });
  }

  get period(): ReportPeriod {
    return periodEnding(this.now(), this.days);
  }

  get loaded(): boolean {
    return !!(this.overview || this.liability || this.conversion || this.history);
  }

  /** Figures still settling on the server (events not folded yet when read). */
  get catchingUp(): boolean {
    return !!(this.overview?.catchingUp || this.liability?.catchingUp);
  }

  setDays(days: PeriodDays): void {
    if (days === this.days && (this.loaded || this.loading)) return;
    this.days = days;
    void this.load();
  }

  ensureLoaded(): Promise<unknown> {
    return this.loaded || this.loading ? Promise.resolve() : this.load();
  }

  setFamily(family: SizeFamily): void {
    this.family = family;
  }

  async load(): Promise<void> {
    const seq = ++this.seq;
    const period = this.period;
    this.loading = true;
    const [overview, liability, conversion, history] = await Promise.all([
      this.service.overview(period),
      this.service.liability(period),
      this.service.conversion(),
      this.service.segmentHistory(period),
    ]);
    runInAction(() => {
      if (seq !== this.seq) return;
      this.loading = false;
      const replies = { overview, liability, conversion, history } as const;
      this.forbidden = Object.values(replies).some((r) => !r.ok && r.error.code === 'FORBIDDEN');
      const errors: Partial<Record<Section, string>> = {};
      for (const [k, r] of Object.entries(replies) as Array<[Section, Envelope<unknown>]>) if (!r.ok) errors[k] = userMessage(r.error.code, r.error.message);
      this.errors = errors;
      // A failed section keeps what it showed before (for the previous period it is labelled by its own dates).
      if (overview.ok) this.overview = overview.data;
      if (liability.ok) this.liability = liability.data;
      if (conversion.ok) this.conversion = conversion.data;
      if (history.ok) this.history = history.data;
    });
  }

  reset(): void {
    this.seq++;
    this.days = 30;
    this.family = 'layer';
    this.overview = undefined;
    this.liability = undefined;
    this.conversion = undefined;
    this.history = undefined;
    this.errors = {};
    this.loading = false;
    this.forbidden = false;
  }
}

export const reportsOf = (root: RootStore): ReportsStore => root.extension('ops-reports', (r) => new ReportsStore(r.services.report));

/** The reports store of the app's RootStore (packages/ops/reports). */
export function useReports(): ReportsStore {
  return reportsOf(useStores());
}
