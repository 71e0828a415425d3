import type { Settings } from '../../shared/settings';
import { tierActions, type GrantState, type TierDef } from '../../shared/tiers/progress';
import { DAY_MS } from '../../shared/time';
import { idFromKey } from '../_kit/ids';
import type { Tx } from '../_kit/transaction';
import { type EntitlementDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/** One tier gift per customer and gift id, ever: the id makes a second grant impossible. */
export const tierEntitlementId = (openid: string, giftId: string) => idFromKey('ent', 'tier', openid, giftId);

export const tierDefs = (settings: Settings): TierDef[] => settings.tiers.map((t) => ({ thresholdFen: t.thresholdFen, giftId: t.gift.id }));

export const grantStateOf = (e: EntitlementDoc): GrantState => ({
  status: e.status,
  claimDeadline: e.claimDeadline,
  ...(e.suspendedRemainingMs !== undefined ? { suspendedRemainingMs: e.suspendedRemainingMs } : {}),
});

/**
 * The tier gift documents a change of spend up to `maxSpendFen` may touch, read by id inside `tx`:
 * every gift that exists (it may be suspended or restored) and any tier reached that has none yet
 * (it may be granted). A tier above the spend with no gift cannot change, so it is not read — most
 * purchases read nothing. `known` = the gift ids that exist (the profile's tierGiftIds); without
 * it every tier is read.
 */
export async function readTierGifts(tx: Tx, openid: string, settings: Settings, maxSpendFen = Infinity, known?: readonly string[]): Promise<Record<string, EntitlementDoc | undefined>> {
  const out: Record<string, EntitlementDoc | undefined> = {};
  for (const t of settings.tiers) {
    const mayChange = !known || known.includes(t.gift.id) || t.thresholdFen <= maxSpendFen;
    if (mayChange) out[t.gift.id] = (await txGet<EntitlementDoc>(tx, COLL.entitlements, tierEntitlementId(openid, t.gift.id))) ?? undefined;
  }
  return out;
}

/** A point on the customer's spend path: the spend right after one fact, and when it happened. */
export interface SpendStep {
  spendFen: number;
  at: number;
}

/**
 * Brings the customer's tier gifts in line with `spendFen` inside the caller's transaction: grants
 * newly reached gifts, suspends unclaimed ones the spend fell below, restores suspended ones it
 * reached again (shared/tiers decides; this only writes). Returns what it did, for logs and tests.
 */
export async function reconcileTierGifts(tx: Tx, openid: string, spendFen: number, settings: Settings, at: number): Promise<string[]> {
  return (await reconcileTierGiftsAlong(tx, openid, [{ spendFen, at }], settings)).done;
}

/**
 * The same along several spend steps (a batch of one customer's events applied in one
 * transaction): the gift documents are read once, every step is decided in memory in order — so a
 * batch that crosses a threshold and then refunds below it grants and then suspends, exactly as one
 * event per transaction would — and each changed document is written once at the end (a
 * transaction never reads its own writes).
 */
export async function reconcileTierGiftsAlong(tx: Tx, openid: string, steps: SpendStep[], settings: Settings, known?: readonly string[]): Promise<{ done: string[]; giftIds: string[] }> {
  const docs = await readTierGifts(tx, openid, settings, Math.max(...steps.map((s) => s.spendFen)), known);
  const existed = new Set(Object.keys(docs).filter((k) => docs[k]));
  const changed = new Set<string>();
  const done: string[] = [];
  for (const step of steps) {
    const states: Record<string, GrantState | undefined> = {};
    for (const [giftId, d] of Object.entries(docs)) states[giftId] = d ? grantStateOf(d) : undefined;
    for (const a of tierActions(tierDefs(settings), step.spendFen, states, step.at)) {
      const next = nextGiftDoc(a, docs[a.giftId], openid, settings, step.at);
      if (!next) continue;
      docs[a.giftId] = next;
      changed.add(a.giftId);
      done.push(`${a.action}:${a.giftId}`);
    }
  }
  for (const giftId of changed) {
    const d = docs[giftId]!;
    await (existed.has(giftId) ? txReplace(tx, COLL.entitlements, d) : txCreate(tx, COLL.entitlements, d));
  }
  // Gifts that exist now: those known before (a gift is never deleted while the profile lives) and those read or granted.
  const giftIds = [...new Set([...(known ?? []), ...Object.keys(docs).filter((k) => docs[k])])].sort();
  return { done, giftIds };
}

type TierAction = ReturnType<typeof tierActions>[number];

function nextGiftDoc(a: TierAction, cur: EntitlementDoc | undefined, openid: string, settings: Settings, at: number): EntitlementDoc | undefined {
  if (a.action === 'grant') {
    const g = settings.tiers.find((t) => t.gift.id === a.giftId)!.gift;
    return {
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
  }
  if (!cur) return undefined;
  if (a.action === 'suspend') return { ...cur, status: 'suspended', suspendedAt: at, suspendedRemainingMs: a.remainingMs, version: cur.version + 1 };
  if (a.action === 'restore') {
    const { suspendedAt: _a, suspendedRemainingMs: _b, ...rest } = cur;
    void _a;
    void _b;
    return { ...rest, status: 'available', claimDeadline: a.claimDeadline, version: cur.version + 1 };
  }
  return undefined;
}
