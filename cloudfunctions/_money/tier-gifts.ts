import type { Settings } from '../../shared/schemas/settings';
import { tierActions, type GrantState, type TierDef } from '../../shared/tiers/progress';
import { DAY_MS } from '../../shared/time';
import { idFromKey } from '../_kit/ids';
import type { Tx } from '../_kit/transaction';
import { COLL, type EntitlementDoc } from './docs';
import { txCreate, txGet, txReplace } from './tx';

/** One tier gift per customer and gift id, ever: the id makes a second grant impossible. */
export const tierEntitlementId = (openid: string, giftId: string) => idFromKey('ent', 'tier', openid, giftId);

export const tierDefs = (settings: Settings): TierDef[] => settings.tiers.map((t) => ({ thresholdFen: t.thresholdFen, giftId: t.gift.id }));

export const grantStateOf = (e: EntitlementDoc): GrantState => ({
  status: e.status,
  claimDeadline: e.claimDeadline,
  ...(e.suspendedRemainingMs !== undefined ? { suspendedRemainingMs: e.suspendedRemainingMs } : {}),
});

/** The customer's tier gift documents, read by id inside `tx`. */
export async function readTierGifts(tx: Tx, openid: string, settings: Settings): Promise<Record<string, EntitlementDoc | undefined>> {
  const out: Record<string, EntitlementDoc | undefined> = {};
  for (const t of settings.tiers) out[t.gift.id] = (await txGet<EntitlementDoc>(tx, COLL.entitlements, tierEntitlementId(openid, t.gift.id))) ?? undefined;
  return out;
}

/**
 * Brings the customer's tier gifts in line with `spendFen` inside the caller's transaction: grants
 * newly reached gifts, suspends unclaimed ones the spend fell below, restores suspended ones it
 * reached again (shared/tiers decides; this only writes). Returns what it did, for logs and tests.
 */
export async function reconcileTierGifts(tx: Tx, openid: string, spendFen: number, settings: Settings, at: number): Promise<string[]> {
  const docs = await readTierGifts(tx, openid, settings);
  const states: Record<string, GrantState | undefined> = {};
  for (const [giftId, d] of Object.entries(docs)) states[giftId] = d ? grantStateOf(d) : undefined;
  const done: string[] = [];
  for (const a of tierActions(tierDefs(settings), spendFen, states, at)) {
    const tier = settings.tiers.find((t) => t.gift.id === a.giftId)!;
    const cur = docs[a.giftId];
    if (a.action === 'grant') {
      const g = tier.gift;
      const ent: EntitlementDoc = {
        _id: tierEntitlementId(openid, g.id),
        openid,
        source: 'tier',
        giftId: g.id,
        name: g.name,
        items: g.items,
        valueFen: g.valueFen,
        costFen: g.costFen,
        status: 'available',
        grantedAt: at,
        claimDeadline: at + g.claimDays * DAY_MS,
        version: 1,
      };
      await txCreate(tx, COLL.entitlements, ent);
    } else if (a.action === 'suspend' && cur) {
      await txReplace(tx, COLL.entitlements, { ...cur, status: 'suspended', suspendedAt: at, suspendedRemainingMs: a.remainingMs, version: cur.version + 1 });
    } else if (a.action === 'restore' && cur) {
      const { suspendedAt: _a, suspendedRemainingMs: _b, ...rest } = cur;
      void _a; void _b;
      await txReplace(tx, COLL.entitlements, { ...rest, status: 'available', claimDeadline: a.claimDeadline, version: cur.version + 1 });
    }
    done.push(`${a.action}:${a.giftId}`);
  }
  return done;
}
