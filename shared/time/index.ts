import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business days are Asia/Shanghai; timestamps are epoch ms UTC. Functions take `now` as a parameter. */
export const BUSINESS_TZ = 'Asia/Shanghai';
export const DAY_MS = 24 * 60 * 60 * 1000;

export const inBusinessTz = (ms: number) => dayjs(ms).tz(BUSINESS_TZ);

/** "2026-11-22" in Shanghai for an epoch ms. */
export const businessDate = (ms: number): string => inBusinessTz(ms).format('YYYY-MM-DD');

/** "2026-11-22 18:30" in Shanghai, for display. */
export const formatDateTime = (ms: number): string => inBusinessTz(ms).format('YYYY-MM-DD HH:mm');

export const addDays = (ms: number, days: number): number => ms + days * DAY_MS;

/** The last millisecond of a business day "YYYY-MM-DD" (Shanghai has no DST: always UTC+8). NaN if not a date. */
export const endOfBusinessDay = (day: string): number => Date.parse(`${day}T23:59:59.999+08:00`);
