import { DAY_MS } from '../time';

/**
 * Membership term math (PRODUCT.md). Renewal stacks: new expiry = max(now, current expiry) + term,
 * so renewing early never loses days and renewing late never back-dates.
 */
export function extendExpiry(currentExpiresAt: number | undefined, now: number, termDays: number): { startsAt: number; expiresAt: number } {
  if (!Number.isSafeInteger(termDays) || termDays < 1) throw new RangeError('termDays must be a positive integer');
  const startsAt = Math.max(now, currentExpiresAt ?? 0);
  return { startsAt, expiresAt: startsAt + termDays * DAY_MS };
}

export const isActiveAt = (expiresAt: number | undefined, now: number): boolean => expiresAt !== undefined && expiresAt > now;

/**
 * Rolls back a refunded term. Terms are contiguous (each starts where the previous ended), so
 * removing one shortens the chain by its length. The expiry never goes below `now` minus nothing
 * owed: if the result is in the past the membership simply ends now.
 */
export function rollBackTerm(currentExpiresAt: number, term: { startsAt: number; expiresAt: number }, now: number): number {
  const length = term.expiresAt - term.startsAt;
  const rolled = currentExpiresAt - length;
  return Math.max(rolled, Math.min(now, currentExpiresAt));
}

/** 'expiring' within `windowDays` (renewal reminders, segment member:expiring). */
export function membershipStatus(expiresAt: number | undefined, now: number, windowDays = 30): 'none' | 'active' | 'expiring' | 'lapsed' {
  if (expiresAt === undefined) return 'none';
  if (expiresAt <= now) return 'lapsed';
  return expiresAt - now <= windowDays * DAY_MS ? 'expiring' : 'active';
}
