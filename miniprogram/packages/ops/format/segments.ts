import { formatYuan } from '@shared/money/format';
import { EVENT_LABELS, segmentLabel, type LabelRules } from '@shared/segments/labels';
import type { SegmentMember, TimelineItem } from '@shared/segments/views';
import { dateTime, fullDate } from '../../../format/date';

/** "购买 2 次 · 累计 ¥326 · 最近购买 2026-05-20 10:03" */
export function memberFacts(m: SegmentMember): string {
  const parts = [`购买 ${m.purchases} 次`, `累计 ${formatYuan(m.qualifyingSpendFen)}`];
  if (m.lastPurchaseAt !== undefined) parts.push(`最近购买 ${dateTime(m.lastPurchaseAt)}`);
  return parts.join(' · ');
}

/** The chips under a row: layer, life stage, membership (in that order). */
export function memberChips(m: SegmentMember): string[] {
  const chips: string[] = [];
  if (m.layer) chips.push(segmentLabel(`layer:${m.layer}`));
  if (m.life) chips.push(segmentLabel(`life:${m.life}`));
  if (m.member) chips.push(segmentLabel(`member:${m.member}`));
  return chips;
}

export interface TimelineLine {
  what: string;
  /** Money that moved, signed from the shop's point of view ("¥128", "-¥128"). */
  amount?: string;
  detail?: string;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function spendDelta(i: TimelineItem): string | undefined {
  if (!i.qualifyingDeltaFen) return undefined;
  return `累计消费 ${i.qualifyingDeltaFen > 0 ? '+' : ''}${formatYuan(i.qualifyingDeltaFen)}`;
}

function moneyDetail(i: TimelineItem): string | undefined {
  const d = i.data ?? {};
  switch (i.type) {
    case 'wallet.topup': {
      const bonus = num(d.bonusFen);
      return bonus ? `本金 ${formatYuan(num(d.principalFen) ?? i.totalFen)} · 赠送 ${formatYuan(bonus)}` : undefined;
    }
    case 'membership.purchased':
      return num(d.expiresAt) !== undefined ? `有效期至 ${fullDate(num(d.expiresAt)!)}` : undefined;
    case 'order.paid':
      return spendDelta(i) ?? '体验装，不计入购买次数和累计消费';
    default:
      return spendDelta(i);
  }
}

function surveyDetail(i: TimelineItem, rules: Pick<LabelRules, 'survey'>): string | undefined {
  const answers = (i.data?.answers ?? []) as Array<{ tags?: string[] }>;
  const tags = answers.flatMap((a) => a.tags ?? []);
  return tags.length ? tags.map((t) => segmentLabel(`tag:${t}`, rules)).join('、') : undefined;
}

/** One timeline event in Chinese: what happened, the amount, and what it changed. */
export function timelineLine(i: TimelineItem, rules: Pick<LabelRules, 'survey'>, orderTitle?: string): TimelineLine {
  const d = i.data ?? {};
  const title = orderTitle ? `「${orderTitle}」` : '';
  switch (i.type) {
    case 'order.paid':
    case 'wallet.topup':
    case 'membership.purchased':
      return { what: `${EVENT_LABELS[i.type]}${title}`, amount: formatYuan(i.totalFen), detail: moneyDetail(i) };
    case 'order.refunded':
    case 'wallet.refunded':
    case 'membership.refunded':
      return { what: `${EVENT_LABELS[i.type]}${title}`, amount: formatYuan(-i.totalFen), detail: moneyDetail(i) };
    case 'gift.claimed':
      return { what: `${EVENT_LABELS[i.type]}（${d.source === 'welcome' ? '入会礼包' : '累计消费礼'}）`, detail: d.delivery === 'pickup' ? '到店自提' : d.delivery === 'address' ? '快递到家' : undefined };
    case 'survey.answered':
      return d.cleared ? { what: '删除了问卷回答' } : { what: EVENT_LABELS[i.type], detail: surveyDetail(i, rules) };
    case 'lifecycle.changed': {
      const stage = (s: unknown) => (typeof s === 'string' ? segmentLabel(`life:${s}`) : '无');
      return { what: `生命周期：${stage(d.from)} → ${stage(d.to)}`, detail: '距上次购买的时间变长，自动变化' };
    }
    default:
      return { what: EVENT_LABELS[i.type] ?? i.type };
  }
}

/** A segment key as an element id part: "purchases:2" → "purchases-2"; other characters as _<hex>. */
export const keyDomId = (key: string): string => key.replace(':', '-').replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
