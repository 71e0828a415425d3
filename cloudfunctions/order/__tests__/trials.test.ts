import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getById } from '../../_kit/db';
import { DAY_MS } from '../../../shared/time';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

const TRIAL = 'prd_serum_trial'; // ¥18, leads to prd_serum
const create = (openid: string, productId: string, payWith: 'wechat' | 'balance' = 'wechat', qty = 1) =>
  s.call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith, requestId: s.rid('o') });
const reservations = (openid: string) => getAll<{ status: string; orderId: string; releaseReason?: string; refundedAt?: number }>(s.db(), 'trial_reservations', { openid }, { max: 10 });

async function topUp(openid: string) {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
  await s.pay(r.data.payment.outTradeNo);
}

describe('one trial per customer, enforced atomically at order time', () => {
  test('ten concurrent trial orders by one customer (WeChat and balance mixed): exactly one succeeds, nine TRIAL_ALREADY_USED', async () => {
    const u = 'trial_race';
    await topUp(u);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => create(u, TRIAL, i % 2 ? 'balance' : 'wechat')));
    const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'TRIAL_ALREADY_USED')).toHaveLength(9);
    const orders = await getAll(s.db(), 'orders', { openid: u, kind: 'product' }, { max: 20 });
    expect(orders).toHaveLength(1);
    expect(await reservations(u)).toHaveLength(1);
  });

  test('the same customer by unionid from two openids (e.g. two apps of the brand) gets one trial', async () => {
    const event = (rid: string) => ({ action: 'create', items: [{ productId: TRIAL, qty: 1 }], payWith: 'wechat', requestId: rid });
    const a = (await s.invoke('order', event('uni_req_a1'), 'wx_client', 'trial_uni_a', 'union_1')) as { ok: boolean };
    const b = (await s.invoke('order', event('uni_req_b1'), 'wx_client', 'trial_uni_b', 'union_1')) as { ok: boolean; error?: { code: string } };
    expect(a.ok).toBe(true);
    expect(b).toMatchObject({ ok: false, error: { code: 'TRIAL_ALREADY_USED' } });
    const c = (await s.invoke('order', event('uni_req_c1'), 'wx_client', 'trial_uni_c', 'union_2')) as { ok: boolean };
    expect(c.ok).toBe(true);
  });

  test('a retry of the same create (same request id) returns the same order, not a refusal', async () => {
    const u = 'trial_retry';
    const body = { action: 'create', items: [{ productId: TRIAL, qty: 1 }], payWith: 'wechat', requestId: s.rid('same') };
    const [a, b] = await Promise.all([s.call(u, 'order', body), s.call(u, 'order', body)]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.data.orderId).toBe(b.data.orderId);
  });

  test('while one trial order awaits payment a second is refused (pay or cancel first); cancelling gives the trial back', async () => {
    const u = 'trial_cancel';
    const first = await create(u, TRIAL);
    const second = await create(u, TRIAL);
    expect(second).toMatchObject({ ok: false, error: { code: 'TRIAL_ALREADY_USED' } });
    expect(second.error!.message).toContain('待支付');
    expect((await s.call(u, 'order', { action: 'cancel', orderId: first.data.orderId })).ok).toBe(true);
    expect((await reservations(u))[0]).toMatchObject({ status: 'released', releaseReason: 'cancelled' });
    const third = await create(u, TRIAL);
    expect(third.ok).toBe(true);
    await s.pay(third.data.payment.outTradeNo);
    expect((await reservations(u))[0]).toMatchObject({ status: 'used', orderId: third.data.orderId });
    const fourth = await create(u, TRIAL);
    expect(fourth).toMatchObject({ ok: false, error: { code: 'TRIAL_ALREADY_USED' } });
    expect(fourth.error!.message).toContain('每人限购一次');
  });

  test('an unpaid reservation expires with its order; the old order paying late is refunded, never a second trial', async () => {
    const u = 'trial_expire';
    const old = await create(u, TRIAL);
    await s.clock(31 * 60_000); // past the 30-minute payment window, before the sweep ran
    const fresh = await create(u, TRIAL);
    expect(fresh.ok).toBe(true);
    // The customer still had the old pay sheet open and pays it now.
    await s.pay(old.data.payment.outTradeNo);
    const oldOrder = await getById<{ status: string; payment: { lateRefundId?: string } }>(s.db(), 'orders', old.data.orderId);
    expect(oldOrder!.status).toBe('created');
    expect(oldOrder!.payment.lateRefundId).toBeDefined();
    await s.pay(fresh.data.payment.outTradeNo);
    expect((await reservations(u))[0]).toMatchObject({ status: 'used', orderId: fresh.data.orderId });
    await s.trigger('scheduler');
    expect((await getById<{ status: string }>(s.db(), 'orders', old.data.orderId))!.status).toBe('cancelled');
    // WeChat answers a refund later, by its own notification: wait for it instead of for the machine being fast.
    await s.refundResults();
    const refund = await getById<{ status: string }>(s.db(), 'refunds', oldOrder!.payment.lateRefundId!);
    expect(refund!.status).toBe('succeeded');
  });

  test('the sweep closing an expired trial order releases the trial', async () => {
    const u = 'trial_sweep';
    await create(u, TRIAL);
    await s.clock(31 * 60_000);
    await s.trigger('scheduler');
    expect((await reservations(u))[0]).toMatchObject({ status: 'released', releaseReason: 'expired' });
  });

  test('a trial is one piece: qty 2 is refused and writes nothing', async () => {
    const before = s.documents();
    const r = await create('trial_qty', TRIAL, 'wechat', 2);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(r.error!.message).toContain('限购 1 件');
    expect(s.documents()).toBe(before);
  });
});

describe('refunds and eligibility (setting trialRefundRestoresEligibility)', () => {
  test('default: a refunded trial stays used (no buy → refund → buy again)', async () => {
    const u = 'trial_refund_keep';
    const o = await create(u, TRIAL);
    await s.pay(o.data.payment.outTradeNo);
    expect((await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf') })).ok).toBe(true);
    expect((await reservations(u))[0]).toMatchObject({ status: 'used', refundedAt: expect.any(Number) });
    expect((await create(u, TRIAL)).error?.code).toBe('TRIAL_ALREADY_USED');
  });

  test('when the operator turns it on, a refund gives the trial back', async () => {
    const cur = await s.call('op_admin', 'settings', { action: 'get' });
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, trialRefundRestoresEligibility: true }, requestId: s.rid() })).ok).toBe(true);
    const u = 'trial_refund_restore';
    const o = await create(u, TRIAL);
    await s.pay(o.data.payment.outTradeNo);
    await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf') });
    expect((await reservations(u))[0]).toMatchObject({ status: 'released', releaseReason: 'refunded' });
    expect((await create(u, TRIAL)).ok).toBe(true);
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: cur.data, requestId: s.rid() })).ok).toBe(true);
  });
});

describe('trial tag, conversion, member.trials', () => {
  test('trial buyer is tagged `trial`; buying the full product records the conversion and time to convert', async () => {
    const u = 'trial_convert';
    const t = await create(u, TRIAL);
    await s.pay(t.data.payment.outTradeNo);
    expect((await s.call(u, 'member', { action: 'trials' })).data.trials).toEqual([{ productId: TRIAL, fullProductId: 'prd_serum', status: 'used', orderId: t.data.orderId }]);
    await s.clock(3 * DAY_MS);
    const full = await create(u, 'prd_serum');
    await s.pay(full.data.payment.outTradeNo);
    const p = await getById<{ tags: string[]; trials: Array<{ convertedOrderId?: string; timeToConvertMs?: number }> }>(s.db(), 'profiles', `prf_${u}`);
    expect(p!.tags).toContain('trial');
    expect(p!.trials[0].convertedOrderId).toBe(full.data.orderId);
    expect(p!.trials[0].timeToConvertMs).toBeGreaterThanOrEqual(3 * DAY_MS);
    expect((await s.call(u, 'member', { action: 'trials' })).data.trials[0].convertedAt).toEqual(expect.any(Number));
  });
});

describe('members-only early access (memberEarlyAccessUntil)', () => {
  test('a non-member gets MEMBERS_ONLY_UNTIL with the date; a member buys; after the window everyone can', async () => {
    const product = await getById<{ memberEarlyAccessUntil: number; name: string }>(s.db(), 'products', 'prd_essence_new');
    const until = product!.memberEarlyAccessUntil;
    expect(until).toBeGreaterThan(Date.now());
    const r = await create('early_guest', 'prd_essence_new');
    expect(r).toMatchObject({ ok: false, error: { code: 'MEMBERS_ONLY_UNTIL', details: { until } } });
    expect(r.error!.message).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起对所有人开放/);

    const m = 'early_member';
    const buy = await s.call(m, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    await s.pay(buy.data.payment.outTradeNo);
    const ok = await create(m, 'prd_essence_new');
    expect(ok).toMatchObject({ ok: true, data: { totalFen: 29_800 } });

    await s.clock(until - Date.now() + 60_000);
    expect((await create('early_guest', 'prd_essence_new')).ok).toBe(true);
  });
});
