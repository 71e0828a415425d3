import { formatYuan } from '@shared/money/format';
import { bucketIndices } from '../components/charts/scale';

/** Exact amount for reading: "¥12,345.60", "-¥80". */
export const yuanText = (fen: number): string => formatYuan(fen);

/** Short amount for an axis: "¥1.2万", "¥3,400", "-¥5.5万" (display only: never back into arithmetic). */
export function compactYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  if (abs >= 1_000_000) {
    const wan = Math.round(abs / 100_000) / 10;
    return `${sign}¥${wan % 1 === 0 ? wan.toFixed(0) : wan.toFixed(1)}万`;
  }
  return `${sign}¥${Math.round(abs / 100).toLocaleString('en-US')}`;
}

/** "2026-05-20" → "05-20". */
export const shortDay = (day: string): string => day.slice(5);

/** "3 天 4 小时", "5 小时", "不到 1 小时". */
export function durationText(ms: number | null): string {
  if (ms === null) return '暂无';
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return '不到 1 小时';
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (!days) return `${hours} 小时`;
  return rest ? `${days} 天 ${rest} 小时` : `${days} 天`;
}

export const pctText = (pct: number | null): string => (pct === null ? '—' : `${pct}%`);

/** Profit as a share of GMV, one decimal ("—" without GMV). */
export const marginText = (profitFen: number, gmvFen: number): string => (gmvFen > 0 ? `${Math.round((profitFen * 1000) / gmvFen) / 10}%` : '—');

/** Columns that fit a phone-wide chart; longer periods are grouped (90 days → 13 weeks). */
export const MAX_COLUMNS = 31;

export interface DaySeriesBucket<T> {
  /** Axis label: "05-20" for a day, "05-14" (first day) for a group. */
  label: string;
  /** Readout heading: "2026-05-20" or "2026-05-14 – 05-20". */
  title: string;
  first: string;
  last: string;
  values: T;
}

/**
 * A daily series as chart columns: one per day when they fit, else consecutive groups summed with
 * `sum` (or `pick` the group's last value for levels such as an outstanding balance).
 */
export function bucketDays<D extends { day: string }, T>(days: readonly D[], valuesOf: (d: D) => T, combine: (group: T[]) => T, maxColumns = MAX_COLUMNS): Array<DaySeriesBucket<T>> {
  return bucketIndices(days.length, maxColumns).map(({ first, last }) => {
    const group = days.slice(first, last + 1);
    const a = group[0].day;
    const b = group[group.length - 1].day;
    return { label: shortDay(a), title: a === b ? a : `${a} – ${shortDay(b)}`, first: a, last: b, values: combine(group.map(valuesOf)) };
  });
}

/** Field-wise sum of number records (bucketDays' `combine` for flows). */
export function sumFields<T extends Record<string, number>>(group: T[]): T {
  const out = {} as Record<string, number>;
  for (const g of group) for (const [k, v] of Object.entries(g)) out[k] = (out[k] ?? 0) + v;
  return out as T;
}

/** The group's last value (bucketDays' `combine` for levels: a balance at the end of the group). */
export const lastOf = <T>(group: T[]): T => group[group.length - 1];
