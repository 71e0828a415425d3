import fc from 'fast-check';
import { funnelShape } from '../funnel-shape';
import { bucketIndices, columnBar, labelEvery, niceCeil, scaleFor, spanBar } from '../scale';
import { waterfallRows } from '../waterfall-rows';

/** The charts' arithmetic: where bars go for any values (negatives included), which labels print. */
describe('scales', () => {
  test.each([
    [0, 0],
    [1, 1],
    [7, 10],
    [12, 20],
    [21, 25],
    [2_600, 5_000],
    [864_800, 1_000_000],
    [100_000, 100_000],
  ])('niceCeil(%d) = %d', (n, expected) => {
    expect(niceCeil(n)).toBe(expected);
  });

  test('positive values stand on the zero line at the bottom', () => {
    const s = scaleFor([120, 80]);
    expect(s).toEqual({ lo: 0, hi: 200, zeroPct: 100 });
    expect(columnBar(120, s)).toEqual({ topPct: 40, heightPct: 60 });
    expect(columnBar(0, s)).toEqual({ topPct: 100, heightPct: 0 });
  });

  test('a negative day hangs below a zero line that moved up', () => {
    const s = scaleFor([1_000, -250]);
    expect(s).toEqual({ lo: -250, hi: 1_000, zeroPct: 80 });
    expect(columnBar(-250, s)).toEqual({ topPct: 80, heightPct: 20 });
    expect(columnBar(1_000, s)).toEqual({ topPct: 0, heightPct: 80 });
  });

  test('all zeros: a unit range, no division by zero', () => {
    const s = scaleFor([0, 0]);
    expect(s).toEqual({ lo: 0, hi: 1, zeroPct: 100 });
    expect(columnBar(0, s)).toEqual({ topPct: 100, heightPct: 0 });
  });

  test('property: every bar lies inside the plot and its height is proportional to |value|', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5_000_000, max: 5_000_000 }), { minLength: 1, maxLength: 40 }), (values) => {
        const s = scaleFor(values);
        for (const v of values) {
          const b = columnBar(v, s);
          expect(b.topPct).toBeGreaterThanOrEqual(0);
          expect(b.topPct + b.heightPct).toBeLessThanOrEqual(100 + 1e-9);
          expect(b.heightPct).toBeCloseTo((Math.abs(v) / (s.hi - s.lo)) * 100, 9);
          // Positive bars end at the zero line, negative ones start there.
          expect(v >= 0 ? b.topPct + b.heightPct : b.topPct).toBeCloseTo(s.zeroPct, 9);
        }
      }),
    );
  });

  test('spans on a horizontal track', () => {
    expect(spanBar(0, 50, { lo: 0, hi: 200 })).toEqual({ leftPct: 0, widthPct: 25 });
    expect(spanBar(150, 100, { lo: -100, hi: 200 })).toEqual({ leftPct: (200 / 300) * 100, widthPct: (50 / 300) * 100 });
  });
});

describe('x labels and grouping', () => {
  test('short series print every label; long ones every k-th, always the last', () => {
    expect(Array.from({ length: 5 }, (_x, i) => labelEvery(5, 6)(i))).toEqual([true, true, true, true, true]);
    const shown = Array.from({ length: 30 }, (_x, i) => i).filter(labelEvery(30, 6));
    expect(shown[shown.length - 1]).toBe(29);
    expect(shown.length).toBeLessThanOrEqual(7);
    expect(shown.length).toBeGreaterThanOrEqual(5);
  });

  test('a month fits one column per day; 90 days become weeks counted back from today (the newest whole)', () => {
    expect(bucketIndices(30, 31)).toHaveLength(30);
    expect(bucketIndices(7, 31)).toEqual(Array.from({ length: 7 }, (_x, i) => ({ first: i, last: i })));
    const weeks = bucketIndices(90, 31);
    expect(weeks).toHaveLength(13);
    expect(weeks[weeks.length - 1]).toEqual({ first: 83, last: 89 });
    expect(weeks[0]).toEqual({ first: 0, last: 5 });
    // Every day in exactly one group, in order.
    expect(weeks.reduce((n, w) => n + (w.last - w.first + 1), 0)).toBe(90);
    expect(weeks.every((w, i) => i === 0 || w.first === weeks[i - 1].last + 1)).toBe(true);
    // A year: two-week groups.
    expect(bucketIndices(366, 31)[1]).toEqual({ first: 2, last: 15 });
  });
});

describe('waterfall and funnel', () => {
  test('GMV → deductions → profit: each step floats where the running figure was', () => {
    const { rows, scale } = waterfallRows({ label: 'GMV', value: 1_000 }, [
      { key: 'refunds', label: '退款', value: 100 },
      { key: 'cogs', label: '商品成本', value: 1_200 },
    ], { label: '利润' });
    expect(rows.map((r) => [r.kind, r.from, r.to, r.amount])).toEqual([
      ['start', 0, 1_000, 1_000],
      ['step', 900, 1_000, 100],
      ['step', -300, 900, 1_200],
      ['end', 0, -300, -300],
    ]);
    expect(scale).toEqual({ lo: -300, hi: 1_000 });
  });

  test('funnel widths follow the first stage; the share of the stage before is printed', () => {
    expect(funnelShape([{ key: 'a', label: 'a', value: 40 }, { key: 'b', label: 'b', value: 10 }, { key: 'c', label: 'c', value: 0 }])).toEqual([
      { key: 'a', label: 'a', value: 40, widthPct: 100, fromPrevPct: null },
      { key: 'b', label: 'b', value: 10, widthPct: 25, fromPrevPct: 25 },
      { key: 'c', label: 'c', value: 0, widthPct: 2, fromPrevPct: 0 },
    ]);
    expect(funnelShape([{ key: 'a', label: 'a', value: 0 }, { key: 'b', label: 'b', value: 0 }]).map((s) => s.fromPrevPct)).toEqual([null, null]);
  });
});
