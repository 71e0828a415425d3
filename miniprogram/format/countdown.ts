/**
 * Countdowns for time-limited offers. Pure: the caller passes the render time `now` (components
 * never read the clock), so a page decides how often the text refreshes and tests need no timers.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "2天3小时" / "2天" / "5小时12分" / "5小时" / "18分钟" / "不到1分钟"; undefined once `until` has
 * passed. Every unit is floored: a countdown must never promise more time than is left.
 */
export function remainingText(until: number, now: number): string | undefined {
  const left = until - now;
  if (!(left > 0)) return undefined;
  const days = Math.floor(left / DAY);
  const hours = Math.floor((left % DAY) / HOUR);
  const minutes = Math.floor((left % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days}天${hours}小时` : `${days}天`;
  if (hours > 0) return minutes > 0 ? `${hours}小时${minutes}分` : `${hours}小时`;
  if (minutes > 0) return `${minutes}分钟`;
  return '不到1分钟';
}

export type EarlyAccessBadge = { kind: 'member'; text: string } | { kind: 'countdown'; text: string };

/**
 * The badge for a product in its members-only window (`memberEarlyAccessUntil`), or undefined when
 * there is no window or it has ended. Active members can buy now; everyone else sees when the
 * product opens to all.
 */
export function earlyAccessBadge(until: number | undefined, now: number, isMember: boolean): EarlyAccessBadge | undefined {
  if (until === undefined) return undefined;
  const left = remainingText(until, now);
  if (left === undefined) return undefined;
  return isMember ? { kind: 'member', text: '会员专享抢先购' } : { kind: 'countdown', text: `会员抢先购 · 还剩 ${left} 对所有人开放` };
}
