import { addDay, daysBetween, isDay, MAX_REPORT_DAYS, periodEnding, periodProblem, shardOf } from '../days';
import { median, pct, purchaseFunnel, TrialConversionTally } from '../conversion';
import type { TrialFact } from '../../segments/profile';

const DAY_MS = 86_400_000;

describe('business days (Asia/Shanghai)', () => {
  test('a period ending now starts N−1 days before today, Shanghai time', () => {
    // 2026-03-01 17:30 UTC is already 2026-03-02 01:30 in Shanghai.
    expect(periodEnding(Date.UTC(2026, 2, 1, 17, 30), 7)).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(periodEnding(Date.UTC(2026, 2, 1, 15, 59), 1)).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });

  test('calendar arithmetic across months and leap days', () => {
    expect(addDay('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
  });

  test.each([
    ['2026-01-01', '2026-01-31', null],
    ['2026-02-30', '2026-03-01', '日期格式应为 YYYY-MM-DD，请重新选择时间段。'],
    ['2026-03-02', '2026-03-01', '开始日期不能晚于结束日期，请重新选择时间段。'],
    ['2025-01-01', '2026-01-02', `一次最多查看 ${MAX_REPORT_DAYS} 天，请缩短时间段。`],
  ])('period %s … %s', (from, to, problem) => {
    expect(periodProblem(from, to)).toBe(problem);
  });

  test('isDay rejects shapes and impossible dates', () => {
    expect(isDay('2026-1-01')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2024-02-29')).toBe(true);
  });

  test('shards: stable per openid, spread over all shards', () => {
    expect(shardOf('cust_demo', 8)).toBe(shardOf('cust_demo', 8));
    const seen = new Set(Array.from({ length: 400 }, (_x, i) => shardOf(`cust_${i}`, 8)));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('conversion', () => {
  const t = (boughtAt: number, extra: Partial<TrialFact> = {}): TrialFact => ({ productId: 'prd_t', fullProductId: 'prd_f', orderId: `o${boughtAt}`, boughtAt, ...extra });

  test('per customer: converted (fastest time), refunded-unconverted, still open; median over converted', () => {
    const tally = new TrialConversionTally();
    tally.add([t(0, { convertedAt: 2 * DAY_MS, timeToConvertMs: 2 * DAY_MS })]);
    // Two trials, the second converted faster: that customer's time is the faster one.
    tally.add([t(0, { convertedAt: 9 * DAY_MS, timeToConvertMs: 9 * DAY_MS }), t(DAY_MS, { convertedAt: 5 * DAY_MS, timeToConvertMs: 4 * DAY_MS })]);
    tally.add([t(0, { convertedAt: 10 * DAY_MS, timeToConvertMs: 10 * DAY_MS })]);
    tally.add([t(0, { refundedAt: DAY_MS })]);
    tally.add([t(0)]);
    tally.add([]);
    tally.add(undefined);
    expect(tally.result()).toEqual({ buyers: 5, converted: 3, refundedUnconverted: 1, ratePct: 60, medianTimeToConvertMs: 4 * DAY_MS });
  });

  test('median and percent edge cases', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3, 2])).toBe(2);
    expect(median([7])).toBe(7);
    expect(pct(1, 3)).toBe(33.3);
    expect(pct(2, 3)).toBe(66.7);
    expect(pct(0, 0)).toBeNull();
    expect(new TrialConversionTally().result()).toEqual({ buyers: 0, converted: 0, refundedUnconverted: 0, ratePct: null, medianTimeToConvertMs: null });
  });

  test('funnel: at least 1 / 2 / 3 qualifying purchases from the bucket counts', () => {
    expect(purchaseFunnel({ 'purchases:0': 50, 'purchases:1': 30, 'purchases:2': 12, 'purchases:3plus': 8 })).toEqual({ atLeast1: 50, atLeast2: 20, atLeast3: 8, secondPct: 40, thirdPct: 40 });
    expect(purchaseFunnel({})).toEqual({ atLeast1: 0, atLeast2: 0, atLeast3: 0, secondPct: null, thirdPct: null });
  });
});
