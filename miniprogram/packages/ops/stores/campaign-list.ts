import type { CampaignService, CampaignView } from '../../../services/campaign';
import { PagedList } from '../../../stores/paged-list';
import { pageOf } from './page-of';

/** 营销活动 list: newest first, 20 a page (`campaign.list`), each with its status and counters. */
export class CampaignListStore {
  readonly list: PagedList<CampaignView, number>;

  constructor(service: CampaignService) {
    this.list = new PagedList<CampaignView, number>(async (cursor) => pageOf(await service.list(cursor), (d) => d.campaigns, (d) => d.nextCursor), (c) => c._id);
  }

  reset(): void {
    this.list.reset();
  }
}
