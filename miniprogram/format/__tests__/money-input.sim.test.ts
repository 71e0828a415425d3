import { parseYuanInput } from '../money-input';
import { daysUntil, fullDate } from '../date';

describe('parseYuanInput (typed yuan → integer fen, no floats)', () => {
  test.each([
    ['100', 10_000],
    ['99.9', 9_990],
    ['0.50', 50],
    ['0.07', 7],
    [' 12.3 ', 1_230],
    ['1.', 100],
    ['5000', 500_000],
  ])('%p → %p', (text, fen) => expect(parseYuanInput(text)).toBe(fen));

  test.each(['', '.5', '1.234', '-1', '1e3', '1,000', '¥100', 'abc', '1234567890'])('%p is rejected', (text) => {
    expect(parseYuanInput(text)).toBeUndefined();
  });

  test('0.1 + 0.2 style inputs stay exact', () => {
    expect(parseYuanInput('0.29')).toBe(29);
    expect(parseYuanInput('1.15')).toBe(115);
  });
});

describe('dates in Asia/Shanghai', () => {
  test('fullDate uses UTC+8 whatever the machine zone', () => {
    // 2026-01-31T16:30Z is already 2026-02-01 00:30 in Shanghai.
    expect(fullDate(Date.UTC(2026, 0, 31, 16, 30))).toBe('2026-02-01');
  });
  test('daysUntil rounds a partial day up and never goes negative', () => {
    expect(daysUntil(86_400_000 * 3 + 1, 0)).toBe(4);
    expect(daysUntil(0, 5)).toBe(0);
  });
});
