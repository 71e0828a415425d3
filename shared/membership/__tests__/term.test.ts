import { DAY_MS } from '../../time';
import { extendExpiry, isActiveAt, membershipStatus, rollBackTerm } from '../term';

const now = Date.UTC(2026, 10, 22);

describe('membership term math', () => {
  test('first purchase starts now', () => {
    expect(extendExpiry(undefined, now, 365)).toEqual({ startsAt: now, expiresAt: now + 365 * DAY_MS });
  });
  test('early renewal stacks on the current expiry', () => {
    const cur = now + 10 * DAY_MS;
    expect(extendExpiry(cur, now, 365).expiresAt).toBe(cur + 365 * DAY_MS);
  });
  test('late renewal starts now, never back-dated', () => {
    expect(extendExpiry(now - 100 * DAY_MS, now, 365).expiresAt).toBe(now + 365 * DAY_MS);
  });
  test('rolling back the latest term restores the previous expiry', () => {
    const first = extendExpiry(undefined, now, 365);
    const second = extendExpiry(first.expiresAt, now + DAY_MS, 365);
    expect(rollBackTerm(second.expiresAt, second, now + 2 * DAY_MS)).toBe(first.expiresAt);
    expect(rollBackTerm(first.expiresAt, first, now + 5 * DAY_MS)).toBe(now + 5 * DAY_MS);
  });
  test('status', () => {
    expect(membershipStatus(undefined, now)).toBe('none');
    expect(membershipStatus(now - 1, now)).toBe('lapsed');
    expect(membershipStatus(now + 10 * DAY_MS, now)).toBe('expiring');
    expect(membershipStatus(now + 100 * DAY_MS, now)).toBe('active');
    expect(isActiveAt(now + 1, now)).toBe(true);
    expect(isActiveAt(now, now)).toBe(false);
  });
});
