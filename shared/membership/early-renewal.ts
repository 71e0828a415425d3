import { DAY_MS } from '../time';

/**
 * 提前续费奖励 (issue 19, pure): a renewal paid while the current term still runs and ends within
 * `daysBefore` days earns the reward. `expiresAt` is the membership's expiry before the renewal.
 */
/** The settings part (shared/settings/membership.ts earlyRenewalReward), by shape: settings import this folder, not the reverse. */
export interface EarlyRenewalRule {
  enabled: boolean;
  daysBefore: number;
  couponTemplateId: string;
}

export function earlyRenewalApplies(reward: EarlyRenewalRule, expiresAt: number | undefined, now: number): boolean {
  if (!reward.enabled || !reward.couponTemplateId || expiresAt === undefined) return false;
  return expiresAt > now && expiresAt - now <= reward.daysBefore * DAY_MS;
}

/**
 * The reward's idempotency key: the membership and the expiry of the term being renewed. One key per
 * renewed term, so a redelivered payment, a retried transaction or a second renewal of the same term
 * (after a refund) never earns a second coupon.
 */
export const earlyRenewalIssueKey = (membershipId: string, renewedExpiresAt: number) => `renew:${membershipId}:${renewedExpiresAt}`;
