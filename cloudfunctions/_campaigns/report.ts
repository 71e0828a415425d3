import { campaignResults } from '../../shared/promotions/campaign-report';
import type { CampaignReportView } from '../../shared/promotions/campaign-views';
import type { Db } from '../_kit/db';
import type { CampaignDoc } from './docs';
import { readStats } from './stats';

export type CampaignReport = CampaignReportView;

/** The report reads the campaign's counter shards only (kept current by launch and the profile consumer). */
export async function campaignReport(db: Db, c: CampaignDoc): Promise<CampaignReport> {
  const counts = await readStats(db, c._id);
  return {
    campaignId: c._id,
    name: c.name,
    status: c.status,
    ...(c.launchedAt !== undefined ? { launchedAt: c.launchedAt } : {}),
    attributionDays: c.attributionDays,
    holdoutPercent: c.holdoutPercent,
    counts,
    results: campaignResults(counts),
  };
}
