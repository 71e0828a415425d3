/**
 * Date/time pickers speak "YYYY-MM-DD" and "HH:mm" in the shop's time zone (Asia/Shanghai, UTC+8
 * all year); the server speaks epoch ms. Offset arithmetic, as format/date.ts does, because
 * Intl time zones are missing on some WeChat runtimes.
 */
const OFFSET_MS = 8 * 3_600_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

export function shanghaiParts(ms: number): { date: string; time: string } {
  const d = new Date(ms + OFFSET_MS);
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`,
  };
}

/** "2026-06-01" + "10:00" (Shanghai) → epoch ms, or undefined when either is malformed. */
export function fromShanghai(date: string, time: string): number | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return undefined;
  return Date.UTC(y, mo - 1, da, h, mi) - OFFSET_MS;
}

/** The next whole hour `days` days from now (quick choices: 3 / 7 / 14 天后). */
export function daysFromNow(now: number, days: number): number {
  const hour = 3_600_000;
  return Math.ceil((now + days * 86_400_000) / hour) * hour;
}
