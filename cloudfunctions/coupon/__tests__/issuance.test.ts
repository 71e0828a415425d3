import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { CouponDoc } from '../../../shared/promotions/coupon';
import { getAll, getById } from '../../_kit/db';
import { runInTransaction } from '../../_kit/transaction';
import { quantityCounterIdOf, type CounterDoc } from '../../_coupons/docs';
import { issueCoupon } from '../../_coupons/issue';
import { COLL } from '../../_kit/collections';

/**
 * Coupon issuance through the gateway and the real SDK on the emulator: idempotent by (template,
 * customer, issue key), never over-issued under concurrency, per-customer limit kept under
 * concurrency, pause respected, and the `coupon.claimed` event recorded exactly once.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const template = (over: Record<string, unknown> = {}) => ({ name: '新客立减', offer: { code: 'amount-off', args: { amountFen: 2_000 } }, minSpendFen: 10_000, validity: { kind: 'days', days: 7 }, claimable: true, ...over });
async function createTemplate(over: Record<string, unknown> = {}): Promise<string> {
  const r = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: template(over), requestId: s.rid('tpl') });
  expect(r.ok).toBe(true);
  return r.data.templateId;
}
const claim = (openid: string, templateId: string, requestId = s.rid('clm')) => s.call(openid, 'coupon', { action: 'claim', templateId, requestId });
const couponsOf = (templateId: string) => getAll<CouponDoc>(s.db(), COLL.coupons, { templateId }, { max: 1000 });

test('operators create templates (validated in Chinese, audited); customers cannot', async () => {
  const bad = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: template({ offer: { code: 'amount-off', args: { amountFen: 10_000 } } }), requestId: s.rid('tpl') });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(bad.error!.message).toContain('减免金额须低于使用门槛');
  const noProduct = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: template({ productIds: ['prd_nope'] }), requestId: s.rid('tpl') });
  expect(noProduct.error?.message).toContain('适用商品（prd_nope）不存在');

  const requestId = s.rid('tpl');
  const a = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: template({ totalQuantity: 5 }), requestId });
  const again = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: template({ totalQuantity: 5 }), requestId });
  expect(a.data).toMatchObject({ name: '新客立减', offerLabel: '满¥100减¥20', face: '¥20', status: 'active', issued: 0, used: 0, totalQuantity: 5, claimable: true, validityText: '领取后 7 天内有效' });
  expect(again.data.templateId).toBe(a.data.templateId);
  const audit = await s.call('op_admin', 'ops', { action: 'audit', entity: 'coupon-template', entityId: a.data.templateId });
  expect(audit.data.entries.map((e: { action: string }) => e.action)).toEqual(['coupon.create']);

  expect((await s.call('cust_x', 'coupon', { action: 'saveTemplate', template: template(), requestId: s.rid('tpl') })).error?.code).toBe('FORBIDDEN');
  const listed = await s.call('op_admin', 'coupon', { action: 'templates' });
  expect(listed.data.templates.some((t: { templateId: string }) => t.templateId === a.data.templateId)).toBe(true);
});

test('issuance is idempotent: the same (template, customer, issue key) is one coupon, counted once', async () => {
  const t = await createTemplate({ totalQuantity: 100, perCustomerLimit: 3 });
  const now = Date.now();
  const issue = () => runInTransaction(s.db(), (tx) => issueCoupon(tx, { openid: 'cust_idem', templateId: t, issueKey: 'campaign:first-three', issuedBy: 'campaign', now }));
  const first = await issue();
  const relaunch = await issue();
  expect(first.ok && first.data.created).toBe(true);
  expect(relaunch.ok && !relaunch.data.created).toBe(true);
  expect(relaunch.ok && relaunch.data.coupon._id).toBe(first.ok && first.data.coupon._id);
  expect(await couponsOf(t)).toHaveLength(1);
  expect((await getById<CounterDoc>(s.db(), COLL.coupon_counters, quantityCounterIdOf(t)))!.issued).toBe(1);

  // A claim retried with its request id (lost reply, double tap) returns the first coupon; one event.
  const rid = s.rid('clm');
  const [c1, c2] = await Promise.all([claim('cust_idem', t, rid), claim('cust_idem', t, rid)]);
  expect(c1.ok && c2.ok).toBe(true);
  expect(c1.data.coupon.couponId).toBe(c2.data.coupon.couponId);
  expect([c1.data.created, c2.data.created].sort()).toEqual([false, true]);
  expect(await couponsOf(t)).toHaveLength(2);
  const events = await getAll<{ type: string; data: { couponId: string } }>(s.db(), 'events', { openid: 'cust_idem', type: 'coupon.claimed' }, { max: 10 });
  expect(events.map((e) => e.data.couponId)).toEqual([c1.data.coupon.couponId]);
  // The profile consumer counted the claim as an interaction, once.
  const profile = await getById<{ interactions: { couponClaims: number } }>(s.db(), 'profiles', 'prf_cust_idem');
  expect(profile!.interactions.couponClaims).toBe(1);
});

test('50 concurrent claims of a quantity-10 template by 50 customers: exactly 10 coupons', async () => {
  const t = await createTemplate({ totalQuantity: 10 });
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(`rush_${i}`, t)));
  const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
  expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
  expect(codes.filter((c) => c === 'COUPON_SOLD_OUT')).toHaveLength(40);
  expect(results.find((r) => !r.ok)!.error!.message).toBe('「新客立减」已被领完，下次早点来哦。');
  const issued = await couponsOf(t);
  expect(issued).toHaveLength(10);
  expect(new Set(issued.map((c) => c.openid)).size).toBe(10);
  expect((await getById<CounterDoc>(s.db(), COLL.coupon_counters, quantityCounterIdOf(t)))!.issued).toBe(10);
  const view = await s.call('rush_0', 'coupon', { action: 'claimable' });
  expect(view.data.templates.find((x: { templateId: string }) => x.templateId === t)).toMatchObject({ remaining: 0, canClaim: false });
}, 120_000);

test('a limited unit is taken by one conditional update and given back when the claim does not issue; a retry after the last unit went gets its coupon', async () => {
  const t = await createTemplate({ totalQuantity: 2 });
  const counter = async () => (await getById<CounterDoc>(s.db(), COLL.coupon_counters, quantityCounterIdOf(t)))?.issued ?? 0;
  expect((await s.call('op_admin', 'coupon', { action: 'setTemplateStatus', templateId: t, status: 'paused', requestId: s.rid('ps') })).ok).toBe(true);
  expect((await claim('unit_a', t)).error?.code).toBe('COUPON_NOT_CLAIMABLE');
  expect(await counter()).toBe(0);
  await s.call('op_admin', 'coupon', { action: 'setTemplateStatus', templateId: t, status: 'active', requestId: s.rid('rs') });
  const rid = s.rid('clm');
  const first = await claim('unit_a', t, rid);
  expect(first.ok).toBe(true);
  // The same request again while units remain: the same coupon, the unit it took given back.
  expect((await claim('unit_a', t, rid)).data.coupon.couponId).toBe(first.data.coupon.couponId);
  expect(await counter()).toBe(1);
  expect((await claim('unit_b', t)).ok).toBe(true);
  expect(await counter()).toBe(2);
  expect((await claim('unit_c', t)).error?.code).toBe('COUPON_SOLD_OUT');
  // Sold out now, yet a retry of a claim that was issued gets its coupon, not 已被领完.
  const again = await claim('unit_a', t, rid);
  expect(again).toMatchObject({ ok: true, data: { created: false, coupon: { couponId: first.data.coupon.couponId } } });
  expect(await counter()).toBe(2);
  expect(await couponsOf(t)).toHaveLength(2);
});

test('200 customers, 50 at a time, for a coupon limited to 50: exactly 50 coupons, every other answer 已被领完, no CONFLICT', async () => {
  const t = await createTemplate({ totalQuantity: 50 });
  const codes: string[] = [];
  for (let wave = 0; wave < 4; wave++) {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => claim(`hot_${wave}_${i}`, t)));
    codes.push(...results.map((r) => (r.ok ? 'OK' : r.error!.code)));
  }
  expect(codes.filter((c) => c === 'OK')).toHaveLength(50);
  expect(codes.filter((c) => c === 'COUPON_SOLD_OUT')).toHaveLength(150);
  expect(await couponsOf(t)).toHaveLength(50);
  expect((await getById<CounterDoc>(s.db(), COLL.coupon_counters, quantityCounterIdOf(t)))!.issued).toBe(50);
}, 180_000);

test('per-customer limit under concurrency: 10 simultaneous claims (different request ids) by one customer → exactly the limit', async () => {
  const t = await createTemplate({ perCustomerLimit: 2 });
  const results = await Promise.all(Array.from({ length: 10 }, () => claim('greedy', t)));
  const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
  expect(codes.filter((c) => c === 'OK')).toHaveLength(2);
  expect(codes.filter((c) => c === 'COUPON_LIMIT_REACHED')).toHaveLength(8);
  expect(await couponsOf(t)).toHaveLength(2);
  const mine = await s.call('greedy', 'coupon', { action: 'claimable' });
  expect(mine.data.templates.find((x: { templateId: string }) => x.templateId === t)).toMatchObject({ claimedCount: 2, canClaim: false, note: '已领取' });
});

test('paused templates issue nothing; unpublished ones cannot be claimed; an operator grant goes through the same limits', async () => {
  const t = await createTemplate();
  const pause = await s.call('op_admin', 'coupon', { action: 'setTemplateStatus', templateId: t, status: 'paused', requestId: s.rid('ps') });
  expect(pause.data.status).toBe('paused');
  const refused = await claim('late_comer', t);
  expect(refused).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_CLAIMABLE' } });
  expect(refused.error!.message).toBe('「新客立减」已暂停发放，请查看其他优惠券。');
  expect((await s.call('late_comer', 'coupon', { action: 'claimable' })).data.templates.some((x: { templateId: string }) => x.templateId === t)).toBe(false);
  await s.call('op_admin', 'coupon', { action: 'setTemplateStatus', templateId: t, status: 'active', requestId: s.rid('rs') });
  expect((await claim('late_comer', t)).ok).toBe(true);

  const hidden = await createTemplate({ claimable: false });
  expect((await claim('late_comer', hidden)).error?.code).toBe('COUPON_NOT_CLAIMABLE');
  const grant = await s.call('op_admin', 'coupon', { action: 'issue', templateId: hidden, openid: 'late_comer', requestId: s.rid('gr') });
  expect(grant.data.coupon).toMatchObject({ status: 'available', name: '新客立减' });
  const second = await s.call('op_admin', 'coupon', { action: 'issue', templateId: hidden, openid: 'late_comer', requestId: s.rid('gr') });
  expect(second.error?.code).toBe('COUPON_LIMIT_REACHED');
});
