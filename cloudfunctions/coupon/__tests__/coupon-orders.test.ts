import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { CouponDoc } from '../../../shared/promotions/coupon';
import { DAY_MS } from '../../../shared/time';
import { getById } from '../../_kit/db';
import { runInTransaction } from '../../_kit/transaction';
import { issueCoupon } from '../../_coupons/issue';
import { walletInvariants } from '../../_payments/__tests__/invariants';
import { COLL } from '../../_kit/collections';

/**
 * Coupons at checkout through the gateway and the real SDK: the quote, order.create with a coupon
 * (validated and reserved in the order's own transaction), used on payment, released on cancel and
 * on expiry (scheduler sweep), restored or voided on refund (setting), never below the floor,
 * stacking per setting, one coupon never used twice — even by two concurrent orders.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

// Demo seed: 焕颜修护精华 ¥688 (member ¥588, floor ¥400) · 深层补水面膜 ¥128 (floor ¥90).
const SERUM = 'prd_serum';
const MASK = 'prd_mask';

async function template(over: Record<string, unknown> = {}): Promise<string> {
  const body = { name: '满300减50', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000, validity: { kind: 'days', days: 7 }, perCustomerLimit: 20, ...over };
  const r = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: body, requestId: s.rid('tpl') });
  expect(r.ok).toBe(true);
  return r.data.templateId;
}
/** Issued the way a campaign issues (the reusable transactional function), now or at `at`. */
async function couponFor(openid: string, templateId: string, at = Date.now()): Promise<string> {
  const r = await runInTransaction(s.db(), (tx) => issueCoupon(tx, { openid, templateId, issueKey: s.rid('iss'), issuedBy: 'campaign', now: at }));
  if (!r.ok) throw new Error(r.error.message);
  return r.data.coupon._id;
}
const coupon = (id: string) => getById<CouponDoc>(s.db(), COLL.coupons, id);
const order = (openid: string, productId: string, qty: number, couponId?: string, payWith: 'wechat' | 'balance' = 'wechat') =>
  s.call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith, ...(couponId ? { couponId } : {}), requestId: s.rid('o') });
async function topUp(openid: string, planId = 'topup-3000') {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: s.rid('tu') });
  await s.pay(r.data.payment.outTradeNo);
}
async function setSettings(patch: Record<string, unknown>) {
  const cur = await s.call('op_admin', 'settings', { action: 'get' });
  const r = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, ...patch }, requestId: s.rid('set') });
  expect(r.ok).toBe(true);
}

test('quote → order with a coupon → paid: total, coupon reserved then used, order.paid carries the coupon facts', async () => {
  const u = 'cpo_basic';
  const t = await template();
  const id = await couponFor(u, t);
  const small = await couponFor(u, await template({ name: '满1000减100', offer: { code: 'amount-off', args: { amountFen: 10_000 } }, minSpendFen: 100_000 }));

  const q = await s.call(u, 'coupon', { action: 'quote', items: [{ productId: SERUM, qty: 1 }] });
  expect(q.data).toMatchObject({ stacking: 'member-price-or-coupon', stackingLabel: '会员价与优惠券二选一，自动为您选更省的', memberActive: false, totalFen: 68_800, bestCouponId: id });
  expect(q.data.options.map((o: { couponId: string; applies: boolean; totalFen: number; message: string }) => [o.couponId, o.applies, o.totalFen, o.message])).toEqual([
    [id, true, 63_800, '已减¥50'],
    [small, false, 68_800, '满¥1,000可用，还差¥312'],
  ]);

  const placed = await order(u, SERUM, 1, id);
  expect(placed.data).toMatchObject({ status: 'created', totalFen: 63_800 });
  expect(await coupon(id)).toMatchObject({ status: 'reserved', orderId: placed.data.orderId, discountFen: 5_000 });
  // The same coupon on a second order while the first is unpaid: refused with what to do.
  const second = await order(u, MASK, 3, id);
  expect(second).toMatchObject({ ok: false, error: { code: 'COUPON_UNAVAILABLE' } });
  expect(second.error!.message).toContain('待支付订单占用');

  await s.pay(placed.data.payment.outTradeNo);
  expect(await coupon(id)).toMatchObject({ status: 'used', orderId: placed.data.orderId, usedAt: expect.any(Number) });
  const view = await s.call(u, 'order', { action: 'get', orderId: placed.data.orderId });
  expect(view.data).toMatchObject({ totalFen: 63_800, coupon: { couponId: id, name: '满300减50', discountFen: 5_000 } });
  expect(view.data.lines[0]).toMatchObject({ unitFen: 68_800, couponDiscountFen: 5_000, lineTotalFen: 63_800 });
  const ev = await getById<{ data: Record<string, unknown>; amounts: { totalFen: number } }>(s.db(), 'events', `evt_order_paid_${placed.data.orderId}`);
  expect(ev!.data).toEqual({ couponId: id, couponFen: 5_000 });
  expect(ev!.amounts.totalFen).toBe(63_800);

  const again = await order(u, SERUM, 1, id);
  expect(again).toMatchObject({ ok: false, error: { code: 'COUPON_UNAVAILABLE', message: '这张优惠券已使用，请选择其他优惠券或不使用优惠券。' } });
  const mine = await s.call(u, 'coupon', { action: 'mine' });
  expect(mine.data.coupons.find((c: { couponId: string }) => c.couponId === id)).toMatchObject({ status: 'used', statusLabel: '已使用', discountFen: 5_000 });
});

test('two concurrent orders with one coupon (WeChat and balance): exactly one succeeds, the other gets COUPON_UNAVAILABLE', async () => {
  const u = 'cpo_race';
  await topUp(u);
  const id = await couponFor(u, await template());
  for (let round = 0; round < 3; round++) {
    const c = round === 0 ? id : await couponFor(u, await template());
    const results = await Promise.all([order(u, SERUM, 1, c, 'wechat'), order(u, SERUM, 1, c, 'balance'), order(u, MASK, 3, c, 'balance')]);
    const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
    expect(codes.filter((x) => x === 'OK')).toHaveLength(1);
    expect(codes.filter((x) => x === 'COUPON_UNAVAILABLE')).toHaveLength(2);
    const winner = results.find((r) => r.ok)!;
    expect((await coupon(c))!.orderId).toBe(winner.data.orderId);
  }
  await walletInvariants(s.db(), u);
});

test('never below the floor; min spend and trials refuse the coupon with the reason', async () => {
  const u = 'cpo_floor';
  const huge = await couponFor(u, await template({ name: '大额券', offer: { code: 'amount-off', args: { amountFen: 60_000 } }, minSpendFen: 0 }));
  const q = await s.call(u, 'coupon', { action: 'quote', items: [{ productId: SERUM, qty: 1 }] });
  expect(q.data.options[0]).toMatchObject({ couponId: huge, applies: true, discountFen: 28_800, totalFen: 40_000, message: '已减¥288（已到商品最低成交价）' });
  const placed = await order(u, SERUM, 1, huge);
  expect(placed.data.totalFen).toBe(40_000); // the floor, not ¥88

  const min = await couponFor(u, await template());
  const short = await order(u, MASK, 1, min);
  expect(short).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE' } });
  expect(short.error!.message).toBe('「满300减50」不适用于本单：满¥300可用，还差¥172。请选择其他优惠券或不使用优惠券。');
  const trial = await order(u, 'prd_serum_trial', 1, min);
  expect(trial.error!.message).toContain('体验装不可用券');
  // A refused order wrote nothing: the coupon is still available.
  expect((await coupon(min))!.status).toBe('available');
  expect((await order('someone_else', SERUM, 1, min)).error?.code).toBe('NOT_FOUND');
});

test('stacking setting: a member gets the cheaper of member price OR coupon; with "both" the coupon stacks on member price', async () => {
  const u = 'cpo_member';
  const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(buy.data.payment.outTradeNo);
  const fifty = await couponFor(u, await template());
  const q = await s.call(u, 'coupon', { action: 'quote', items: [{ productId: SERUM, qty: 1 }] });
  expect(q.data).toMatchObject({ memberActive: true, totalFen: 58_800 });
  expect(q.data.options[0]).toMatchObject({ applies: false, message: '会员价更省（用券反而多付¥50），本单不用券' });
  const refused = await order(u, SERUM, 1, fifty);
  expect(refused.error?.code).toBe('COUPON_NOT_APPLICABLE');
  expect((await order(u, SERUM, 1)).data.totalFen).toBe(58_800);
  // ¥150 off beats the ¥100 member saving: the coupon applies to the LIST price.
  const big = await couponFor(u, await template({ name: '满300减150', offer: { code: 'amount-off', args: { amountFen: 15_000 } } }));
  const withBig = await order(u, SERUM, 1, big);
  expect(withBig.data.totalFen).toBe(53_800);
  const got = await s.call(u, 'order', { action: 'get', orderId: withBig.data.orderId });
  expect(got.data.lines[0]).toMatchObject({ unitFen: 68_800, memberPriceApplied: false, couponDiscountFen: 15_000 });

  await setSettings({ couponStacking: 'both' });
  try {
    const q2 = await s.call(u, 'coupon', { action: 'quote', items: [{ productId: SERUM, qty: 1 }] });
    expect(q2.data).toMatchObject({ stacking: 'both', stackingLabel: '会员价可与优惠券叠加使用', bestCouponId: fifty });
    const stacked = await order(u, SERUM, 1, fifty);
    expect(stacked.data.totalFen).toBe(53_800); // ¥588 − ¥50
    const line = (await s.call(u, 'order', { action: 'get', orderId: stacked.data.orderId })).data.lines[0];
    expect(line).toMatchObject({ unitFen: 58_800, memberPriceApplied: true, couponDiscountFen: 5_000 });
  } finally {
    await setSettings({ couponStacking: 'member-price-or-coupon' });
  }
});

test('an unpaid order gives its coupon back: cancelled by the customer, or expired and closed by the sweep; a late payment is refunded', async () => {
  const u = 'cpo_release';
  const id = await couponFor(u, await template());
  const a = await order(u, SERUM, 1, id);
  expect((await s.call(u, 'order', { action: 'cancel', orderId: a.data.orderId })).ok).toBe(true);
  const released = await coupon(id);
  expect(released).toMatchObject({ status: 'available', restoredAt: expect.any(Number) });
  expect(released!.orderId).toBeUndefined();
  // The stale pay sheet is paid before WeChat closes it (closeOrder waits 5 minutes): the money goes back, the coupon stays with the customer.
  await s.pay(a.data.payment.outTradeNo);
  const late = await getById<{ status: string; payment: { lateRefundId?: string } }>(s.db(), 'orders', a.data.orderId);
  expect(late!.status).toBe('cancelled');
  expect(late!.payment.lateRefundId).toBeDefined();
  expect((await coupon(id))!.status).toBe('available');

  const b = await order(u, SERUM, 1, id);
  expect(b.ok).toBe(true);
  await s.clock(31 * 60_000);
  const swept = await s.trigger('scheduler');
  expect(swept.data.ordersClosed).toBeGreaterThanOrEqual(1);
  expect(await coupon(id)).toMatchObject({ status: 'available' });
  // Expired 31 minutes after it was created: the same sweep closed the payment with WeChat, so it can no longer be paid.
  expect((await s.pay(b.data.payment.outTradeNo)).error?.code).toBe('CONFLICT');
  await s.clock(0);
  const c = await order(u, SERUM, 1, id);
  await s.pay(c.data.payment.outTradeNo);
  expect(await coupon(id)).toMatchObject({ status: 'used', orderId: c.data.orderId });
});

test('refunds: partial keeps the coupon used and returns discounted amounts; full refund restores it (default) or voids it (setting)', async () => {
  const u = 'cpo_refund';
  const id = await couponFor(u, await template({ name: '满300减100', offer: { code: 'amount-off', args: { amountFen: 10_000 } } }));
  const o = await order(u, MASK, 3, id); // 3 × ¥128 = ¥384 − ¥100 = ¥284
  expect(o.data.totalFen).toBe(28_400);
  await s.pay(o.data.payment.outTradeNo);
  const r1 = await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf'), lines: [{ productId: MASK, qty: 1 }] });
  expect(r1.data.amountFen).toBe(9_467); // ¥128 − ⅓ of ¥100, rounded
  expect((await coupon(id))!.status).toBe('used');
  const r2 = await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf') });
  expect(r1.data.amountFen + r2.data.amountFen).toBe(28_400);
  const restored = await coupon(id);
  expect(restored).toMatchObject({ status: 'available', restoredAt: expect.any(Number) });
  expect(restored!.orderId).toBeUndefined();
  const reuse = await order(u, MASK, 3, id);
  expect(reuse.data.totalFen).toBe(28_400);
  await s.pay(reuse.data.payment.outTradeNo);

  await setSettings({ couponOnRefund: 'void' });
  try {
    await s.call(u, 'order', { action: 'refund', orderId: reuse.data.orderId, requestId: s.rid('rf') });
    expect(await coupon(id)).toMatchObject({ status: 'void', voidReason: 'refund' });
    expect((await order(u, MASK, 3, id)).error?.code).toBe('COUPON_UNAVAILABLE');
  } finally {
    await setSettings({ couponOnRefund: 'restore' });
  }
});

test('a refund after the coupon expired does not bring it back; balance orders use and restore it in one transaction', async () => {
  const u = 'cpo_refund_late';
  await topUp(u);
  const id = await couponFor(u, await template({ validity: { kind: 'days', days: 2 } }));
  const o = await order(u, SERUM, 1, id, 'balance');
  expect(o.data).toMatchObject({ status: 'paid', totalFen: 63_800 });
  expect((await coupon(id))!.status).toBe('used');
  await s.clock(3 * DAY_MS);
  await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf') });
  expect((await coupon(id))!.status).toBe('expired');
  await walletInvariants(s.db(), u);
});

test('expiry and not-yet-valid windows; next-purchase-only ends with the next paid order', async () => {
  const u = 'cpo_time';
  const id = await couponFor(u, await template({ validity: { kind: 'days', days: 1 } }));
  await s.clock(2 * DAY_MS);
  const late = await order(u, SERUM, 1, id);
  expect(late).toMatchObject({ ok: false, error: { code: 'COUPON_EXPIRED' } });
  expect(late.error!.message).toMatch(/^这张优惠券已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 过期/);
  expect((await s.call(u, 'coupon', { action: 'mine' })).data.coupons.find((c: { couponId: string }) => c.couponId === id)).toMatchObject({ status: 'expired', statusLabel: '已过期' });
  await s.clock(0);

  const from = Date.now() + 5 * DAY_MS;
  const future = await couponFor(u, await template({ validity: { kind: 'fixed', from, until: from + DAY_MS } }));
  expect((await order(u, SERUM, 1, future)).error?.code).toBe('COUPON_EXPIRED');
  expect((await s.call(u, 'coupon', { action: 'mine' })).data.coupons.find((c: { couponId: string }) => c.couponId === future).status).toBe('not-started');

  const next = await couponFor(u, await template({ name: '下单立减', nextPurchaseOnly: true }));
  const other = await order(u, MASK, 1); // a purchase without the coupon…
  await s.pay(other.data.payment.outTradeNo);
  const gone = await order(u, SERUM, 1, next); // …used up the "next purchase"
  expect(gone).toMatchObject({ ok: false, error: { code: 'COUPON_NOT_APPLICABLE', message: '这张优惠券仅限领取后的下一笔订单使用，您已下过单，券已失效。' } });
  expect((await s.call(u, 'coupon', { action: 'mine' })).data.coupons.find((c: { couponId: string }) => c.couponId === next)).toMatchObject({ status: 'void', statusLabel: '已失效' });

  const fresh = await couponFor(u, await template({ name: '下单立减', nextPurchaseOnly: true }), Date.now() + 1);
  const used = await order(u, SERUM, 1, fresh);
  expect(used.data.totalFen).toBe(63_800);
});
