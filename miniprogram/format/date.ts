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
