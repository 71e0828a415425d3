import '../zod-setup';
import { makeAutoObservable, runInAction } from 'mobx';
import { groupCounts, type CountedFamily, type LabelRules } from '@shared/segments/labels';
import { defaultSettings, type Settings } from '@shared/settings';
import type { SegmentService } from '../../../services/segment';
import type { SettingsService } from '../../../services/settings';
import { Loadable } from '../../../stores/loadable';

/**
 * The settings the segment keys were computed with (thresholds in the explanations, survey option
 * names for tag keys). Read once per visit to the console; until then — or if it cannot be read —
 * the defaults, so labels never wait on it. The whole document is kept: the campaign console also
 * reads its contact policy.
 */
export class SegmentRules {
  loaded: Settings | undefined = undefined;
  private pending: Promise<void> | undefined = undefined;
  private fallback: Settings | undefined = undefined;

  constructor(private readonly settings: SettingsService) {
    makeAutoObservable<SegmentRules, 'settings' | 'pending' | 'fallback'>(this, { settings: false, pending: false, fallback: false });
  }

  get rules(): Settings {
    if (this.loaded) return this.loaded;
    this.fallback ??= defaultSettings();
    return this.fallback;
  }

  ensureLoaded(): Promise<void> {
    this.pending ??= this.settings.editor().then((r) =>
      runInAction(() => {
        if (r.ok) this.loaded = r.data.settings;
        // A failure keeps the defaults; the next visit asks again.
        else this.pending = undefined;
      }),
    );
    return this.pending;
  }

  reset(): void {
    this.loaded = undefined;
    this.pending = undefined;
  }
}

/**
 * 客户分群 dashboard: one count per segment key (`segment.counts`, indexed counts), grouped into
 * families with their Chinese names. Keeps the counts of the visit's first load, so while the page
 * stays open (it refreshes itself) the operator sees what grew or shrank since they opened it.
 */
export class SegmentDashboardStore {
  /** segment.counts (read with the rules that name the keys). */
  readonly read: Loadable<Record<string, number>>;
  /** The counts when this visit began (see startVisit). */
  baseline: Record<string, number> | undefined = undefined;
  countedAt: number | undefined = undefined;

  constructor(
    private readonly service: SegmentService,
    readonly rules: SegmentRules,
    private readonly clock: () => number = Date.now,
  ) {
    this.read = new Loadable(async () => (await Promise.all([this.service.counts(), this.rules.ensureLoaded()]))[0]);
    makeAutoObservable<SegmentDashboardStore, 'service' | 'clock'>(this, { service: false, rules: false, clock: false, read: false });
  }

  get counts(): Record<string, number> | undefined {
    return this.read.data;
  }

  get families(): CountedFamily[] {
    return this.counts ? groupCounts(this.counts, this.rules.rules) : [];
  }

  /** Change since the visit began (0 on its first load). */
  delta(key: string): number {
    if (!this.counts || !this.baseline) return 0;
    return (this.counts[key] ?? 0) - (this.baseline[key] ?? 0);
  }

  /** The dashboard was opened (not returned to): changes count from its next load. */
  startVisit(): void {
    this.baseline = undefined;
  }

  async load(): Promise<void> {
    if (!(await this.read.load())) return;
    runInAction(() => {
      this.baseline ??= this.read.data;
      this.countedAt = this.clock();
    });
  }

  reset(): void {
    this.read.reset();
    this.baseline = undefined;
    this.countedAt = undefined;
  }
}
