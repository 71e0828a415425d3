import { useStores } from '../../../stores/context';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { resetAll } from './reset-all';
import { CampaignDetailStore } from './campaign-detail';
import { CampaignEditStore } from './campaign-edit';
import { CampaignListStore } from './campaign-list';
import { SegmentRules } from './segment-dashboard';

/** 营销活动 (operators): list, 新建活动, and one campaign's launch and report. */
export class CampaignConsole implements Resettable {
  /** The settings campaigns are explained by (contact policy, segment names), read once per visit. */
  readonly settings: SegmentRules;
  readonly list: CampaignListStore;
  readonly edit: CampaignEditStore;
  readonly detail: CampaignDetailStore;

  constructor(root: RootStore) {
    const { services, intents } = root;
    this.settings = new SegmentRules(services.settings);
    this.list = new CampaignListStore(services.campaign);
    this.edit = new CampaignEditStore(services.campaign, services.coupon, services.segment, this.settings, intents);
    this.detail = new CampaignDetailStore(services.campaign, services.segment, intents);
  }

  reset(): void {
    resetAll(this);
  }
}

export const campaignConsoleOf = (root: RootStore): CampaignConsole => root.extension('ops-campaigns', (r) => new CampaignConsole(r));

export function useCampaignConsole(): CampaignConsole {
  return campaignConsoleOf(useStores());
}
