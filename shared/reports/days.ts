import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { businessDate } from '../time';

dayjs.extend(utc);

/** A Shanghai business day, "YYYY-MM-DD" (reports are by business day, DESIGN rule 2). */
export type Day = string;

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Longest period one report read covers: a year of daily figures is still one screen of bars. */
export const MAX_REPORT_DAYS = 366;

/** The periods the report page offers (days, ending today). */
export const REPORT_PERIODS = [7, 30, 90] as const;

export const isDay = (s: string): boolean => DAY_PATTERN.test(s) && dayjs.utc(s, 'YYYY-MM-DD').format('YYYY-MM-DD') === s;

/** The day `n` days after `day` (negative: before). Calendar arithmetic: Shanghai has no DST. */
export const addDay = (day: Day, n: number): Day => dayjs.utc(day).add(n, 'day').format('YYYY-MM-DD');

/** Days from `from` to `to`, both included (empty when from > to). */
export function daysBetween(from: Day, to: Day): Day[] {
  const out: Day[] = [];
  for (let d = from; d <= to && out.length <= MAX_REPORT_DAYS * 10; d = addDay(d, 1)) out.push(d);
  return out;
}

/** The `days`-day period ending on the business day of `now` (today included). */
export function periodEnding(now: number, days: number): { from: Day; to: Day } {
  const to = businessDate(now);
  return { from: addDay(to, -(days - 1)), to };
}

/** Why a requested period cannot be reported, in Chinese (or null when it is fine). */
export function periodProblem(from: Day, to: Day): string | null {
  if (!isDay(from) || !isDay(to)) return '日期格式应为 YYYY-MM-DD，请重新选择时间段。';
  if (from > to) return '开始日期不能晚于结束日期，请重新选择时间段。';
  if (daysBetween(from, to).length > MAX_REPORT_DAYS) return `一次最多查看 ${MAX_REPORT_DAYS} 天，请缩短时间段。`;
  return null;
}

/**
 * Which rollup shard a customer's events fold into: a stable hash of the openid (FNV-1a), so one
 * customer always lands on one shard and concurrent folds of different customers mostly write
 * different documents instead of one hot document per day.
 */
export function shardOf(openid: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < openid.length; i++) {
    h ^= openid.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}
