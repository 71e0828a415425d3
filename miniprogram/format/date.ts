/**
 * Display dates in the business time zone (Asia/Shanghai, UTC+8 all year — no DST). Done by
 * offset arithmetic rather than Intl/dayjs-timezone because Intl time-zone support is missing on
 * some WeChat Android runtimes.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "05-21" for an epoch ms, as a customer in China reads it. */
export function monthDay(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "365 天" — terms are configured in days; a year is spelled out only when exact. */
export function termText(days: number): string {
  return days === 365 ? '1 年（365 天）' : `${days} 天`;
}

const SHANGHAI = (ms: number) => new Date(ms + SHANGHAI_OFFSET_MS);

/** "2026-05-21" */
export function fullDate(ms: number): string {
  const d = SHANGHAI(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** "2026-05-21 14:03" */
export function dateTime(ms: number): string {
  const d = SHANGHAI(ms);
  return `${fullDate(ms)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Whole days from `now` until `ms`, rounded up ("还剩 3 天" on the last partial day too). */
export function daysUntil(ms: number, now: number): number {
  return Math.max(0, Math.ceil((ms - now) / 86_400_000));
}
