import fc from 'fast-check';
import { applyRate, prorate } from '../rounding';
import { formatYuan } from '../format';
import { fenSchema } from '../fen';

describe('applyRate (the one rounding point)', () => {
  test.each([
    [1000, 95, 100, 950],
    [999, 95, 100, 949], // 949.05 → 949
    [999, 1, 2, 500], // 499.5 → half up
    [1, 1, 3, 0],
    [2, 1, 3, 1], // 0.666 → 1
    [-999, 1, 2, -500], // symmetric half away from zero
    [0, 7, 9, 0],
    [12345, 0, 100, 0],
  ])('%i × %i/%i = %i', (amount, n, d, expected) => {
    expect(applyRate(amount, n, d)).toBe(expected);
  });

  test('rejects non-integers and zero denominators', () => {
    expect(() => applyRate(10.5, 1, 2)).toThrow(RangeError);
    expect(() => applyRate(10, 0.5, 2)).toThrow(RangeError);
    expect(() => applyRate(10, 1, 0)).toThrow(RangeError);
  });

  test('result is always a safe integer within half a fen of the exact value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, n, d) => {
        const r = applyRate(a, n, d);
        expect(Number.isSafeInteger(r)).toBe(true);
        expect(Math.abs(r - (a * n) / d)).toBeLessThanOrEqual(0.5 + 1e-9);
      }),
    );
  });
});

describe('prorate (largest remainder)', () => {
  test('splits exactly, ties to the earlier part', () => {
    expect(prorate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(prorate(1, [1, 1])).toEqual([1, 0]);
    expect(prorate(1100, [1000, 100])).toEqual([1000, 100]);
    expect(prorate(0, [0, 0])).toEqual([0, 0]);
    expect(prorate(5, [])).toEqual([]);
  });

  test('refuses a positive total over zero weights and negative inputs', () => {
    expect(() => prorate(5, [0, 0])).toThrow(RangeError);
    expect(() => prorate(-1, [1])).toThrow(RangeError);
    expect(() => prorate(1, [-1, 2])).toThrow(RangeError);
  });

  test('parts always sum to the total and each is within 1 fen of its exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = prorate(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((p, i) => expect(Math.abs(p - (total * weights[i]) / sum)).toBeLessThan(1));
        },
      ),
    );
  });
});

describe('money formatting and validation', () => {
  test.each([
    [0, '¥0'],
    [100, '¥1'],
    [123456, '¥1,234.56'],
    [5, '¥0.05'],
    [-2550, '-¥25.50'],
  ])('formatYuan(%i) = %s', (f, s) => expect(formatYuan(f)).toBe(s));

  test('fen schema rejects floats and unsafe integers', () => {
    expect(fenSchema.safeParse(10.5).success).toBe(false);
    expect(fenSchema.safeParse(2 ** 60).success).toBe(false);
    expect(fenSchema.safeParse('100').success).toBe(false);
    expect(fenSchema.safeParse(100).success).toBe(true);
  });
});
