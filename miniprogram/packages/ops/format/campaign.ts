import '../zod-setup';
import type { CampaignCounts } from '@shared/promotions/campaign-report';
import type { CampaignPreviewView, CampaignView } from '@shared/promotions/campaign-views';
import { POLICY_STAGE_LABELS, type PolicyStage } from '@shared/promotions/contact-policy';
import { CONTACT_OFFER_LABELS } from '@shared/promotions/contact-policy';
import type { Settings } from '@shared/settings';

/** What the operator reads about campaigns: statuses (the server's own words), audiences, the preview and the report in words. */
export { CAMPAIGN_STATUS_LABELS } from '@shared/promotions/campaign-transitions';

/** Audiences in words live beside the segment labels (the audit log reads them too). */
export { audienceText } from '@shared/segments/labels';

export const STAGE_ORDER: PolicyStage[] = ['prospect', 'active', 'silent', 'sleeping', 'churned'];

/** "每 7 天最多 2 条 · 只发内容，不发优惠" — a stage's contact policy in words. */
export const stagePolicyText = (p: Settings['contactPolicy'][PolicyStage]): string => `每 7 天最多 ${p.maxPer7Days} 条 · ${CONTACT_OFFER_LABELS[p.offers]}`;

/** One line per reason a customer in the audience will not get the message now. */
export interface PreviewLine {
  key: 'holdout' | 'capped' | 'offerTooDeep' | 'noGrant' | 'noTemplate' | 'contentOnly' | 'noCoupon';
  label: string;
  value: number;
  why: string;
}

export function previewLines(p: CampaignPreviewView, holdoutPercent: number, policy: Settings['contactPolicy'], hasCoupon: boolean): PreviewLine[] {
  const noOffer = STAGE_ORDER.filter((s) => policy[s].offers === 'none').map((s) => POLICY_STAGE_LABELS[s]);
  const bigSaleOnly = STAGE_ORDER.filter((s) => policy[s].offers === 'big-sale-only').map((s) => POLICY_STAGE_LABELS[s]);
  const rules = [noOffer.length ? `${noOffer.join('、')}顾客只接收内容，不发优惠` : '', bigSaleOnly.length ? `${bigSaleOnly.join('、')}顾客只在大促时接收优惠` : ''].filter(Boolean);
  const deepWhy = `所处阶段不接收这种力度的优惠，不发券也不发消息：${[...rules, '其余阶段见「设置 › 触达策略」'].join('；')}`;
  return [
    { key: 'holdout', label: '对照组', value: p.holdout, why: holdoutPercent > 0 ? `随机留出 ${holdoutPercent}% 不发券不发消息，用来衡量活动带来的提升` : '未设对照组：无法衡量活动真正带来的提升' },
    ...(p.contentOnly > 0 ? [{ key: 'contentOnly' as const, label: '只收内容消息', value: p.contentOnly, why: `${rules.length ? rules.join('；') : '所处阶段不接收这种力度的优惠'}：不发券，改发内容消息（仍受频次上限和订阅次数限制）` }] : []),
    { key: 'offerTooDeep', label: '优惠超出阶段', value: p.offerTooDeep, why: hasCoupon ? `${deepWhy}。填写「内容消息」可让他们改收内容` : '本活动不发券，所有阶段都可接收' },
    ...(p.noCoupon > 0 ? [{ key: 'noCoupon' as const, label: '券已发完', value: p.noCoupon, why: p.couponsLeft !== undefined ? `这张券只剩 ${p.couponsLeft} 张（或顾客已领满每人限额）：发完后其余顾客不发券也不发消息。可换一张券或增加发放总量` : '顾客已领满这张券的每人限额，或券已暂停/过期：不发券也不发消息' }] : []),
    { key: 'capped', label: '超出频次上限', value: p.capped, why: '最近 7 天已收到规定条数的消息，本次跳过并计数，不会发出（仍会发券）' },
    { key: 'noGrant', label: '未订阅消息', value: p.noGrant, why: '顾客没有剩余的订阅次数（每次订阅只能发一条），本次不发消息（仍会发券）' },
    // Only when it happens: a store whose 活动通知 template is not filled in yet.
    ...(p.noTemplate > 0
      ? [{ key: 'noTemplate' as const, label: '未配置消息模板', value: p.noTemplate, why: '「设置 › 消息模板」里还没有填写活动通知的模板 ID，消息不会发出（仍会发券，也不占用顾客的订阅次数）。请先到小程序后台「订阅消息」选用模板，再把模板 ID 填到设置里。' }]
      : []),
  ];
}

/**
 * Launch progress: customers walked of those the launch will walk (the sizes of each clause's
 * first segment list), never shown as 100% before the server says it is done.
 */
export function launchProgress(c: Pick<CampaignView, 'status' | 'processed' | 'launch'>, toWalk: number | undefined): { pct: number; text: string } {
  const finished = c.launch?.done === true || c.status === 'live' || c.status === 'ended';
  if (finished) return { pct: 100, text: '发送完成' };
  // `processed` counts every row of the segment lists walked (a customer in an earlier clause too).
  if (!toWalk) return { pct: c.processed > 0 ? 50 : 0, text: `已筛查 ${c.processed} 位顾客` };
  const pct = Math.min(99, Math.floor((c.processed * 100) / toWalk));
  return { pct, text: `已筛查 ${Math.min(c.processed, toWalk)} / 约 ${toWalk} 位顾客` };
}

/** 12.5% from basis points. */
export const bpText = (bp: number): string => `${Math.round(bp) / 100}%`;

/** "+3.2 个百分点" / "-1 个百分点"; without a holdout there is nothing to compare with. */
export const liftText = (bp: number | null): string => (bp === null ? '无对照组' : `${bp >= 0 ? '+' : ''}${Math.round(bp) / 100} 个百分点`);

/** Why treated customers did not get the message: each reason, then what is still in flight. */
export function outcomeSteps(c: CampaignCounts): Array<{ key: string; label: string; value: number }> {
  const steps = [
    { key: 'offerTooDeep', label: '优惠超出阶段', value: c.offerTooDeep },
    { key: 'capped', label: '超出频次上限', value: c.capped },
    { key: 'noGrant', label: '未订阅消息', value: c.noGrant },
    { key: 'noTemplate', label: '未配置消息模板', value: c.noTemplate },
    { key: 'couponsRefused', label: '券已发完', value: c.couponsRefused },
    { key: 'refused', label: '微信拒收', value: c.refused },
    { key: 'failed', label: '发送失败', value: c.failed },
    { key: 'unknown', label: '结果未知', value: c.unknown },
  ];
  const accounted = steps.reduce((s, x) => s + x.value, 0) + c.sent;
  // A send decided but not yet answered by WeChat (a launch in progress, or interrupted).
  if (c.treated > accounted) steps.push({ key: 'sending', label: '发送中', value: c.treated - accounted });
  return steps.filter((s) => s.value > 0);
}
