import { COLL } from '../_kit/collections';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { Delivery } from '../../shared/gifts/delivery';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { type EntitlementDoc } from '../../shared/documents';
import { NO_MONEY, writeEvent } from '../_events/make-event';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { deletionGuard } from '../_deletion/guard';
import { recordAddressUse } from '../_addresses/book';

interface StockDoc {
  _id: string;
  giftId: string;
  remaining: number;
  claimed: number;
  updatedAt: number;
}

/** The remaining stock of a gift: a document per gift id, seeded from settings on first claim. */
function initialStock(settings: Settings, giftId: string): number | undefined {
  const pack = settings.membershipPlans.find((p) => p.giftPack?.id === giftId)?.giftPack;
  if (pack) return pack.stock;
  return settings.tiers.find((t) => t.gift.id === giftId)?.gift.stock;
}

export const giftStockIdOf = (giftId: string) => `gst_${giftId}`;

/**
 * Claims a gift entitlement (welcome pack or tier gift) once, in ONE transaction with the stock
 * decrement (stock document by id) and the `gift.claimed` event: concurrent claims on the last
 * unit conflict and retry, so stock is never oversold; claiming again returns the existing claim.
 * `refusal` words the message for an entitlement that is not claimable (its state differs by kind).
 */
export async function claimEntitlement(ctx: ActionContext, entitlementId: string, delivery: Delivery, refusal: (e: EntitlementDoc) => string): Promise<Result<EntitlementDoc>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  let claimedNow = false;
  const res = await runInTransaction(
    ctx.db,
    async (tx): Promise<Result<EntitlementDoc>> => {
      claimedNow = false; // per attempt: a conflict retries the whole body
      const ent = await txGet<EntitlementDoc>(tx, COLL.entitlements, entitlementId);
      if (!ent || ent.openid !== ctx.openid) return fail('NOT_FOUND', '没有找到该礼品，请刷新后查看。');
      if (ent.status === 'claimed') return ok(ent);
      const deleting = await deletionGuard(tx, ctx.openid, 'gift');
      if (deleting) return deleting;
      if (ent.status !== 'available') return fail('GIFT_NOT_CLAIMABLE', refusal(ent));
      if (now > ent.claimDeadline) return fail('GIFT_NOT_CLAIMABLE', `「${ent.name}」已过领取期限，如有疑问请联系客服。`);
      const stockId = giftStockIdOf(ent.giftId);
      const stock = await txGet<StockDoc>(tx, COLL.gift_stock, stockId);
      const remaining = stock ? stock.remaining : initialStock(settings, ent.giftId) ?? 0;
      if (remaining <= 0) return fail('GIFT_OUT_OF_STOCK', `「${ent.name}」已领完，请联系客服为您安排替代礼品。`);
      const nextStock: StockDoc = { _id: stockId, giftId: ent.giftId, remaining: remaining - 1, claimed: (stock?.claimed ?? 0) + 1, updatedAt: now };
      await (stock ? txReplace(tx, COLL.gift_stock, nextStock) : txCreate(tx, COLL.gift_stock, nextStock));
      faultPoint('claim.after-stock');
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
    },
    // Everyone claiming one popular gift contends on its stock document: retry long enough that
    // a burst ends in claims and clean GIFT_OUT_OF_STOCK answers, not CONFLICT.
    { attempts: 200, baseDelayMs: 10, maxDelayMs: 1000 },
  );
  // A claim shipped to an address fills the address book — after the stock transaction committed,
  // so the contended path gains no read; a retry of a claim already made records nothing new.
  if (res.ok && claimedNow) await recordAddressUse(ctx, res.data.delivery);
  return res;
}
