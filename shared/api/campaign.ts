import { z } from 'zod';
import { campaignInputSchema, type CampaignInput } from '../promotions/campaign';
import type { CampaignPreviewView, CampaignReportView, CampaignView } from '../promotions/campaign-views';
import { action } from './contract';
import { noInput, pageCursor, requestIdSchema } from './common';

const campaignId = z.string().min(1).max(64);
const byId = z.object({ campaignId }).strict();
const change = z.object({ campaignId, requestId: requestIdSchema }).strict();

/** What the timer reports (logs and tests read it; no client does). */
export type SystemReport = object;

/**
 * The `campaign` function (营销活动, operators only): create from a template, preview the audience
 * and the contact policy's effect, launch in bounded steps (the timer continues), pause/resume, report.
 */
export const campaignApi = {
  tick: action<SystemReport>()({ summary: '定时器：继续进行中的投放，发送会员续费提醒。', auth: 'system', input: noInput }),
  templates: action<{ templates: CampaignInput[] }>()({ summary: '可用的活动模板。', auth: 'operator', input: noInput }),
  create: action<CampaignView>()({ summary: '新建活动（草稿）；所选优惠券须在发放中。', auth: 'operator', input: z.object({ campaign: campaignInputSchema, requestId: requestIdSchema }).strict(), errors: ['INVALID_STATE'] }),
  list: action<{ campaigns: CampaignView[]; nextCursor: number | null }>()({ summary: '活动列表，最新在前。', auth: 'operator', input: z.object({ cursor: pageCursor.optional() }).strict() }),
  get: action<CampaignView>()({ summary: '一个活动。', auth: 'operator', input: byId }),
  update: action<CampaignView>()({
    summary: '修改草稿（只有草稿可改）。',
    auth: 'operator',
    input: z.object({ campaignId, campaign: campaignInputSchema, requestId: requestIdSchema }).strict(),
    errors: ['INVALID_STATE'],
  }),
  remove: action<{ campaignId: string; removed: true }>()({ summary: '删除草稿。', auth: 'operator', input: change, errors: ['INVALID_STATE'] }),
  preview: action<CampaignPreviewView>()({
    summary: '预览受众与触达策略的影响：已保存的活动、正在编辑的草稿，或带 requestId 的新表单。',
    auth: 'operator',
    input: z.object({ campaignId: campaignId.optional(), campaign: campaignInputSchema.optional(), requestId: requestIdSchema.optional() }).strict(),
  }),
  launch: action<CampaignView>()({ summary: '开始或继续投放：每次工作几秒并返回进度。', auth: 'operator', input: change, errors: ['INVALID_STATE'] }),
  pause: action<CampaignView>()({ summary: '暂停投放。', auth: 'operator', input: change, errors: ['INVALID_STATE'] }),
  resume: action<CampaignView>()({ summary: '恢复投放。', auth: 'operator', input: change, errors: ['INVALID_STATE'] }),
  report: action<CampaignReportView>()({ summary: '活动效果（对照组、归因订单、利润）。', auth: 'operator', input: byId }),
};
