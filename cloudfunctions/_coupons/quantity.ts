import type { CouponTemplate } from '../../shared/promotions/coupon';
import { getById, type Db } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet } from '../_kit/tx';
import { COLL } from '../_kit/collections';
import { quantityCounterIdOf, type CounterDoc } from './docs';

/**
 * A limited template's units, handed out by ONE conditional update of its counter
 * (`where({_id, issued < total}).update({issued: +1})`) instead of inside each claim's
 * transaction (issue 18). The database applies such updates one after another without aborting
 * any, so 200 people going for 50 coupons do not retry against each other on one document: each
 * either gets a unit or learns it is sold out. The claim's own transaction (its coupon, the
 * customer's counter) follows; if it does not issue, the unit is given back. A crash between the
 * two loses a unit (fewer coupons than the total, never more).
 */
export type UnitTaken = 'taken' | 'sold-out';

async function ensureCounter(db: Db, t: CouponTemplate, now: number): Promise<void> {
  const id = quantityCounterIdOf(t._id);
  await runInTransaction(db, async (tx) => {
    if (await txGet<CounterDoc>(tx, COLL.coupon_counters, id)) return;
    await txCreate<CounterDoc>(tx, COLL.coupon_counters, { _id: id, templateId: t._id, issued: 0, updatedAt: now, version: 1 });
  });
}

export async function takeCouponUnit(db: Db, t: CouponTemplate & { totalQuantity: number }, now: number): Promise<UnitTaken> {
  const _ = db.command;
  const id = quantityCounterIdOf(t._id);
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = (await db.collection(COLL.coupon_counters).where({ _id: id, issued: _.lt(t.totalQuantity) }).update({ issued: _.inc(1), updatedAt: now, version: _.inc(1) })) as { updated?: number };
    if (res.updated === 1) return 'taken';
    // Nothing matched: the template's first unit (no counter yet), or all taken.
    const counter = await getById<CounterDoc>(db, COLL.coupon_counters, id);
    if (counter) return 'sold-out';
    await ensureCounter(db, t, now);
  }
  return 'sold-out';
}

/** A taken unit the claim did not use (refused, a retry of an earlier claim, a fault): back to the pool. */
export async function giveCouponUnitBack(db: Db, templateId: string, now: number): Promise<void> {
  const _ = db.command;
  await db.collection(COLL.coupon_counters).where({ _id: quantityCounterIdOf(templateId), issued: _.gt(0) }).update({ issued: _.inc(-1), updatedAt: now, version: _.inc(1) });
}
