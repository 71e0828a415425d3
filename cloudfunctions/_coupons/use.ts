import { fail, ok, type Result } from '../../shared/errors/result';
import type { EventDataOf } from '../../shared/events/event-data';
import { couponBlock, type CouponBlock, type CouponDoc } from '../../shared/promotions/coupon';
import { formatDateTime } from '../../shared/time';
import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { type OrderDoc } from '../../shared/documents';
import { txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * A coupon's life with an order, each step inside the order's own transaction and by id:
 *   available → reserved (WeChat order created) → used (payment applied)
 *   available → used (balance order: created and paid in one transaction)
 *   reserved → available (the order is cancelled or expires unpaid)
 *   used → available | expired | void (the order is fully refunded; setting couponOnRefund)
 * Two orders racing for one coupon both write the coupon document: one commits, the other
 * conflicts, retries, finds it reserved and is refused — a coupon is never used twice.
 */

/** When the customer last paid for a product order (next-purchase-only coupons end with it). */
export async function lastProductPaidAt(db: Db, openid: string): Promise<number | undefined> {
  const _ = db.command;
  const res = (await db.collection(COLL.orders).where({ openid, kind: 'product', paidAt: _.gt(0) }).orderBy('paidAt', 'desc').limit(1).get()) as { data: OrderDoc[] };
  return res.data[0]?.paidAt;
}

export const BLOCK_MESSAGES: Readonly<Record<CouponBlock, (c: CouponDoc) => string>> = {
  used: () => '这张优惠券已使用，请选择其他优惠券或不使用优惠券。',
  reserved: () => '这张优惠券正被一笔待支付订单占用：请到「我的订单」支付或取消该订单后再用。',
  void: () => '这张优惠券已失效，请选择其他优惠券或不使用优惠券。',
  expired: (c) => `这张优惠券已于 ${formatDateTime(c.validUntil)} 过期，请选择其他优惠券或不使用优惠券。`,
  'not-started': (c) => `这张优惠券 ${formatDateTime(c.validFrom)} 起可用，请到时再用。`,
  'next-purchase-passed': () => '这张优惠券仅限领取后的下一笔订单使用，您已下过单，券已失效。',
};

const BLOCK_CODES: Readonly<Record<CouponBlock, 'COUPON_UNAVAILABLE' | 'COUPON_EXPIRED' | 'COUPON_NOT_APPLICABLE'>> = {
  used: 'COUPON_UNAVAILABLE',
  reserved: 'COUPON_UNAVAILABLE',
  void: 'COUPON_UNAVAILABLE',
  expired: 'COUPON_EXPIRED',
  'not-started': 'COUPON_EXPIRED',
  'next-purchase-passed': 'COUPON_NOT_APPLICABLE',
};

/**
 * The coupon an order.create names, checked before pricing: the caller's own, usable now. A retry
 * of the order that already holds it passes (the placing transaction then returns that order).
 * The status is checked again inside the placing transaction (reserveCoupon), where it counts.
 */
export async function couponForOrder(db: Db, openid: string, couponId: string, orderId: string, now: number): Promise<Result<CouponDoc>> {
  const c = await getById<CouponDoc>(db, COLL.coupons, couponId);
  // Someone else's coupon is "not found": its existence is not revealed.
  if (!c || c.openid !== openid) return fail('NOT_FOUND', '没有找到这张优惠券，请刷新后重新选择，或不使用优惠券。');
  if (c.orderId === orderId && (c.status === 'reserved' || c.status === 'used')) return ok(c);
  const block = couponBlock(c, now, c.rule.nextPurchaseOnly ? await lastProductPaidAt(db, openid) : undefined);
  return block ? fail(BLOCK_CODES[block], BLOCK_MESSAGES[block](c), { reason: block }) : ok(c);
}

/** In the placing transaction: the coupon becomes this order's (reserved, or used when the order is paid at once). */
export async function reserveCoupon(tx: Tx, order: OrderDoc, now: number): Promise<Result<void>> {
  if (!order.coupon) return ok(undefined);
  const c = await txGet<CouponDoc>(tx, COLL.coupons, order.coupon.couponId);
  if (!c || c.openid !== order.openid) return fail('NOT_FOUND', '没有找到这张优惠券，请刷新后重新选择，或不使用优惠券。');
  if (c.orderId === order._id && (c.status === 'reserved' || c.status === 'used')) return ok(undefined);
  // Time and the next-purchase rule were checked with this same `now` before pricing; the status is what may have changed.
  if (c.status !== 'available' || now > c.validUntil) {
    const block: CouponBlock = c.status === 'available' ? 'expired' : c.status;
    return fail(BLOCK_CODES[block], BLOCK_MESSAGES[block](c), { reason: block });
  }
  const paid = order.status === 'paid';
  await txReplace(tx, COLL.coupons, {
    ...c,
    status: paid ? 'used' : 'reserved',
    orderId: order._id,
    reservedAt: now,
    ...(paid ? { usedAt: now } : {}),
    discountFen: order.coupon.discountFen,
    version: c.version + 1,
  });
  return ok(undefined);
}

/**
 * In the payment transaction: the reserved coupon is used. False if it is no longer this order's
 * (the order lapsed and the coupon went back meanwhile) — the payment is then refunded.
 */
export async function useCoupon(tx: Tx, order: OrderDoc, now: number): Promise<boolean> {
  if (!order.coupon) return true;
  const c = await txGet<CouponDoc>(tx, COLL.coupons, order.coupon.couponId);
  if (!c || c.orderId !== order._id) return false;
  if (c.status === 'used') return true;
  if (c.status !== 'reserved') return false;
  await txReplace(tx, COLL.coupons, { ...c, status: 'used', usedAt: now, version: c.version + 1 });
  return true;
}

/** The order closed unpaid (cancelled, or expired by the sweep): its coupon goes back to the customer. */
export async function releaseCoupon(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  if (!order.coupon) return;
  const c = await txGet<CouponDoc>(tx, COLL.coupons, order.coupon.couponId);
  if (!c || c.orderId !== order._id || c.status !== 'reserved') return;
  const { orderId: _o, reservedAt: _r, discountFen: _d, ...rest } = c;
  await txReplace(tx, COLL.coupons, { ...rest, status: 'available', restoredAt: now, version: c.version + 1 });
}

/**
 * The order was refunded in full: per settings.couponOnRefund the coupon is restored (if its
 * validity has not ended; a next-purchase coupon counts from now again) or voided. A partial
 * refund keeps the coupon used — the refunded lines already return their discounted price.
 */
export async function settleCouponOnRefund(tx: Tx, order: OrderDoc, policy: 'restore' | 'void', now: number): Promise<void> {
  if (!order.coupon) return;
  const c = await txGet<CouponDoc>(tx, COLL.coupons, order.coupon.couponId);
  if (!c || c.orderId !== order._id || c.status !== 'used') return;
  if (policy === 'void') {
    await txReplace(tx, COLL.coupons, { ...c, status: 'void', voidedAt: now, voidReason: 'refund', version: c.version + 1 });
    return;
  }
  const { orderId: _o, reservedAt: _r, usedAt: _u, discountFen: _d, ...rest } = c;
  const stillValid = now <= c.validUntil;
  await txReplace(tx, COLL.coupons, { ...rest, status: stillValid ? 'available' : 'expired', restoredAt: now, nextPurchaseAfter: now, version: c.version + 1 });
}

/** What `order.paid` carries about the coupon (reports read `data.couponFen`). */
export const couponEventData = (order: OrderDoc): EventDataOf<'order.paid'> => (order.coupon ? { couponId: order.coupon.couponId, couponFen: order.coupon.discountFen } : {});
