import { useStores } from '../../../stores/context';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { resetAll } from './reset-all';
import { SegmentCustomerStore } from './segment-customer';
import { SegmentDashboardStore, SegmentRules } from './segment-dashboard';
import { CsvExportStore } from './segment-export';
import { SegmentListStore } from './segment-list';
import { TagSyncStore } from './tag-sync';
import { WecomLogStore } from './wecom-log';

/**
 * 客户分群 (operator console for customer segments): its state lives in the ops subpackage and is
 * built from the root's services on the first segment page opened; an account switch resets it.
 */
export class SegmentConsole implements Resettable {
  readonly rules: SegmentRules;
  readonly dashboard: SegmentDashboardStore;
  readonly list: SegmentListStore;
  readonly exporter: CsvExportStore;
  readonly sync: TagSyncStore;
  readonly customer: SegmentCustomerStore;
  readonly wecom: WecomLogStore;

  constructor(root: RootStore) {
    const { services, intents } = root;
    this.rules = new SegmentRules(services.settings);
    this.dashboard = new SegmentDashboardStore(services.segment, this.rules);
    this.list = new SegmentListStore(services.segment);
    this.exporter = new CsvExportStore(services.segment, services.csvFile);
    this.sync = new TagSyncStore(services.segment, intents);
    this.customer = new SegmentCustomerStore(services.segment);
    this.wecom = new WecomLogStore(services.segment);
  }

  reset(): void {
    resetAll(this);
  }
}

export const segmentConsoleOf = (root: RootStore): SegmentConsole => root.extension('ops-segments', (r) => new SegmentConsole(r));

/** The segment console of the app's RootStore (segment pages of packages/ops). */
export function useSegmentConsole(): SegmentConsole {
  return segmentConsoleOf(useStores());
}
