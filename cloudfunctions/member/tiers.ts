import { fail, ok, type Result } from '../../shared/errors/result';
import type { Delivery } from '../../shared/gifts/delivery';
import { formatYuan } from '../../shared/money/format';
import type { Settings } from '../../shared/settings';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { nextTier, tierStatus, type GrantState } from '../../shared/tiers/progress';
import type { TiersView, TierView } from '../../shared/tiers/view';
import type { ActionContext } from '../_kit/create-handler';
import { getById, getByIds } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { claimEntitlement } from '../_gifts/claim-gift';
import { type EntitlementDoc } from '../../shared/documents';
import { grantStateOf, reconcileTierGiftsAlong, tierDefs, tierEntitlementId } from '../_gifts/tier-gifts';
import { txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

function tierView(t: Settings['tiers'][number], spendFen: number, e: EntitlementDoc | undefined, now: number): TierView {
  return {
    thresholdFen: t.thresholdFen,
    giftId: t.gift.id,
    giftName: t.gift.name,
    items: t.gift.items,
    valueFen: t.gift.valueFen,
    status: tierStatus(e ? grantStateOf(e) : undefined, now),
    gapFen: Math.max(0, t.thresholdFen - spendFen),
    ...(e
      ? {
          entitlementId: e._id,
          claimDeadline: e.claimDeadline,
          ...(e.claimedAt !== undefined ? { claimedAt: e.claimedAt } : {}),
          ...(e.delivery ? { delivery: e.delivery } : {}),
          ...(e.fulfilment ? { fulfilment: e.fulfilment } : {}),
        }
      : {}),
  };
}

/** The spend and the tier gifts: one read of the profile, one query for the gifts it says exist (none: no query). */
async function readState(ctx: ActionContext, settings: Settings) {
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(ctx.openid));
  const spendFen = profile?.qualifyingSpendFen ?? 0;
  const known = profile ? profile.tierGiftIds : [];
  const wanted = settings.tiers.map((t) => t.gift.id).filter((id) => !known || known.includes(id));
  const found = await getByIds<EntitlementDoc>(ctx.db, COLL.entitlements, wanted.map((id) => tierEntitlementId(ctx.openid, id)));
  const gifts = new Map<string, EntitlementDoc | undefined>(settings.tiers.map((t) => [t.gift.id, found.get(tierEntitlementId(ctx.openid, t.gift.id))]));
  return { spendFen, gifts };
}

/**
 * A tier reached but never granted can only mean the operator added or lowered a threshold since
 * the customer's last purchase: grant it now (same rules, same one-per-customer id).
 */
async function catchUp(ctx: ActionContext, settings: Settings, spendFen: number, gifts: Map<string, EntitlementDoc | undefined>): Promise<boolean> {
  const missing = settings.tiers.some((t) => spendFen >= t.thresholdFen && !gifts.get(t.gift.id));
  if (!missing) return false;
  await runInTransaction(ctx.db, async (tx) => {
    const p = await txGet<CustomerProfile>(tx, COLL.profiles, profileIdOf(ctx.openid));
    if (!p) return;
    const r = await reconcileTierGiftsAlong(tx, ctx.openid, [{ spendFen: p.qualifyingSpendFen, at: ctx.now() }], settings, p.tierGiftIds);
    // The profile's list of gifts that exist follows the grant (the next purchase reads only those).
    if (r.giftIds.join() !== (p.tierGiftIds ?? []).join()) await txReplace(tx, COLL.profiles, { ...p, tierGiftIds: r.giftIds, version: p.version + 1 });
  });
  return true;
}

export async function tiers(_input: Record<string, never>, ctx: ActionContext): Promise<Result<TiersView>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  let state = await readState(ctx, settings);
  if (await catchUp(ctx, settings, state.spendFen, state.gifts)) state = await readState(ctx, settings);
  const { spendFen, gifts } = state;
  const grants: Record<string, GrantState | undefined> = {};
  for (const [id, e] of gifts) grants[id] = e ? grantStateOf(e) : undefined;
  const next = nextTier(tierDefs(settings), spendFen, grants, now);
  const nextGift = next ? settings.tiers.find((t) => t.gift.id === next.tier.giftId)!.gift : undefined;
  return ok({
    qualifyingSpendFen: spendFen,
    tiers: settings.tiers.map((t) => tierView(t, spendFen, gifts.get(t.gift.id), now)),
    nextGapFen: next ? next.gapFen : null,
    ...(next && nextGift ? { nextGift: { giftId: nextGift.id, name: nextGift.name, thresholdFen: next.tier.thresholdFen } } : {}),
  });
}

/** Claims a tier gift (stock-safe and idempotent: see claimEntitlement). */
export async function claimGift(input: { giftId: string; delivery?: Delivery; requestId: string }, ctx: ActionContext): Promise<Result<TierView>> {
  const settings = await ctx.settings();
  const tier = settings.tiers.find((t) => t.gift.id === input.giftId);
  if (!tier) return fail('NOT_FOUND', '没有找到该消费礼，请刷新后查看。');
  const { spendFen, gifts } = await readState(ctx, settings);
  if (!gifts.get(input.giftId)) {
    return fail('GIFT_NOT_CLAIMABLE', `累计消费满 ${formatYuan(tier.thresholdFen)} 即可领取「${tier.gift.name}」，还差 ${formatYuan(Math.max(0, tier.thresholdFen - spendFen))}。`);
  }
  const res = await claimEntitlement(ctx, tierEntitlementId(ctx.openid, input.giftId), input.delivery ?? { method: 'pickup' }, (e) =>
    e.status === 'suspended'
      ? `退款后累计消费低于 ${formatYuan(tier.thresholdFen)}，「${e.name}」暂停领取；再消费 ${formatYuan(Math.max(0, tier.thresholdFen - spendFen))} 即可恢复。`
      : '该礼品当前不能领取，请刷新后查看。',
  );
  if (!res.ok) return res;
  return ok(tierView(tier, spendFen, res.data, ctx.now()));
}
