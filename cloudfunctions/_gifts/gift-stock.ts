import type { Settings } from '../../shared/settings';
import { getById, type Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
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

/**
 * `seed`: the gift has no stock document yet (its first claim) — nothing was taken; the claim's
 * transaction seeds the document with its unit taken (seedGiftStockInTx), so a refused first
 * claim writes nothing.
 */
export type GiftUnit = 'taken' | 'sold-out' | 'seed';

export async function takeGiftUnit(db: Db, giftId: string, now: number): Promise<GiftUnit> {
  const _ = db.command;
  const id = giftStockIdOf(giftId);
  const res = (await db.collection(COLL.gift_stock).where({ _id: id, remaining: _.gt(0) }).update({ remaining: _.inc(-1), claimed: _.inc(1), updatedAt: now })) as { updated?: number };
  if (res.updated === 1) return 'taken';
  // Nothing matched: none left, or the gift's first claim (no stock document yet).
  return (await getById<GiftStockDoc>(db, COLL.gift_stock, id)) ? 'sold-out' : 'seed';
}

/** Inside the first claim's transaction: the stock document, seeded from settings, with this claim's unit taken. */
export async function seedGiftStockInTx(tx: Tx, giftId: string, initial: number, now: number): Promise<boolean> {
  const id = giftStockIdOf(giftId);
  const cur = await txGet<GiftStockDoc>(tx, COLL.gift_stock, id);
  const remaining = cur ? cur.remaining : initial;
  if (remaining <= 0) return false;
  const next: GiftStockDoc = { _id: id, giftId, remaining: remaining - 1, claimed: (cur?.claimed ?? 0) + 1, updatedAt: now };
  await (cur ? txReplace(tx, COLL.gift_stock, next) : txCreate(tx, COLL.gift_stock, next));
  return true;
}

/** A taken unit the claim did not use (refused, already claimed, a fault): back to the gift. */
export async function giveGiftUnitBack(db: Db, giftId: string, now: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLL.gift_stock).where({ _id: giftStockIdOf(giftId), claimed: _.gt(0) }).update({ remaining: _.inc(1), claimed: _.inc(-1), updatedAt: now });
}
