import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getById } from '../../_kit/db';
import { walletInvariants } from '../../_payments/__tests__/invariants';

/**
 * Issue 15 item 14 — 组合支付: a customer whose balance does not cover an order pays the balance part
 * and the rest by WeChat in ONE order. The balance part is reserved when the order is placed and
 * drawn only when WeChat's part is paid; cancelled / expired → nothing drawn, reservation released;
 * refunds return each part where it came from.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

const COURSE = 'prd_course'; // ¥5,000 (not a member), virtual
const SERUM = 'prd_serum'; // ¥688

async function topUp(openid: string, planId: string) {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: s.rid('tu') });
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
}
const quote = (u: string, productId: string, qty = 1) => s.call(u, 'order', { action: 'combinedQuote', items: [{ productId, qty }] });
const combined = (u: string, productId: string, balanceFen: number, qty = 1, requestId = s.rid('oc')) =>
  s.call(u, 'order', { action: 'create', items: [{ productId, qty }], payWith: 'combined', balanceFen, requestId });
const balance = async (u: string) => (await s.call(u, 'wallet', { action: 'balance' })).data;
const entriesOf = (u: string) => getAll<{ type: string; principalDeltaFen: number; bonusDeltaFen: number; orderId?: string }>(s.db(), 'wallet_entries', { walletId: `wal_${u}` }, { max: 100 });

describe('组合支付', () => {
  test('the issue: ¥3,400 balance, a ¥5,000 course — balance refused, combined pays ¥3,400 from the wallet and ¥1,600 by WeChat, once', async () => {
    const u = 'cmb_issue';
    await topUp(u, 'topup-3000'); // 3000 + 400
    const byBalance = await s.call(u, 'order', { action: 'create', items: [{ productId: COURSE, qty: 1 }], payWith: 'balance', requestId: s.rid('ob') });
    expect(byBalance.error?.code).toBe('INSUFFICIENT_BALANCE');

    const q = await quote(u, COURSE);
    expect(q).toMatchObject({ ok: true, data: { totalFen: 500_000, balanceFen: 340_000, principalFen: 300_000, bonusFen: 40_000, cashFen: 160_000 } });

    const rid = s.rid('oc');
    const placed = await combined(u, COURSE, 340_000, 1, rid);
    expect(placed).toMatchObject({ ok: true, data: { status: 'created', totalFen: 500_000, combined: { balanceFen: 340_000, principalFen: 300_000, bonusFen: 40_000, cashFen: 160_000 }, payment: { totalFen: 160_000 } } });
    // A retry is the same order and reserves nothing more.
    const again = await combined(u, COURSE, 340_000, 1, rid);
    expect(again.data.orderId).toBe(placed.data.orderId);
    // Reserved, not drawn: the balance and the ledger are unchanged, nothing of it can be spent elsewhere.
    expect(await balance(u)).toMatchObject({ totalFen: 340_000, heldFen: 340_000 });
    expect((await entriesOf(u)).map((e) => e.type)).toEqual(['topup']);
    expect((await walletInvariants(s.db(), u)).heldFen).toBe(340_000);
    const elsewhere = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('ob') });
    expect(elsewhere.error?.code).toBe('INSUFFICIENT_BALANCE');
    expect(elsewhere.error!.message).toContain('已为待支付的组合支付订单保留');
    const withdraw = await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') });
    expect(withdraw.error?.code).toBe('REFUND_NOT_ALLOWED');
    expect(withdraw.error!.message).toContain('先完成支付或在「我的订单」中取消该订单');

    // WeChat collects only its part; the callback draws the reservation in the same transaction.
    expect((await s.payState(placed.data.orderId)).data).toMatchObject({ totalFee: 160_000 });
    expect((await s.pay(placed.data.orderId)).data.callback).toMatchObject({ errcode: 0 });
    expect(await balance(u)).toMatchObject({ totalFen: 0 });
    expect((await balance(u)).heldFen).toBeUndefined();
    const spend = (await entriesOf(u)).filter((e) => e.type === 'spend');
    expect(spend).toEqual([expect.objectContaining({ principalDeltaFen: -300_000, bonusDeltaFen: -40_000, orderId: placed.data.orderId })]);
    const view = await s.call(u, 'order', { action: 'get', orderId: placed.data.orderId });
    expect(view.data).toMatchObject({ status: 'paid', payWith: 'combined', balancePaid: { principalFen: 300_000, bonusFen: 40_000 }, combined: { cashFen: 160_000 } });
    const ev = await getById<{ amounts: unknown; qualifyingDeltaFen: number }>(s.db(), 'events', `evt_order_paid_${placed.data.orderId}`);
    expect(ev).toMatchObject({ amounts: { totalFen: 500_000, cashFen: 160_000, principalFen: 300_000, bonusFen: 40_000 }, qualifyingDeltaFen: 460_000 });
    // A redelivered callback changes nothing.
    const before = s.documents();
    expect((await s.redeliver(placed.data.orderId)).data.callback).toMatchObject({ errcode: 0 });
    expect(s.documents()).toBe(before);
    expect((await entriesOf(u)).filter((e) => e.type === 'spend')).toHaveLength(1);
    await walletInvariants(s.db(), u);
  });

  test('cancelled before paying: nothing drawn, the reservation released, WeChat closed; a late payment gets its WeChat part back', async () => {
    const u = 'cmb_cancel';
    await topUp(u, 'topup-500'); // 500 + 30
    const placed = await combined(u, SERUM, 53_000, 2);
    expect(placed.data.payment.totalFen).toBe(137_600 - 53_000);
    expect((await s.call(u, 'order', { action: 'cancel', orderId: placed.data.orderId })).data.status).toBe('cancelled');
    expect(await balance(u)).toMatchObject({ totalFen: 53_000 });
    expect((await balance(u)).heldFen).toBeUndefined();
    expect((await entriesOf(u)).map((e) => e.type)).toEqual(['topup']);
    expect(await getById(s.db(), 'payment_closes', placed.data.orderId)).toMatchObject({ state: 'due', reason: 'cancelled' });
    // The pay sheet was still open: the money WeChat took is refunded in full, the wallet is untouched.
    await s.pay(placed.data.orderId);
    const order = await getById<{ status: string; payment: { lateRefundId: string } }>(s.db(), 'orders', placed.data.orderId);
    expect(order!.status).toBe('cancelled');
    const refund = await getById<{ amountFen: number; parts: Array<{ refundFee: number; totalFee: number }> }>(s.db(), 'refunds', order!.payment.lateRefundId);
    expect(refund).toMatchObject({ amountFen: 84_600, parts: [{ refundFee: 84_600, totalFee: 84_600 }] });
    expect(await balance(u)).toMatchObject({ totalFen: 53_000 });
    await walletInvariants(s.db(), u);
    // The balance is spendable again.
    expect((await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('ob') })).ok).toBe(true);
  });

  test('never paid: the sweep expires it, the reservation is released, closeOrder queued', async () => {
    const u = 'cmb_expire';
    await topUp(u, 'topup-500');
    const placed = await combined(u, SERUM, 53_000, 2);
    await s.clock(31 * 60_000);
    expect((await s.trigger('scheduler')).data.ordersClosed).toBeGreaterThanOrEqual(1);
    expect((await getById<{ status: string; cancelReason: string }>(s.db(), 'orders', placed.data.orderId))).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    expect(await getById(s.db(), 'payment_closes', placed.data.orderId)).toMatchObject({ reason: 'expired' });
    expect((await balance(u)).heldFen).toBeUndefined();
    expect((await entriesOf(u)).map((e) => e.type)).toEqual(['topup']);
    await walletInvariants(s.db(), u);
  });

  test('refunds return each part where it came from: line by line in proportion, the last one exactly the rest', async () => {
    const u = 'cmb_refund';
    await topUp(u, 'topup-500'); // lot 50000 + 3000
    const placed = await combined(u, SERUM, 53_000, 2); // 137600 = 53000 balance + 84600 WeChat
    await s.pay(placed.data.orderId);
    expect(await balance(u)).toMatchObject({ totalFen: 0 });
    const first = await s.call(u, 'order', { action: 'refund', orderId: placed.data.orderId, requestId: s.rid('rf'), lines: [{ productId: SERUM, qty: 1 }] });
    expect(first.data.amountFen).toBe(68_800);
    // 68800 over (84600 WeChat, 53000 balance) → 42300 + 26500.
    const r1 = await getById<{ toBalanceFen: number; parts: Array<{ refundFee: number; totalFee: number; outTradeNo: string }> }>(s.db(), 'refunds', first.data.refundId);
    expect(r1).toMatchObject({ toBalanceFen: 26_500, parts: [{ refundFee: 42_300, totalFee: 84_600, outTradeNo: placed.data.orderId }] });
    expect(await balance(u)).toMatchObject({ totalFen: 26_500 });
    const second = await s.call(u, 'order', { action: 'refund', orderId: placed.data.orderId, requestId: s.rid('rf') });
    expect(second.data.amountFen).toBe(68_800);
    const r2 = await getById<{ toBalanceFen: number; parts: Array<{ refundFee: number }> }>(s.db(), 'refunds', second.data.refundId);
    expect(r2).toMatchObject({ toBalanceFen: 26_500, parts: [{ refundFee: 42_300 }] });
    // The wallet has exactly its lot back (principal and bonus), WeChat refunded exactly its part.
    expect(await balance(u)).toMatchObject({ principalFen: 50_000, bonusFen: 3_000, totalFen: 53_000 });
    await s.refundResults();
    const sim = (await s.payState(placed.data.orderId)).data;
    expect(sim.refunds.filter((r: { status: string }) => r.status === 'SUCCESS').reduce((t: number, r: { refundFee: number }) => t + r.refundFee, 0)).toBe(84_600);
    const view = await s.call(u, 'order', { action: 'get', orderId: placed.data.orderId });
    expect(view.data).toMatchObject({ status: 'refunded', refundedFen: 137_600 });
    const evs = await getAll<{ type: string; amounts: { cashFen: number; principalFen: number; bonusFen: number } }>(s.db(), 'events', { orderId: placed.data.orderId, type: 'order.refunded' }, { max: 10 });
    expect(evs.reduce((t, e) => t + e.amounts.cashFen, 0)).toBe(84_600);
    expect(evs.reduce((t, e) => t + e.amounts.principalFen + e.amounts.bonusFen, 0)).toBe(53_000);
    await walletInvariants(s.db(), u);
  });

  test('the confirmed balance part must still be there: two combined orders on one balance — one reserves it, the other BALANCE_CHANGED', async () => {
    const u = 'cmb_race';
    await topUp(u, 'topup-500');
    const [a, b] = await Promise.all([combined(u, SERUM, 53_000, 2), combined(u, SERUM, 53_000, 2)]);
    const codes = [a, b].map((r) => (r.ok ? 'OK' : r.error!.code)).sort();
    expect(codes).toEqual(['BALANCE_CHANGED', 'OK']);
    const refused = [a, b].find((r) => !r.ok)!;
    expect(refused.error!.message).toBe('您的可用余额已变为 ¥0.00，不足本次确认的 ¥530.00。请返回重新确认组合支付金额。');
    expect((await walletInvariants(s.db(), u)).heldFen).toBe(53_000);
    // The quote now has nothing to offer.
    expect((await quote(u, SERUM)).error?.message).toContain('已全部被待支付的组合支付订单占用');
  });

  test('refused shapes: no balance part, a balance part that covers the order, combined for a balance that suffices', async () => {
    const u = 'cmb_shapes';
    await topUp(u, 'topup-1000'); // ¥1,100
    const noPart = await s.call(u, 'order', { action: 'create', items: [{ productId: SERUM, qty: 1 }], payWith: 'combined', requestId: s.rid('oc') });
    expect(noPart.error?.code).toBe('INVALID_INPUT');
    const covers = await combined(u, SERUM, 68_800);
    expect(covers.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(covers.error!.message).toContain('余额足够时请直接选择余额支付');
    expect((await quote(u, SERUM)).error?.message).toBe('可用余额 ¥1,100.00 足够支付本单 ¥688.00，请直接选择余额支付。');
    expect((await quote('cmb_empty', SERUM)).error).toMatchObject({ code: 'INSUFFICIENT_BALANCE', message: '余额为 0，无法组合支付。请使用微信支付，或先充值。' });
    const before = await entriesOf(u);
    expect(before.map((e) => e.type)).toEqual(['topup']);
    await walletInvariants(s.db(), u);
  });
});
