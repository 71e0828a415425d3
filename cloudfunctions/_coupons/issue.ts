import { fail, ok, type Result } from '../../shared/errors/result';
import { couponRuleSchema, validityWindow, type CouponDoc, type CouponTemplate } from '../../shared/promotions/coupon';
import type { Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { markedCount } from '../_deletion/markers';
import { couponIdFor, customerCounterIdOf, quantityCounterIdOf, type CounterDoc } from './docs';
import { COLL } from '../_kit/collections';

export interface IssueRequest {
  openid: string;
  templateId: string;
  /** Idempotency key of this issuance: a claim's request id, a campaign's id, … */
  issueKey: string;
  issuedBy: CouponDoc['issuedBy'];
  now: number;
  /** The caller already took this template's unit outside the transaction (takeCouponUnit): do not count it again. */
  unitTaken?: boolean;
}

export interface Issued {
  coupon: CouponDoc;
  /** False when this (template, customer, issue key) had already been issued: nothing new was written. */
  created: boolean;
}

/**
 * Issues one coupon inside the caller's transaction (claims, campaign launches, operator grants).
 * Everything it decides on is read by id in `tx` and everything it changes is written by id in
 * `tx`: the coupon (id from template + customer + issue key), the customer's counter and — for a
 * template with a total quantity — the template's counter. Concurrent issuances of one template
 * therefore write the same counter document and conflict; the losers retry, re-read the counter
 * and are refused once it is full, so a burst never over-issues (the litemall #581 bug: check the
 * count, then insert, without a shared write). Refusals are returned, so the caller's
 * runInTransaction rolls back and nothing is written.
 */
export async function issueCoupon(tx: Tx, req: IssueRequest): Promise<Result<Issued>> {
  const id = couponIdFor(req.templateId, req.openid, req.issueKey);
  const existing = await txGet<CouponDoc>(tx, COLL.coupons, id);
  if (existing) return ok({ coupon: existing, created: false });

  const t = await txGet<CouponTemplate>(tx, COLL.coupon_templates, req.templateId);
  if (!t) return fail('NOT_FOUND', '优惠券不存在，请刷新后查看其他优惠券。');
  if (t.status !== 'active') return fail('COUPON_NOT_CLAIMABLE', `「${t.name}」已暂停发放，请查看其他优惠券。`);
  const window = validityWindow(t.validity, req.now);
  if (req.now > window.validUntil) return fail('COUPON_EXPIRED', `「${t.name}」活动已结束，请查看其他优惠券。`);

  const mineId = customerCounterIdOf(t._id, req.openid);
  const mine = await txGet<CounterDoc>(tx, COLL.coupon_counters, mineId);
  // What a deleted account of this customer was issued still counts (issue 15 #6: limit markers).
  const before = await markedCount(tx, 'coupon', req.openid, t._id);
  if ((mine?.issued ?? 0) + before >= t.perCustomerLimit) {
    return fail('COUPON_LIMIT_REACHED', t.perCustomerLimit === 1 ? `「${t.name}」每人限领 1 张，您已领取过，可在「我的优惠券」中查看。` : `「${t.name}」每人限领 ${t.perCustomerLimit} 张，您已领满。`);
  }
  if (t.totalQuantity !== undefined && !req.unitTaken) {
    const qId = quantityCounterIdOf(t._id);
    const q = await txGet<CounterDoc>(tx, COLL.coupon_counters, qId);
    if ((q?.issued ?? 0) >= t.totalQuantity) return fail('COUPON_SOLD_OUT', `「${t.name}」已被领完，下次早点来哦。`);
    await bump(tx, q, { _id: qId, templateId: t._id }, req.now);
  }
  await bump(tx, mine, { _id: mineId, templateId: t._id, openid: req.openid }, req.now);

  const coupon: CouponDoc = {
    _id: id,
    openid: req.openid,
    templateId: t._id,
    issuedBy: req.issuedBy,
    issueKey: req.issueKey,
    issuedAt: req.now,
    // The rule as it is now: later template changes never alter a coupon someone holds.
    rule: couponRuleSchema.parse({ name: t.name, offer: t.offer, minSpendFen: t.minSpendFen, nextPurchaseOnly: t.nextPurchaseOnly, ...(t.productIds ? { productIds: t.productIds } : {}) }),
    ...window,
    nextPurchaseAfter: req.now,
    status: 'available',
    version: 1,
  };
  await txCreate(tx, COLL.coupons, coupon);
  return ok({ coupon, created: true });
}

async function bump(tx: Tx, cur: CounterDoc | null, key: Pick<CounterDoc, '_id' | 'templateId' | 'openid'>, now: number): Promise<void> {
  const base = cur ?? { _id: key._id, templateId: key.templateId, ...(key.openid ? { openid: key.openid } : {}) };
  const next: CounterDoc = { ...base, issued: (cur?.issued ?? 0) + 1, updatedAt: now, version: (cur?.version ?? 0) + 1 };
  await (cur ? txReplace(tx, COLL.coupon_counters, next) : txCreate(tx, COLL.coupon_counters, next));
}
