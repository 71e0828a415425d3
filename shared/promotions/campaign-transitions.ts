import { ok, type Result } from '../errors/result';
import { tableMove, type StatusPatch } from '../orders/transitions';
import type { CampaignStatus } from './campaign-views';

/**
 * A campaign's life as data: a draft is launched (发送中), the launch finishes (进行中, or 已结束 when
 * it ran past the end), an operator pauses a launching or live campaign and resumes it (back to
 * where it was, or ended if the end passed meanwhile), and the end time ends a live or paused one.
 * Nothing leaves `ended`. `transitionCampaign` is the only writer of a campaign's `status`.
 */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  draft: ['launching'],
  launching: ['live', 'ended', 'paused'],
  live: ['paused', 'ended'],
  paused: ['launching', 'live', 'ended'],
  ended: [],
};

/** Every campaign starts as a draft (editable, removable); only a launch moves it on. */
export const NEW_CAMPAIGN_STATUS: CampaignStatus = 'draft';

export const CAMPAIGN_STATUS_LABELS: Readonly<Record<CampaignStatus, string>> = { draft: '草稿', launching: '发送中', live: '进行中', paused: '已暂停', ended: '已结束' };

/** Pure: the status patch, or INVALID_STATE when the table has no such move (nothing changes then). */
export function transitionCampaign(doc: { status: CampaignStatus }, to: CampaignStatus, at: number): Result<StatusPatch<CampaignStatus>> {
  const moved = tableMove(CAMPAIGN_TRANSITIONS, '活动', doc.status, to, CAMPAIGN_STATUS_LABELS);
  return moved.ok ? ok({ status: moved.data, updatedAt: at }) : moved;
}
