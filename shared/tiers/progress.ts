import type { TierGiftStatus } from './view';

/**
 * Cumulative-spend tiers (PRODUCT.md): which tier gifts to grant, suspend or restore when a
 * customer's qualifying spend changes, and how each tier reads for the customer. Pure: the
 * consumer feeds it the stored gift states and applies what it returns in one transaction.
 */
export interface TierDef {
  thresholdFen: number;
  giftId: string;
}

/** A tier gift's stored state (the entitlement document's status and deadline). */
export interface GrantState {
  status: 'available' | 'claimed' | 'suspended' | 'void' | 'expired';
  claimDeadline: number;
  /** Claim time left when it was suspended: the claim clock pauses while suspended. */
  suspendedRemainingMs?: number;
}

export type TierAction =
  | { giftId: string; action: 'grant' }
  | { giftId: string; action: 'suspend'; remainingMs: number }
  | { giftId: string; action: 'restore'; claimDeadline: number };

/**
 * - spend ≥ threshold, never granted → grant (once per customer and gift, ever)
 * - spend ≥ threshold, suspended → restore, with the claim time it had left
 * - spend < threshold, available and not past its deadline → suspend
 * Claimed gifts are never touched (no clawback) and never granted again; expired ones stay expired.
 */
export function tierActions(tiers: TierDef[], spendFen: number, grants: Record<string, GrantState | undefined>, now: number): TierAction[] {
  const out: TierAction[] = [];
  for (const t of tiers) {
    const g = grants[t.giftId];
    if (spendFen >= t.thresholdFen) {
      if (!g) out.push({ giftId: t.giftId, action: 'grant' });
      else if (g.status === 'suspended') out.push({ giftId: t.giftId, action: 'restore', claimDeadline: now + Math.max(0, g.suspendedRemainingMs ?? 0) });
    } else if (g && g.status === 'available' && now <= g.claimDeadline) {
      out.push({ giftId: t.giftId, action: 'suspend', remainingMs: g.claimDeadline - now });
    }
  }
  return out;
}

/** How one tier reads for the customer right now. */
export function tierStatus(g: GrantState | undefined, now: number): TierGiftStatus {
  if (!g || g.status === 'void') return 'locked';
  if (g.status === 'available' && now > g.claimDeadline) return 'expired';
  return g.status;
}

/**
 * The next gift the customer can still get by spending more: the lowest tier above the current
 * spend whose gift is not already claimed or expired. After a refund, a claimed gift below the
 * new spend is not offered again; the next one waits until spend is regained.
 */
export function nextTier<T extends TierDef>(tiers: T[], spendFen: number, grants: Record<string, GrantState | undefined>, now: number): { tier: T; gapFen: number } | null {
  for (const t of tiers) {
    if (t.thresholdFen <= spendFen) continue;
    const st = tierStatus(grants[t.giftId], now);
    if (st === 'claimed' || st === 'expired') continue;
    return { tier: t, gapFen: t.thresholdFen - spendFen };
  }
  return null;
}
