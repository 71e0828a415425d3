import type { Settings } from '../../shared/settings';
import { getById, type Db } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * A gift's remaining stock (`gift_stock/gst_<giftId>`, shared by welcome packs and tier gifts),
 * handed out by ONE conditional update (`where({_id, remaining > 0}).update({remaining: −1})`)
 * before the claim's transaction, as coupon units and product stock are (issue 18). The database
 * applies such updates one after another without aborting any, so members claiming one popular
 * gift do not retry against each other on its document. If the claim then does not happen the
 * unit goes back (giveGiftUnitBack). A crash between the two holds a unit nobody claimed — fewer
 * gifts than the stock, never more.
 */
export interface GiftStockDoc {
  _id: string;
  giftId: string;
  remaining: number;
  claimed: number;
  updatedAt: number;
}

export const giftStockIdOf = (giftId: string) => `gst_${giftId}`;

/** The stock a gift starts with: seeded from settings on its first claim. */
export function initialGiftStock(settings: Settings, giftId: string): number {
  const pack = settings.membershipPlans.find((p) => p.giftPack?.id === giftId)?.giftPack;
  if (pack) return pack.stock;
  return settings.tiers.find((t) => t.gift.id === giftId)?.gift.stock ?? 0;
}

async function ensureStock(db: Db, giftId: string, initial: number, now: number): Promise<void> {
  const id = giftStockIdOf(giftId);
  await runInTransaction(db, async (tx) => {
    if (await txGet<GiftStockDoc>(tx, COLL.gift_stock, id)) return;
    await txCreate<GiftStockDoc>(tx, COLL.gift_stock, { _id: id, giftId, remaining: initial, claimed: 0, updatedAt: now });
  });
}

export async function takeGiftUnit(db: Db, giftId: string, initial: number, now: number): Promise<'taken' | 'sold-out'> {
  const _ = db.command;
  const id = giftStockIdOf(giftId);
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = (await db.collection(COLL.gift_stock).where({ _id: id, remaining: _.gt(0) }).update({ remaining: _.inc(-1), claimed: _.inc(1), updatedAt: now })) as { updated?: number };
    if (res.updated === 1) return 'taken';
    // Nothing matched: the gift's first claim (no stock document yet), or none left.
    if (await getById<GiftStockDoc>(db, COLL.gift_stock, id)) return 'sold-out';
    await ensureStock(db, giftId, initial, now);
  }
  return 'sold-out';
}

/** A taken unit the claim did not use (refused, already claimed, a fault): back to the gift. */
export async function giveGiftUnitBack(db: Db, giftId: string, now: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLL.gift_stock).where({ _id: giftStockIdOf(giftId), claimed: _.gt(0) }).update({ remaining: _.inc(1), claimed: _.inc(-1), updatedAt: now });
}
