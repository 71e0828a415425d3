import type { CampaignService, CampaignView } from '../../../services/campaign';
import { PagedList } from '../../../stores/paged-list';

/** 营销活动 list: newest first, 20 a page (`campaign.list`), each with its status and counters. */
export class CampaignListStore {
  readonly list: PagedList<CampaignView, number>;

  constructor(service: CampaignService) {
    this.list = new PagedList<CampaignView, number>(async (cursor) => {
      const reply = await service.list(cursor);
      return reply.ok ? { ok: true, data: { items: reply.data.campaigns, nextCursor: reply.data.nextCursor ?? undefined } } : reply;
    }, (c) => c._id);
  }

  reset(): void {
    this.list.reset();
  }
}
