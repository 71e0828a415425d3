import { COLL } from '../_kit/collections';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { Delivery } from '../../shared/gifts/delivery';
import type { ActionContext } from '../_kit/create-handler';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { type EntitlementDoc } from '../../shared/documents';
import { NO_MONEY, writeEvent } from '../_events/make-event';
import { txGet, txReplace } from '../_kit/tx';
import { getById } from '../_kit/db';
import { giveGiftUnitBack, initialGiftStock, seedGiftStockInTx, takeGiftUnit, type GiftUnit } from './gift-stock';
import { deletionGuard } from '../_deletion/guard';
import { recordAddressUse } from '../_addresses/book';

/**
 * Claims a gift entitlement (welcome pack or tier gift) once: a unit of the gift's stock is taken
 * by one conditional update (./gift-stock.ts), then ONE transaction claims the entitlement and
 * writes the `gift.claimed` event; a claim that does not happen gives its unit back, so stock is
 * never oversold and concurrent claims do not abort each other. Claiming again returns the
 * existing claim.
 * `refusal` words the message for an entitlement that is not claimable (its state differs by kind).
 */
export async function claimEntitlement(ctx: ActionContext, entitlementId: string, delivery: Delivery, refusal: (e: EntitlementDoc) => string): Promise<Result<EntitlementDoc>> {
  const now = ctx.now();
  // Read first so that only a claim that can happen takes a unit; the transaction checks again.
  const seen = await getById<EntitlementDoc>(ctx.db, COLL.entitlements, entitlementId);
  const mayTake = seen !== null && seen.openid === ctx.openid && seen.status === 'available' && now <= seen.claimDeadline;
  let unit: GiftUnit | 'none' = 'none';
  if (mayTake) unit = await takeGiftUnit(ctx.db, seen.giftId, now);
  const initial = unit === 'seed' ? initialGiftStock(await ctx.settings(), seen!.giftId) : 0;
  let claimedNow = false;
  try {
    faultPoint('claim.after-stock');
    const res = await runInTransaction(ctx.db, async (tx): Promise<Result<EntitlementDoc>> => {
      claimedNow = false; // per attempt: a conflict retries the whole body
      const ent = await txGet<EntitlementDoc>(tx, COLL.entitlements, entitlementId);
      if (!ent || ent.openid !== ctx.openid) return fail('NOT_FOUND', '没有找到该礼品，请刷新后查看。');
      if (ent.status === 'claimed') return ok(ent);
      const deleting = await deletionGuard(tx, ctx.openid, 'gift');
      if (deleting) return deleting;
      if (ent.status !== 'available') return fail('GIFT_NOT_CLAIMABLE', refusal(ent));
      if (now > ent.claimDeadline) return fail('GIFT_NOT_CLAIMABLE', `「${ent.name}」已过领取期限，如有疑问请联系客服。`);
      if (unit === 'sold-out' || (unit === 'seed' && !(await seedGiftStockInTx(tx, ent.giftId, initial, now)))) return fail('GIFT_OUT_OF_STOCK', `「${ent.name}」已领完，请联系客服为您安排替代礼品。`);
      // It became claimable after the first read (a suspended gift restored meanwhile): no unit was taken.
      if (unit === 'none') return fail('GIFT_NOT_CLAIMABLE', `「${ent.name}」刚刚恢复可领取，请再点一次领取。`);
      const claimed: EntitlementDoc = { ...ent, status: 'claimed', claimedAt: now, delivery, fulfilment: { state: 'pending' }, version: ent.version + 1 };
      await txReplace(tx, COLL.entitlements, claimed);
      claimedNow = true;
      await writeEvent(tx, {
        factId: ent._id,
        type: 'gift.claimed',
        openid: ctx.openid,
        at: now,
        ...NO_MONEY,
        data: { giftId: ent.giftId, source: ent.source, valueFen: ent.valueFen, costFen: ent.costFen, delivery: delivery.method },
      });
      return ok(claimed);
    });
    // A claim shipped to an address fills the address book — after the transaction committed, so
    // the claim itself gains no read; a retry of a claim already made records nothing new.
    if (res.ok && claimedNow) await recordAddressUse(ctx, res.data.delivery);
    return res;
  } finally {
    if (unit === 'taken' && !claimedNow) await giveGiftUnitBack(ctx.db, seen!.giftId, now);
  }
}
