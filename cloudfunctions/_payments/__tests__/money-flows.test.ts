import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getById } from '../../_kit/db';
import { DAY_MS } from '../../../shared/time';
import { walletInvariants } from './invariants';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

/** A refund's state as stored (the customer sees it on the order; stored-value refunds only here). */
const refundStatus = async (refundId: string) => (await getById<{ status: string }>(s.db(), 'refunds', refundId))?.status;

const events = (openid: string) => getAll<{ _id: string; type: string; qualifyingDeltaFen: number }>(s.db(), 'events', { openid }, { max: 1000 });

async function topUp(openid: string, planId = 'topup-1000') {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: s.rid('tu') });
  expect(r.ok).toBe(true);
  const paid = await s.pay(r.data.payment.outTradeNo);
  expect(paid).toMatchObject({ ok: true, data: { callback: { errcode: 0 } } });
  return r.data.orderId as string;
}

describe('stored value', () => {
  test('first top-up needs the card terms; top-up ¥1000 → ¥1100 (principal 1000 + bonus 100), one entry, one event', async () => {
    const u = 'cust_topup';
    const refused = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-1000', requestId: s.rid() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'TERMS_NOT_ACCEPTED' } });
    await topUp(u);
    const bal = await s.call(u, 'wallet', { action: 'balance' });
    expect(bal.data).toMatchObject({ principalFen: 100_000, bonusFen: 10_000, totalFen: 110_000, termsAcceptedVersion: expect.any(String) });
    // Later top-ups don't ask again.
    expect((await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', requestId: s.rid() })).ok).toBe(true);
    const list = await s.call(u, 'wallet', { action: 'entries' });
    expect(list.data.entries).toHaveLength(1);
    expect(list.data.entries[0]).toMatchObject({ type: 'topup', principalDeltaFen: 100_000, bonusDeltaFen: 10_000, balanceAfterFen: 110_000 });
    expect((await events(u)).map((e) => e.type)).toEqual(['wallet.topup']);
    await walletInvariants(s.db(), u);
  });

  test('the cap (¥5000 named balance) refuses a top-up that would exceed it, nothing written', async () => {
    const u = 'cust_cap';
    await topUp(u, 'topup-3000'); // 3000 + 400
    const before = s.documents();
    const r = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-3000', requestId: s.rid() });
    expect(r).toMatchObject({ ok: false, error: { code: 'TOPUP_CAP_EXCEEDED' } });
    expect(r.error!.message).toContain('¥5,000');
    expect(s.documents()).toBe(before);
  });

  test('pay with balance: server price, proportional draw, INSUFFICIENT_BALANCE writes nothing', async () => {
    const u = 'cust_spend';
    await topUp(u);
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'balance', requestId: s.rid() });
    expect(r).toMatchObject({ ok: true, data: { status: 'paid', totalFen: 68_800 } });
    const o = await s.call(u, 'order', { action: 'get', orderId: r.data.orderId });
    // 68800 drawn from a 100000:10000 lot proportionally → 62545 principal + 6255 bonus.
    expect(o.data.balancePaid).toEqual({ principalFen: 62_545, bonusFen: 6_255 });
    const before = s.documents();
    const poor = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'balance', requestId: s.rid() });
    expect(poor).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
    expect(poor.error!.message).toContain('余额不足');
    expect(s.documents()).toBe(before);
    await walletInvariants(s.db(), u);
  });

  test('refund of a balance-paid order puts the money back into the same lot; quote then refund returns unused principal, forfeits bonus', async () => {
    const u = 'cust_refund';
    await topUp(u);
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 2 }], payWith: 'balance', requestId: s.rid() });
    expect(r.ok).toBe(true);
    const refundReq = s.rid('rf');
    const rf = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: refundReq });
    expect(rf).toMatchObject({ ok: true, data: { status: 'succeeded', amountFen: r.data.totalFen } });
    // Same request id again: the first result, nothing new.
    const again = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: refundReq });
    expect(again.data).toEqual(rf.data);
    expect((await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid() })).error?.code).toBe('REFUND_NOT_ALLOWED');
    expect((await s.call(u, 'wallet', { action: 'balance' })).data).toMatchObject({ principalFen: 100_000, bonusFen: 10_000 });

    const q = await s.call(u, 'wallet', { action: 'refundQuote' });
    expect(q.data).toEqual({ refundableFen: 100_000, forfeitBonusFen: 10_000 });
    const wr = await s.call(u, 'wallet', { action: 'refund', requestId: s.rid() });
    // WeChat has accepted the refund of the lot's principal; it is done when WeChat's result arrives.
    expect(wr).toMatchObject({ ok: true, data: { status: 'pending', amountFen: 100_000, forfeitBonusFen: 10_000 } });
    expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(0);
    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    expect(await refundStatus(wr.data.refundId)).toBe('succeeded');
    const types = (await s.call(u, 'wallet', { action: 'entries' })).data.entries.map((e: { type: string }) => e.type).sort();
    expect(types).toEqual(['bonus-forfeit', 'spend', 'spend-refund', 'topup', 'withdraw']);
    const sim = await s.payState(r.data.orderId);
    expect(sim.ok).toBe(false); // balance orders never touched WeChat Pay
    await walletInvariants(s.db(), u);
    expect((await events(u)).map((e) => e.type).sort()).toEqual(['order.paid', 'order.refunded', 'wallet.refunded', 'wallet.topup']);
  });
});

describe('paid annual membership', () => {
  test('buy → pay → active for 365 days with welcome pack; member price applies; renewal stacks', async () => {
    const u = 'cust_member';
    const plain = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'wechat', requestId: s.rid() });
    expect(plain.data.totalFen).toBe(68_800);
    const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    expect(buy).toMatchObject({ ok: true, data: { status: 'created', totalFen: 100_000, payment: { provider: 'local' } } });
    const paying = Date.now();
    await s.pay(buy.data.payment.outTradeNo);
    const paid = Date.now();
    const st = await s.call(u, 'membership', { action: 'status' });
    expect(st.data).toMatchObject({ active: true, status: 'active', giftPack: { status: 'available' } });
    // 365 days from the moment the payment was applied, however slow the box.
    expect(st.data.expiresAt).toBeGreaterThanOrEqual(paying + 365 * DAY_MS);
    expect(st.data.expiresAt).toBeLessThanOrEqual(paid + 365 * DAY_MS);
    const member = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'wechat', requestId: s.rid() });
    expect(member.data.totalFen).toBe(58_800);

    const renew = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    await s.pay(renew.data.payment.outTradeNo);
    const st2 = await s.call(u, 'membership', { action: 'status' });
    expect(st2.data.expiresAt - st.data.expiresAt).toBe(365 * DAY_MS);
  });

  test('a claimed pack worth more than the fee: no refund (the term stays)', async () => {
    const u = 'cust_mbigpack';
    const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    await s.pay(buy.data.payment.outTradeNo);
    const st = await s.call(u, 'membership', { action: 'status' });
    expect(st.data.giftPack.valueFen).toBeGreaterThanOrEqual(100_000); // the demo pack is worth ¥1,500
    await s.call(u, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: s.rid() });
    expect((await s.call(u, 'membership', { action: 'refundQuote' })).data).toMatchObject({ refundable: false, refundableFen: 0 });
    expect((await s.call(u, 'membership', { action: 'refund', requestId: s.rid() })).error?.code).toBe('REFUND_NOT_ALLOWED');
    expect((await s.call(u, 'membership', { action: 'status' })).data.active).toBe(true);
  });

  test('claim the welcome pack once; refund within the window deducts the claimed pack value and rolls the term back', async () => {
    const u = 'cust_mrefund';
    // An operator makes the pack worth ¥300 (settings apply to new orders only).
    const cur = await s.call('op_admin', 'settings', { action: 'get' });
    const plans = cur.data.membershipPlans.map((p: { giftPack?: { valueFen: number } }) => ({ ...p, ...(p.giftPack ? { giftPack: { ...p.giftPack, valueFen: 30_000 } } : {}) }));
    const upd = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, membershipPlans: plans }, requestId: s.rid() });
    expect(upd).toMatchObject({ ok: true, data: { changed: ['membershipPlans'] } });
    const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    await s.pay(buy.data.payment.outTradeNo);
    const st = await s.call(u, 'membership', { action: 'status' });
    const bad = await s.call(u, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'address', name: '张三', phone: '123' }, requestId: s.rid() });
    expect(bad.error?.code).toBe('INVALID_INPUT');
    const claim = await s.call(u, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: s.rid() });
    expect(claim).toMatchObject({ ok: true, data: { status: 'claimed', fulfilment: { state: 'pending' } } });
    const again = await s.call(u, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: s.rid() });
    expect(again.data.claimedAt ?? again.data.status).toBe('claimed');
    const quote = await s.call(u, 'membership', { action: 'refundQuote' });
    expect(quote.data).toMatchObject({ refundable: true, deductFen: st.data.giftPack.valueFen, refundableFen: 100_000 - st.data.giftPack.valueFen });
    const rf = await s.call(u, 'membership', { action: 'refund', requestId: s.rid() });
    expect(rf).toMatchObject({ ok: true, data: { status: 'pending', amountFen: quote.data.refundableFen } });
    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    expect(await refundStatus(rf.data.refundId)).toBe('succeeded');
    const after = await s.call(u, 'membership', { action: 'status' });
    expect(after.data.active).toBe(false);
    const sim = await s.payState(buy.data.payment.outTradeNo);
    expect(sim.data.refunds.map((r: { refundFee: number }) => r.refundFee)).toEqual([quote.data.refundableFen]);
    expect((await s.call(u, 'membership', { action: 'refund', requestId: s.rid() })).error?.code).toBe('REFUND_NOT_ALLOWED');
  });

  test('unclaimed pack is voided by the refund; past the window no refund', async () => {
    const u = 'cust_mvoid';
    const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid() });
    await s.pay(buy.data.payment.outTradeNo);
    await s.clock(61 * DAY_MS);
    expect((await s.call(u, 'membership', { action: 'refundQuote' })).data).toMatchObject({ refundable: false });
    await s.clock(0);
    const rf = await s.call(u, 'membership', { action: 'refund', requestId: s.rid() });
    expect(rf.data.amountFen).toBe(100_000);
    const st = await s.call(u, 'membership', { action: 'status' });
    expect(st.data.giftPack?.status ?? 'none').toBe('none');
  });
});

describe('product refunds by line', () => {
  test('WeChat-paid order with two lines: refund one line, then the rest; the simulator saw both parts', async () => {
    const u = 'cust_partial';
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 2 }, { productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid() });
    expect(r.data.totalFen).toBe(2 * 12_800 + 19_800);
    await s.pay(r.data.payment.outTradeNo);
    // WeChat keeps both refunds PROCESSING until the results are delivered below: without the hold the
    // simulator finishes them ~200 ms after acceptance, and a busy box reads them finished too early.
    await s.holdRefunds(2);
    const one = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid(), lines: [{ productId: 'prd_mask', qty: 1 }] });
    expect(one).toMatchObject({ ok: true, data: { amountFen: 12_800, status: 'pending' } });
    const mid = await s.call(u, 'order', { action: 'get', orderId: r.data.orderId });
    expect(mid.data).toMatchObject({ status: 'partially_refunded', refundedFen: 12_800, refundableFen: 12_800 + 19_800 });
    const tooMany = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid(), lines: [{ productId: 'prd_mask', qty: 2 }] });
    expect(tooMany.error?.code).toBe('REFUND_NOT_ALLOWED');
    const rest = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid() });
    expect(rest.data.amountFen).toBe(12_800 + 19_800);
    const end = await s.call(u, 'order', { action: 'get', orderId: r.data.orderId });
    expect(end.data).toMatchObject({ status: 'refunded', refundedFen: r.data.totalFen, canRefund: false });
    // The customer reads 退款处理中 until WeChat's results arrive, then 已退款 for both.
    expect(end.data.refunds.map((x: { status: string }) => x.status)).toEqual(['pending', 'pending']);
    for (const refund of [one, rest]) await s.refundResult(refund.data.refundId, 'SUCCESS');
    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    const done = await s.call(u, 'order', { action: 'get', orderId: r.data.orderId });
    expect(done.data.refunds.map((x: { status: string }) => x.status)).toEqual(['succeeded', 'succeeded']);
    const sim = await s.payState(r.data.payment.outTradeNo);
    expect(sim.data.refunds.map((x: { refundFee: number }) => x.refundFee)).toEqual([12_800, 32_600]);
    const ev = (await events(u)).filter((e) => e.type === 'order.refunded');
    expect(ev.reduce((sum, e) => sum + e.qualifyingDeltaFen, 0)).toBe(-r.data.totalFen);
  });
});

describe('isolation', () => {
  test("a customer cannot read or refund another customer's order", async () => {
    const r = await s.call('cust_owner', 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid() });
    expect(r.ok).toBe(true);
    expect((await s.call('cust_other', 'order', { action: 'get', orderId: r.data.orderId })).error?.code).toBe('NOT_FOUND');
    expect((await s.call('cust_other', 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid() })).error?.code).toBe('NOT_FOUND');
    expect((await s.call('cust_other', 'order', { action: 'cancel', orderId: r.data.orderId })).error?.code).toBe('NOT_FOUND');
    expect((await s.call('cust_other', 'order', { action: 'list' })).data.orders).toEqual([]);
  });
});
