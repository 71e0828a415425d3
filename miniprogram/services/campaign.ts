import type { Envelope } from '@shared/errors/envelope';
import type { CampaignInput } from '@shared/promotions/campaign';
import type { CampaignPreviewView, CampaignReportView, CampaignView } from '@shared/promotions/campaign-views';
import type { CallFunction } from './cloud';

/** Typed calls to the `campaign` function (营销活动). Operators only: everyone else gets FORBIDDEN. */
export type { CampaignPreviewView, CampaignReportView, CampaignStatus, CampaignView } from '@shared/promotions/campaign-views';
export type { CampaignInput } from '@shared/promotions/campaign';

/**
 * Preview a saved campaign; a draft being edited (its id + the form); or a new form with the
 * request id its 保存 will use — the holdout is split by the campaign's id, so the preview needs it.
 */
export type PreviewTarget = { campaignId: string; campaign?: CampaignInput } | { campaign: CampaignInput; requestId: string };

export interface CampaignService {
  templates(): Promise<Envelope<{ templates: CampaignInput[] }>>;
  create(campaign: CampaignInput, requestId: string): Promise<Envelope<CampaignView>>;
  list(cursor?: number): Promise<Envelope<{ campaigns: CampaignView[]; nextCursor: number | null }>>;
  get(campaignId: string): Promise<Envelope<CampaignView>>;
  /** A draft's new content (only drafts can change). */
  update(campaignId: string, campaign: CampaignInput, requestId: string): Promise<Envelope<CampaignView>>;
  /** Deletes a draft. */
  remove(campaignId: string, requestId: string): Promise<Envelope<{ campaignId: string; removed: true }>>;
  preview(target: PreviewTarget): Promise<Envelope<CampaignPreviewView>>;
  /** Starts or continues a launch; works a few seconds and answers with the progress. */
  launch(campaignId: string, requestId: string): Promise<Envelope<CampaignView>>;
  pause(campaignId: string, requestId: string): Promise<Envelope<CampaignView>>;
  resume(campaignId: string, requestId: string): Promise<Envelope<CampaignView>>;
  report(campaignId: string): Promise<Envelope<CampaignReportView>>;
}

// JSON round trip: the wire takes plain data (mobx observables and undefined fields stay behind).
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export const createCampaignService = (call: CallFunction): CampaignService => ({
  templates: () => call('campaign', { action: 'templates' }),
  create: (campaign, requestId) => call('campaign', { action: 'create', campaign: plain(campaign), requestId }),
  list: (cursor) => call('campaign', { action: 'list', ...(cursor !== undefined ? { cursor } : {}) }),
  get: (campaignId) => call('campaign', { action: 'get', campaignId }),
  update: (campaignId, campaign, requestId) => call('campaign', { action: 'update', campaignId, campaign: plain(campaign), requestId }),
  remove: (campaignId, requestId) => call('campaign', { action: 'remove', campaignId, requestId }),
  preview: (target) => call('campaign', { action: 'preview', ...plain(target) }),
  launch: (campaignId, requestId) => call('campaign', { action: 'launch', campaignId, requestId }),
  pause: (campaignId, requestId) => call('campaign', { action: 'pause', campaignId, requestId }),
  resume: (campaignId, requestId) => call('campaign', { action: 'resume', campaignId, requestId }),
  report: (campaignId) => call('campaign', { action: 'report', campaignId }),
});
