import { earlyAccessBadge, remainingText } from '../countdown';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 4, 1, 4, 0); // any instant: the formatter only looks at the difference

describe('remainingText (members-only countdown, from the render time `now`)', () => {
  test.each([
    [2 * DAY + 3 * HOUR, '2天3小时'],
    [2 * DAY + 3 * HOUR + 59 * MIN, '2天3小时'], // floored: never promises more time than is left
    [14 * DAY, '14天'],
    [1 * DAY + 30 * MIN, '1天'],
    [DAY - 1, '23小时59分'],
    [5 * HOUR + 12 * MIN, '5小时12分'],
    [5 * HOUR, '5小时'],
    [HOUR + 59_999, '1小时'],
    [59 * MIN, '59分钟'],
    [MIN, '1分钟'],
    [59_999, '不到1分钟'],
    [1, '不到1分钟'],
  ])('%p ms left → %p', (left, text) => expect(remainingText(NOW + left, NOW)).toBe(text));

  test.each([0, -1, -DAY])('%p ms left → over (undefined)', (left) => expect(remainingText(NOW + left, NOW)).toBeUndefined());

  test('the same product reads differently as `now` moves', () => {
    const until = NOW + 2 * DAY + 3 * HOUR;
    expect(remainingText(until, NOW + 3 * HOUR)).toBe('2天');
    expect(remainingText(until, NOW + 2 * DAY)).toBe('3小时');
    expect(remainingText(until, until)).toBeUndefined();
  });
});

describe('earlyAccessBadge', () => {
  const until = NOW + 2 * DAY + 3 * HOUR;
  test('non-members see when the product opens to everyone', () => {
    expect(earlyAccessBadge(until, NOW, false)).toEqual({ kind: 'countdown', text: '会员抢先购 · 还剩 2天3小时 对所有人开放' });
  });
  test('active members can buy now', () => {
    expect(earlyAccessBadge(until, NOW, true)).toEqual({ kind: 'member', text: '会员专享抢先购' });
  });
  test('no window, or a window that has ended: no badge for anyone', () => {
    expect(earlyAccessBadge(undefined, NOW, false)).toBeUndefined();
    expect(earlyAccessBadge(NOW - 1, NOW, false)).toBeUndefined();
    expect(earlyAccessBadge(NOW, NOW, true)).toBeUndefined();
  });
});
