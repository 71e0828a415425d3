import { PAY_CALLBACK_SOURCE } from '../../_kit/sources';
import { armFault, disarmFaults } from '../../_kit/faults';
import { getAll, getById } from '../../_kit/db';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { DAY_MS } from '../../../shared/time';
import { walletInvariants } from './invariants';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const eventsOf = (openid: string) => getAll<{ type: string }>(s.db(), 'events', { openid }, { max: 1000 });

async function pendingTopUp(openid: string, planId = 'topup-1000') {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: s.rid('tu') });
  expect(r.ok).toBe(true);
  return r.data as { orderId: string; payment: { outTradeNo: string; totalFen: number } };
}

describe('payment callbacks', () => {
  test('the same callback 100× concurrently and again later: exactly one credit, order paid once', async () => {
    const u = 'cust_redeliver';
    const t = await pendingTopUp(u);
    await s.pay(t.payment.outTradeNo);
    const answers = await Promise.all(Array.from({ length: 100 }, () => s.redeliver(t.payment.outTradeNo)));
    expect(answers.every((a) => a.ok && a.data.callback.errcode === 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    await s.redeliver(t.payment.outTradeNo);
    const w = await walletInvariants(s.db(), u);
    expect(w).toMatchObject({ principalFen: 100_000, bonusFen: 10_000, entries: 1 });
    expect((await eventsOf(u)).map((e) => e.type)).toEqual(['wallet.topup']);
    const o = await s.call(u, 'order', { action: 'get', orderId: t.orderId });
    expect(o.data.status).toBe('paid');
  });

  test.each([
    ['a client pretending to be WeChat Pay', 'wx_client', (n: Record<string, unknown>) => n],
    ['an unknown order', PAY_CALLBACK_SOURCE, (n: Record<string, unknown>) => ({ ...n, outTradeNo: 'ord_doesnotexist000000' })],
    ['a wrong amount', PAY_CALLBACK_SOURCE, (n: Record<string, unknown>) => ({ ...n, totalFee: (n.totalFee as number) - 1 })],
    ['a failed payment', PAY_CALLBACK_SOURCE, (n: Record<string, unknown>) => ({ ...n, resultCode: 'FAIL' })],
    ['a malformed event', PAY_CALLBACK_SOURCE, () => ({ returnCode: 'SUCCESS', outTradeNo: 5 })],
  ])('callback from %s is rejected and changes nothing', async (_name, source, mutate) => {
    const u = `cust_badcb_${source}`;
    const t = await pendingTopUp(u, 'topup-500');
    const before = s.documents();
    const n = { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: t.payment.outTradeNo, totalFee: t.payment.totalFen, transactionId: '4200000000000000001' };
    const answer = (await s.invoke('payCallback', mutate(n), source, source === 'wx_client' ? u : undefined)) as { errcode: number };
    expect(answer.errcode).not.toBe(0);
    expect(s.documents()).toBe(before);
    expect((await s.call(u, 'order', { action: 'get', orderId: t.orderId })).data.status).toBe('created');
    expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(0);
  });

  test('a client calling payCallback through the gateway gets nothing applied', async () => {
    const u = 'cust_fakepay';
    const t = await pendingTopUp(u, 'topup-500');
    const r = await s.call(u, 'payCallback', { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: t.payment.outTradeNo, totalFee: t.payment.totalFen });
    expect(JSON.stringify(r)).not.toContain('"errcode":0');
    expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(0);
  });
});

describe('crash injected after each step of pay → grant → event', () => {
  test.each(['pay.after-order', 'pay.after-wallet', 'pay.before-event', 'pay.after-event'])('top-up, fault at %s: retry leaves one lot, one entry, one event', async (point) => {
    const u = `cust_crash_${point.replace(/\W/g, '')}`;
    const t = await pendingTopUp(u);
    armFault(point);
    const first = await s.pay(t.payment.outTradeNo);
    expect(first.data.callback.errcode).not.toBe(0); // the platform will redeliver
    expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(0);
    expect(await eventsOf(u)).toEqual([]);
    const retry = await s.redeliver(t.payment.outTradeNo);
    expect(retry.data.callback.errcode).toBe(0);
    await s.redeliver(t.payment.outTradeNo);
    expect(await walletInvariants(s.db(), u)).toMatchObject({ totalFen: 110_000, entries: 1 });
    expect((await eventsOf(u)).map((e) => e.type)).toEqual(['wallet.topup']);
  });

  test.each(['pay.after-order', 'membership.after-term', 'membership.after-grant', 'pay.before-event'])('membership, fault at %s: one term, one welcome pack, one event', async (point) => {
    const u = `cust_mcrash_${point.replace(/\W/g, '')}`;
    const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    armFault(point);
    expect((await s.pay(buy.data.payment.outTradeNo)).data.callback.errcode).not.toBe(0);
    expect((await s.call(u, 'membership', { action: 'status' })).data.active).toBe(false);
    await s.redeliver(buy.data.payment.outTradeNo);
    await s.redeliver(buy.data.payment.outTradeNo);
    const m = await getById<{ terms: unknown[]; expiresAt: number }>(s.db(), 'memberships', `mem_${u}`);
    expect(m!.terms).toHaveLength(1);
    expect(await getAll(s.db(), 'entitlements', { openid: u })).toHaveLength(1);
    expect((await eventsOf(u)).map((e) => e.type)).toEqual(['membership.purchased']);
  });
});

describe('unpaid orders and late money', () => {
  test('the scheduled sweep closes an expired unpaid order and closes its WeChat payment: the customer can no longer pay it', async () => {
    const u = 'cust_late';
    const t = await pendingTopUp(u, 'topup-500');
    await s.clock(31 * 60_000);
    const sweep = await s.trigger('scheduler');
    expect(sweep).toMatchObject({ ok: true });
    expect(sweep.data.ordersClosed).toBeGreaterThanOrEqual(1);
    expect(sweep.data.paymentsClosed).toBeGreaterThanOrEqual(1);
    expect((await s.call(u, 'order', { action: 'get', orderId: t.orderId })).data.status).toBe('cancelled');
    expect((await s.payState(t.payment.outTradeNo)).data).toMatchObject({ state: 'closed', refunds: [] });
    // The open pay sheet is refused by WeChat: no money is taken, so none has to go back.
    const late = await s.pay(t.payment.outTradeNo);
    expect(late).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(0);
    await s.clock(0);
  });

  test('a timer-only action refuses other sources', async () => {
    const r = await s.call('cust_x', 'scheduler', { action: 'sweep' });
    expect(r.error?.code).toBe('FORBIDDEN');
  });

  test('refund windows: a product refund past 60 days is refused', async () => {
    const u = 'cust_window';
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid() });
    await s.pay(r.data.payment.outTradeNo);
    await s.clock(61 * DAY_MS);
    const rf = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid() });
    expect(rf.error?.code).toBe('REFUND_NOT_ALLOWED');
    await s.clock(0);
    const ok = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid() });
    expect(ok).toMatchObject({ ok: true, data: { status: 'pending', amountFen: 19_800 } });
    const sim = await s.payState(r.data.payment.outTradeNo);
    expect(sim.data.refunds).toHaveLength(1);
  });
});

describe('contention', () => {
  test('200 concurrent balance payments on one wallet through the gateway: never negative, no lost update, Σ entries = balance', async () => {
    const u = 'cust_burst';
    for (const plan of ['topup-3000', 'topup-1000']) {
      const t = await pendingTopUp(u, plan);
      await s.pay(t.payment.outTradeNo);
    }
    const start = await walletInvariants(s.db(), u);
    expect(start.totalFen).toBe(450_000);
    const conflicts0 = s.server.emulator.stats().transactionConflicts;
    const t0 = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('b') })),
    );
    const ms = Date.now() - t0;
    const paid = results.filter((r) => r.ok && r.data.status === 'paid').length;
    const refused = results.filter((r) => !r.ok && r.error!.code === 'INSUFFICIENT_BALANCE').length;
    expect(paid + refused).toBe(200);
    expect(paid).toBe(Math.floor(450_000 / 12_800));
    const end = await walletInvariants(s.db(), u);
    expect(end.totalFen).toBe(450_000 - paid * 12_800);
    expect(end.entries).toBe(2 + paid);
    const conflicts = s.server.emulator.stats().transactionConflicts - conflicts0;
    process.stdout.write(`BENCH ${JSON.stringify({ name: 'test.balance_burst', payments: 200, paid, ms, opsPerS: Math.round(200 / (ms / 1000)), conflictsRetried: conflicts })}\n`);
  });
});
