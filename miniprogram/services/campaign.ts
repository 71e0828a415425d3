import type { campaignApi } from '@shared/api/campaign';
import type { CampaignInput } from '@shared/promotions/campaign';
import { callerOf, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `campaign` function (shared/api/campaign.ts, 营销活动). Operators only: everyone else gets FORBIDDEN. */
export type { CampaignPreviewView, CampaignReportView, CampaignStatus, CampaignView } from '@shared/promotions/campaign-views';
export type { CampaignInput } from '@shared/promotions/campaign';

type Api = typeof campaignApi;

/**
 * Preview a saved campaign; a draft being edited (its id + the form); or a new form with the
 * request id its 保存 will use — the holdout is split by the campaign's id, so the preview needs it.
 */
export type PreviewTarget = { campaignId: string; campaign?: CampaignInput } | { campaign: CampaignInput; requestId: string };

export interface CampaignService {
  templates(): Out<Api, 'templates'>;
  create(campaign: CampaignInput, requestId: string): Out<Api, 'create'>;
  list(cursor?: number): Out<Api, 'list'>;
  get(campaignId: string): Out<Api, 'get'>;
  /** A draft's new content (only drafts can change). */
  update(campaignId: string, campaign: CampaignInput, requestId: string): Out<Api, 'update'>;
  /** Deletes a draft. */
  remove(campaignId: string, requestId: string): Out<Api, 'remove'>;
  preview(target: PreviewTarget): Out<Api, 'preview'>;
  /** Starts or continues a launch; works a few seconds and answers with the progress. */
  launch(campaignId: string, requestId: string): Out<Api, 'launch'>;
  pause(campaignId: string, requestId: string): Out<Api, 'pause'>;
  resume(campaignId: string, requestId: string): Out<Api, 'resume'>;
  report(campaignId: string): Out<Api, 'report'>;
}

// JSON round trip: the wire takes plain data (mobx observables and undefined fields stay behind).
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export const createCampaignService = (call: CallFunction): CampaignService => {
  const campaign = callerOf<Api>(call, 'campaign');
  return {
    templates: () => campaign('templates'),
    create: (c, requestId) => campaign('create', { campaign: plain(c), requestId }),
    list: (cursor) => campaign('list', { cursor }),
    get: (campaignId) => campaign('get', { campaignId }),
    update: (campaignId, c, requestId) => campaign('update', { campaignId, campaign: plain(c), requestId }),
    remove: (campaignId, requestId) => campaign('remove', { campaignId, requestId }),
    preview: (target) => campaign('preview', plain(target)),
    launch: (campaignId, requestId) => campaign('launch', { campaignId, requestId }),
    pause: (campaignId, requestId) => campaign('pause', { campaignId, requestId }),
    resume: (campaignId, requestId) => campaign('resume', { campaignId, requestId }),
    report: (campaignId) => campaign('report', { campaignId }),
  };
};
