import { makeAutoObservable } from 'mobx';
import { Loadable } from '../../../stores/loadable';
import { periodEnding } from '@shared/reports/days';
import { defaultRenewalPeriod, RENEWAL_OUTCOMES, type RenewalOutcome } from '@shared/reports/renewals';
import type { RenewalsInput, RenewalsView, ReportService } from '../../../services/report';
import { useStores } from '../../../stores/context';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { followupNew } from '../routes';

/** The periods of expiry the desk offers: the coming renewals (default), and the ones just decided. */
export const RENEWAL_PERIODS = [
  { key: 'upcoming', label: '本月和下月到期' },
  { key: 'past90', label: '近 90 天到期' },
  { key: 'past365', label: '近一年到期' },
] as const;
export type RenewalPeriodKey = (typeof RENEWAL_PERIODS)[number]['key'];

export const RENEWAL_FILTERS: Array<{ key: RenewalOutcome | 'all'; label: string }> = [
  { key: 'all', label: '全部' },
  { key: 'renewed-before', label: '到期前续费' },
  { key: 'renewed-after', label: '到期后续费' },
  { key: 'lapsed', label: '已流失' },
  { key: 'open', label: '待定' },
];

/** One tap to a follow-up list (the follow-up page is packages/ops/followup-new). */
export const FOLLOWUP_EXPIRING_URL = followupNew('renewal', 'member:expiring');
export const FOLLOWUP_LAPSED_URL = followupNew('renewal', 'member:lapsed');

/**
 * 续费 desk: the period of expiry, the report for it, and which outcome the member rows show.
 * FORBIDDEN turns the page away; an answer for a period the operator already left is dropped.
 */
export class RenewalsStore implements Resettable {
  periodKey: RenewalPeriodKey = 'upcoming';
  filter: RenewalOutcome | 'all' = 'all';
  /** The report for the chosen period (the newest read wins: an answer for a period already left is dropped). */
  readonly read: Loadable<RenewalsView>;

  constructor(
    private readonly service: ReportService,
    private readonly now: () => number = Date.now,
  ) {
    this.read = new Loadable(() => this.service.renewals(this.input));
    makeAutoObservable<RenewalsStore, 'service' | 'now'>(this, { service: false, now: false, read: false });
  }

  get view(): RenewalsView | undefined {
    return this.read.data;
  }
  get loading(): boolean {
    return this.read.loading;
  }
  get error(): string | undefined {
    return this.read.error;
  }
  get forbidden(): boolean {
    return this.read.forbidden;
  }

  /** What is asked for: nothing for the default (the server's this month and the next). */
  get input(): RenewalsInput {
    if (this.periodKey === 'past90') return periodEnding(this.now(), 90);
    if (this.periodKey === 'past365') return periodEnding(this.now(), 365);
    return {};
  }

  /** The period shown above the figures (the answer's own once it is in). */
  get period(): { from: string; to: string } {
    if (this.view) return { from: this.view.from, to: this.view.to };
    const p = this.input;
    return p.from && p.to ? { from: p.from, to: p.to } : defaultRenewalPeriod(this.now());
  }

  get rows(): RenewalsView['rows'] {
    const rows = this.view?.rows ?? [];
    return this.filter === 'all' ? rows : rows.filter((r) => r.outcome === this.filter);
  }

  /** Members whose term ends in the period still undecided / lapsed (what the follow-up buttons are for). */
  get counts(): Record<RenewalOutcome, number> {
    const t = this.view?.totals;
    return Object.fromEntries(RENEWAL_OUTCOMES.map((o) => [o, t?.[o] ?? 0])) as Record<RenewalOutcome, number>;
  }

  setPeriod(key: RenewalPeriodKey): void {
    if (key === this.periodKey && (this.view || this.loading)) return;
    this.periodKey = key;
    this.read.reset();
    void this.load();
  }

  setFilter(filter: RenewalOutcome | 'all'): void {
    this.filter = filter;
  }

  async load(): Promise<void> {
    await this.read.load();
  }

  reset(): void {
    this.read.reset();
    this.periodKey = 'upcoming';
    this.filter = 'all';
  }
}

export const renewalsOf = (root: RootStore): RenewalsStore => root.extension('ops-renewals', (r) => new RenewalsStore(r.services.report));

/** The renewals store of the app's RootStore (packages/ops/renewals). */
export function useRenewals(): RenewalsStore {
  return renewalsOf(useStores());
}
