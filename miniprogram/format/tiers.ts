import { formatYuan } from '@shared/money/format';
import type { TierGiftStatus, TierView, TiersView } from '@shared/tiers/view';
import { fullDate } from './date';
import { fulfilmentText } from './delivery';

/**
 * Display rules for cumulative-spend tiers (累计消费礼). Thresholds, gifts and gaps all come from
 * `member.tiers`; nothing here knows the configured amounts.
 */

export interface TierMark {
  thresholdFen: number;
  /** Position on the bar, 0–100. */
  percent: number;
  reached: boolean;
}

export interface TierBar {
  /** How much of the bar is filled, 0–100. */
  fillPercent: number;
  marks: TierMark[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;
// The fill is floored, so one fen short of a threshold never draws the bar as reaching it.
const floor2 = (x: number) => Math.floor(x * 100) / 100;

/**
 * The progress bar: one equal segment per tier, filled linearly within the segment the spend is
 * in. Equal segments rather than a linear money scale, because thresholds span 20× (¥5,000 …
 * ¥100,000) and a linear bar would squeeze the first tiers into a few pixels.
 */
export function tierBar(spendFen: number, thresholdsFen: readonly number[]): TierBar {
  const ts = [...thresholdsFen].sort((a, b) => a - b);
  const n = ts.length;
  if (n === 0) return { fillPercent: 0, marks: [] };
  const seg = 100 / n;
  const marks = ts.map((t, i) => ({ thresholdFen: t, percent: round2(seg * (i + 1)), reached: spendFen >= t }));
  const i = ts.findIndex((t) => spendFen < t);
  if (i < 0) return { fillPercent: 100, marks };
  const from = i === 0 ? 0 : ts[i - 1];
  const within = Math.max(0, spendFen - from) / (ts[i] - from);
  return { fillPercent: floor2(seg * (i + within)), marks };
}

/** "再消费 ¥X 可领取 <gift>", or "已解锁全部消费礼" when no gift is left to unlock. */
export function tierHeadline(view: TiersView): string {
  if (view.nextGapFen === null) return '已解锁全部消费礼';
  return `再消费 ${formatYuan(view.nextGapFen)} 可领取 ${view.nextGift?.name ?? '下一档消费礼'}`;
}

export const GIFT_STATUS_LABELS: Record<TierGiftStatus, string> = {
  locked: '未解锁',
  available: '可领取',
  claimed: '已领取',
  suspended: '暂停',
  expired: '已过期',
};

/** The line under a gift that says where it stands and what the customer can do about it. */
export function giftNote(t: TierView): string {
  switch (t.status) {
    case 'locked':
      return `还差 ${formatYuan(t.gapFen)}`;
    case 'available':
      return t.claimDeadline !== undefined ? `领取截止 ${fullDate(t.claimDeadline)}，逾期作废` : '可立即领取';
    case 'claimed':
      return fulfilmentText(t.delivery, t.fulfilment);
    case 'suspended':
      return `退款后累计消费低于门槛，再消费 ${formatYuan(t.gapFen)} 即可恢复`;
    case 'expired':
      return t.claimDeadline !== undefined ? `已于 ${fullDate(t.claimDeadline)} 过期，未在领取期限内领取` : '已超过领取期限';
  }
}

/** How many gifts are waiting to be claimed (the 会员 / 我的 entry says so). */
export const availableGiftCount = (view: TiersView | undefined) => view?.tiers.filter((t) => t.status === 'available').length ?? 0;

/** The member card's spend cell: the highest gift threshold reached (「¥5,000 档」), or the spend so far before the first. */
export function tierLevel(view: TiersView | undefined): { value: string; label: string } | undefined {
  if (!view) return undefined;
  const reached = view.tiers.filter((t) => t.gapFen === 0).map((t) => t.thresholdFen);
  return reached.length ? { value: `${formatYuan(Math.max(...reached))} 档`, label: '消费等级' } : { value: formatYuan(view.qualifyingSpendFen), label: '累计消费' };
}
