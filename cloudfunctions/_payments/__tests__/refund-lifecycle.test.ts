import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { exampleOf } from '../../_kit/platform/fixtures';
import { armFault, disarmFaults } from '../../_kit/faults';
import { getAll, getById } from '../../_kit/db';
import { PAY_CALLBACK_SOURCE } from '../../_kit/sources';
import type { PaymentCloseDoc } from '../../_orders/payment-closes';
import type { RefundDoc } from '../../../shared/documents';
import { walletInvariants } from './invariants';

/**
 * The refund lifecycle as WeChat defines it, through the real path (gateway, handlers, emulator,
 * pay simulator): a refund is 退款处理中 when WeChat accepts it and done only when WeChat's RESULT
 * says so — the result event delivered to refundCallback (SOURCE wx_paycallback only), or
 * queryRefund from the sweep when no event comes; failures reach operators (运营后台 · 退款) with a
 * retry; unpaid WeChat orders that are cancelled or expire are closed with WeChat (closeOrder,
 * never within 5 minutes of the payment's creation), and a payment that still lands is refunded once.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(async () => {
  disarmFaults();
  await s.clock(0);
  await s.holdRefunds(0);
  await s.refuseRefunds(0);
});

const HOUR = 3_600_000;
const refundDoc = (id: string) => getById<RefundDoc>(s.db(), 'refunds', id);

/** A product paid by WeChat Pay, then refunded in full: returns the refund (its id is the part's out_refund_no). */
async function paidAndRefunded(u: string, productId = 'prd_tea') {
  const o = await s.call(u, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
  expect(o.ok).toBe(true);
  expect((await s.pay(o.data.payment.outTradeNo)).data.callback.errcode).toBe(0);
  const rf = await s.call(u, 'order', { action: 'refund', orderId: o.data.orderId, requestId: s.rid('rf') });
  expect(rf.ok).toBe(true);
  return { orderId: o.data.orderId as string, outTradeNo: o.data.payment.outTradeNo as string, totalFen: o.data.totalFen as number, refundId: rf.data.refundId as string, status: rf.data.status as string };
}

const customerRefunds = async (u: string, orderId: string) => (await s.call(u, 'order', { action: 'get', orderId })).data.refunds.map((r: { status: string }) => r.status);
const opsRefunds = async (tab: 'stuck' | 'failed') => (await s.call('op_admin', 'ops', { action: 'refunds', tab })).data as { refunds: Array<{ refundId: string; status: string; parts: Array<{ state: string; error?: string; outRefundNo: string }> }>; stuckHours: number };

/** The refund result WeChat would send for a part, in the fixture's shape. */
function resultEvent(r: { outTradeNo: string; refundId: string; totalFen: number }, status: string, refundFee = r.totalFen) {
  return { ...exampleOf('event.refund-result'), outTradeNo: r.outTradeNo, outRefundNo: r.refundId, totalFee: r.totalFen, settlementTotalFee: r.totalFen, refundFee, settlementRefundFee: refundFee, refundStatus: status };
}

describe('refund results', () => {
  test('accepted is not done: 退款处理中 until the result event reaches refundCallback, then 已退款; a redelivered result changes nothing', async () => {
    const u = 'cust_rl_event';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    expect(r.status).toBe('pending');
    expect((await refundDoc(r.refundId))!.parts[0]).toMatchObject({ state: 'requested', outRefundNo: r.refundId });
    expect(await customerRefunds(u, r.orderId)).toEqual(['pending']);
    const label = async () => (await s.call(u, 'order', { action: 'get', orderId: r.orderId })).data.statusLabel;
    expect(await label()).toBe('退款处理中');
    expect((await s.simRefund(r.refundId)).data).toMatchObject({ status: 'PROCESSING', callbackFunction: 'refundCallback', submissions: 1 });

    const done = await s.refundResult(r.refundId, 'SUCCESS');
    expect(done.data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
    expect(await customerRefunds(u, r.orderId)).toEqual(['succeeded']);
    expect(await label()).toBe('已退款');
    const after = await refundDoc(r.refundId);
    expect(after).toMatchObject({ status: 'succeeded', completedAt: expect.any(Number), parts: [{ state: 'succeeded', resultStatus: 'SUCCESS' }] });
    expect(after!.waitingSince).toBeUndefined();

    // WeChat redelivers (it did not see our answer): errcode 0 again, nothing moves.
    const again = (await s.invoke('refundCallback', resultEvent(r, 'SUCCESS'), PAY_CALLBACK_SOURCE)) as { errcode: number };
    expect(again.errcode).toBe(0);
    expect(await refundDoc(r.refundId)).toEqual(after);
    // A stale "failed" for a refund WeChat already paid is refused by the table, and answered (a redelivery could not help).
    expect(((await s.invoke('refundCallback', resultEvent(r, 'CHANGE'), PAY_CALLBACK_SOURCE)) as { errcode: number }).errcode).toBe(0);
    expect(await refundDoc(r.refundId)).toEqual(after);
  });

  test('forged sources are refused and change nothing; so are a wrong amount and another order', async () => {
    const u = 'cust_rl_forged';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    const before = await refundDoc(r.refundId);
    for (const source of ['wx_client', 'wx_client,scf', 'scf', 'wx_trigger', '']) {
      const answer = (await s.invoke('refundCallback', resultEvent(r, 'SUCCESS'), source, source.includes('wx_client') ? u : undefined)) as { errcode: number };
      expect([source, answer.errcode]).toEqual([source, 403]);
    }
    // Through the gateway, as a customer's phone would call it.
    expect(JSON.stringify(await s.call(u, 'refundCallback', resultEvent(r, 'SUCCESS')))).not.toContain('"errcode":0');
    expect(await refundDoc(r.refundId)).toEqual(before);

    // From WeChat's source but not our refund's amount or order: recorded for operators, never applied.
    expect(((await s.invoke('refundCallback', resultEvent(r, 'SUCCESS', r.totalFen - 1), PAY_CALLBACK_SOURCE)) as { errcode: number }).errcode).toBe(0);
    expect(((await s.invoke('refundCallback', { ...resultEvent(r, 'SUCCESS'), outTradeNo: 'ord_someoneelse0000' }, PAY_CALLBACK_SOURCE)) as { errcode: number }).errcode).toBe(0);
    const mismatched = await refundDoc(r.refundId);
    expect(mismatched).toMatchObject({ status: 'pending', parts: [{ state: 'requested', error: expect.stringMatching(/^TRADE_MISMATCH/) }] });
    // An unknown status is refused so WeChat redelivers it to a fixed deployment.
    expect(((await s.invoke('refundCallback', resultEvent(r, 'REVERSED'), PAY_CALLBACK_SOURCE)) as { errcode: number }).errcode).toBe(1);
    expect(await customerRefunds(u, r.orderId)).toEqual(['pending']);
  });

  test('a refund result delivered to payCallback (a refund that named it as functionName) is applied, never refused into two days of redelivery', async () => {
    const u = 'cust_rl_paycb';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    const answer = (await s.invoke('payCallback', resultEvent(r, 'SUCCESS'), PAY_CALLBACK_SOURCE)) as { errcode: number };
    expect(answer.errcode).toBe(0);
    expect((await refundDoc(r.refundId))!.status).toBe('succeeded');
    // Still only from WeChat Pay's source.
    expect(((await s.invoke('payCallback', resultEvent(r, 'CHANGE'), 'wx_client', u)) as { errcode: number }).errcode).toBe(403);
  });

  test('no result event: the sweep asks queryRefund once the result is overdue; an empty reply is "unknown", never a failure', async () => {
    const u = 'cust_rl_query';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    // WeChat finishes it, but its notification is lost.
    expect((await s.refundResult(r.refundId, 'SUCCESS', false)).data.callback).toBeNull();
    await s.trigger('scheduler');
    expect((await refundDoc(r.refundId))!.parts[0].queries).toBeUndefined(); // the result is not overdue yet (5 minutes)
    expect(await customerRefunds(u, r.orderId)).toEqual(['pending']);

    await s.clock(6 * 60_000);
    await s.emptyRefundQueries(50); // every reply of this sweep lists nothing (other tests' refunds are due too)
    const empty = await s.trigger('scheduler');
    await s.emptyRefundQueries(0);
    expect(empty.data.refundsQueried).toBeGreaterThanOrEqual(1);
    expect((await refundDoc(r.refundId))!.parts[0]).toMatchObject({ state: 'requested', queries: 1 });

    await s.clock(12 * 60_000);
    const settled = await s.trigger('scheduler');
    expect(settled.data.refundsCompleted).toBeGreaterThanOrEqual(1);
    expect(await refundDoc(r.refundId)).toMatchObject({ status: 'succeeded', parts: [{ state: 'succeeded', queries: 2, resultStatus: 'SUCCESS' }] });
    expect(await customerRefunds(u, r.orderId)).toEqual(['succeeded']);
  });

  test('stored value back to two top-ups: each part’s result finds its own part', async () => {
    const u = 'cust_rl_lots';
    for (const plan of ['topup-500', 'topup-1000']) {
      const t = await s.call(u, 'wallet', { action: 'topUp', planId: plan, acceptTerms: true, requestId: s.rid('tu') });
      await s.pay(t.data.payment.outTradeNo);
    }
    await s.holdRefunds(2);
    const wr = await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') });
    expect(wr.data).toMatchObject({ status: 'pending', amountFen: 150_000 });
    const parts = (await refundDoc(wr.data.refundId))!.parts;
    expect(parts.map((p) => [p.outRefundNo, p.state])).toEqual([
      [`${wr.data.refundId}_0`, 'requested'],
      [`${wr.data.refundId}_1`, 'requested'],
    ]);
    await s.refundResult(parts[1].outRefundNo, 'SUCCESS');
    expect(await refundDoc(wr.data.refundId)).toMatchObject({ status: 'pending', parts: [{ state: 'requested' }, { state: 'succeeded' }] });
    await s.refundResult(parts[0].outRefundNo, 'SUCCESS');
    expect((await refundDoc(wr.data.refundId))!.status).toBe('succeeded');
    await walletInvariants(s.db(), u);
  });
});

describe('failed and stuck refunds: 运营后台 · 退款', () => {
  test('退款关闭 → 失败 for operators, the customer is told it is being handled; 重试 re-submits the SAME out_refund_no → 已退款', async () => {
    const u = 'cust_rl_closed';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    expect((await s.refundResult(r.refundId, 'REFUNDCLOSE')).data.callback.errcode).toBe(0);
    expect(await customerRefunds(u, r.orderId)).toEqual(['failed']);
    const order = (await s.call(u, 'order', { action: 'get', orderId: r.orderId })).data;
    expect(order.status).toBe('refunded'); // the goods side stays refunded: the money is owed until WeChat pays it out
    expect((await s.call(u, 'customer', { action: 'saveProfile', nickname: '等退款的顾客', consent: true })).ok).toBe(true);
    const failed = await opsRefunds('failed');
    const card = failed.refunds.find((x) => x.refundId === r.refundId)!;
    expect(card).toMatchObject({ customer: { nickname: '等退款的顾客', avatarUrl: null }, status: 'failed', parts: [{ state: 'failed', outRefundNo: r.refundId, error: expect.stringContaining('REFUNDCLOSE') }] });
    expect((await s.call(u, 'ops', { action: 'refunds', tab: 'failed' })).error?.code).toBe('FORBIDDEN');
    expect((await s.call(u, 'ops', { action: 'retryRefund', refundId: r.refundId, requestId: s.rid('rt') })).error?.code).toBe('FORBIDDEN');

    const req = s.rid('retry');
    const retried = await s.call('op_admin', 'ops', { action: 'retryRefund', refundId: r.refundId, requestId: req });
    expect(retried).toMatchObject({ ok: true, data: { status: 'pending', retries: 1, parts: [{ state: 'requested', outRefundNo: r.refundId }] } });
    expect((await s.simRefund(r.refundId)).data).toMatchObject({ status: 'PROCESSING', submissions: 2 });
    // The same tap's request id again: the first answer, WeChat not asked twice.
    await s.call('op_admin', 'ops', { action: 'retryRefund', refundId: r.refundId, requestId: req });
    expect((await s.simRefund(r.refundId)).data.submissions).toBe(2);
    expect((await opsRefunds('failed')).refunds.some((x) => x.refundId === r.refundId)).toBe(false);

    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    expect(await customerRefunds(u, r.orderId)).toEqual(['succeeded']);
    const sim = await s.payState(r.outTradeNo);
    expect(sim.data.refunds).toEqual([expect.objectContaining({ outRefundNo: r.refundId, refundFee: r.totalFen, status: 'SUCCESS' })]);
    const audit = await s.call('op_admin', 'ops', { action: 'audit', entity: 'refund', entityId: r.refundId });
    expect(audit.data.entries).toEqual([expect.objectContaining({ action: 'refund.retry', by: 'op_admin' })]);
  });

  test('退款异常 (CHANGE): 重试 only asks WeChat (a re-submission cannot move that money); once the merchant handles it the result turns it 已退款', async () => {
    const u = 'cust_rl_change';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    await s.refundResult(r.refundId, 'CHANGE');
    expect((await refundDoc(r.refundId))!.parts[0]).toMatchObject({ state: 'failed', resultStatus: 'CHANGE', error: expect.stringContaining('商户平台') });
    const retried = await s.call('op_admin', 'ops', { action: 'retryRefund', refundId: r.refundId, requestId: s.rid('rt') });
    expect(retried.data).toMatchObject({ status: 'failed', parts: [{ state: 'failed', queries: 1 }] });
    expect((await s.simRefund(r.refundId)).data.submissions).toBe(1);

    // The merchant sends the money to the customer's card in 商户平台; WeChat then reports SUCCESS.
    expect((await s.refundResult(r.refundId, 'SUCCESS')).data.callback.errcode).toBe(0);
    expect(await refundDoc(r.refundId)).toMatchObject({ status: 'succeeded', parts: [{ state: 'succeeded', resultStatus: 'SUCCESS' }] });
    expect(await customerRefunds(u, r.orderId)).toEqual(['succeeded']);
  });

  test('退款异常 handled with its notification lost: the sweep re-checks failed CHANGE parts now and then', async () => {
    const u = 'cust_rl_change2';
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    await s.refundResult(r.refundId, 'CHANGE');
    await s.refundResult(r.refundId, 'SUCCESS', false);
    await s.trigger('scheduler');
    expect((await refundDoc(r.refundId))!.status).toBe('failed'); // asked again only hours later
    await s.clock(7 * HOUR);
    await s.trigger('scheduler');
    expect((await refundDoc(r.refundId))!.status).toBe('succeeded');
  });

  test('WeChat refuses the request (余额不足): it stays 退款处理中, the sweep re-sends the same number, and after refundStuckHours it is listed as 处理中过久 until it is done', async () => {
    const u = 'cust_rl_stuck';
    await s.refuseRefunds(1, 'NOTENOUGH');
    await s.holdRefunds(1);
    const r = await paidAndRefunded(u);
    expect(r.status).toBe('pending');
    expect((await refundDoc(r.refundId))!.parts[0]).toMatchObject({ state: 'pending', attempts: 1, error: expect.stringMatching(/^NOTENOUGH/) });
    expect((await s.simRefund(r.refundId)).ok).toBe(false); // WeChat took nothing
    expect(await customerRefunds(u, r.orderId)).toEqual(['pending']);
    const stuck0 = await opsRefunds('stuck');
    expect(stuck0.stuckHours).toBe(24);
    expect(stuck0.refunds.some((x) => x.refundId === r.refundId)).toBe(false);

    await s.trigger('scheduler'); // re-sent with the same out_refund_no: accepted now (held PROCESSING)
    expect((await refundDoc(r.refundId))!.parts[0]).toMatchObject({ state: 'requested', outRefundNo: r.refundId });
    expect((await s.simRefund(r.refundId)).data).toMatchObject({ status: 'PROCESSING', submissions: 1 });

    await s.clock(25 * HOUR);
    const stuck = await opsRefunds('stuck');
    expect(stuck.refunds.find((x) => x.refundId === r.refundId)).toMatchObject({ status: 'pending', parts: [{ state: 'requested' }] });
    await s.refundResult(r.refundId, 'SUCCESS');
    expect((await opsRefunds('stuck')).refunds.some((x) => x.refundId === r.refundId)).toBe(false);
    expect(await customerRefunds(u, r.orderId)).toEqual(['succeeded']);
  });
});

describe('closing unpaid WeChat payments (closeOrder)', () => {
  const closeOf = (orderId: string) => getById<PaymentCloseDoc>(s.db(), 'payment_closes', orderId);

  test('a cancelled unpaid order is closed with WeChat, never within 5 minutes of the payment’s creation', async () => {
    const u = 'cust_close_cancel';
    const o = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    expect((await s.call(u, 'order', { action: 'cancel', orderId: o.data.orderId })).data.status).toBe('cancelled');
    const queued = await closeOf(o.data.orderId);
    expect(queued).toMatchObject({ state: 'due', reason: 'cancelled' });
    expect(queued!.dueAt - queued!.paymentCreatedAt).toBeGreaterThanOrEqual(5 * 60_000);

    await s.clock(60_000);
    await s.trigger('scheduler');
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'due', attempts: 0 });
    expect((await s.payState(o.data.payment.outTradeNo)).data).toMatchObject({ state: 'pending', firstCloseAt: null });

    await s.clock(5 * 60_000 + 1_000);
    expect((await s.trigger('scheduler')).data.paymentsClosed).toBeGreaterThanOrEqual(1);
    const sim = (await s.payState(o.data.payment.outTradeNo)).data;
    expect(sim.state).toBe('closed');
    expect(sim.firstCloseAt - sim.createdAt).toBeGreaterThanOrEqual(5 * 60_000);
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'closed', attempts: 1 });
    // Closed means closed: the pay sheet is refused, and the sweep does not ask again.
    expect((await s.pay(o.data.payment.outTradeNo)).error?.code).toBe('CONFLICT');
    await s.trigger('scheduler');
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'closed', attempts: 1 });
  });

  test('an order that expires unpaid is closed with WeChat by the same sweep once 5 minutes have passed', async () => {
    const u = 'cust_close_expire';
    const o = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    await s.clock(31 * 60_000);
    await s.trigger('scheduler');
    expect((await s.call(u, 'order', { action: 'get', orderId: o.data.orderId })).data.status).toBe('cancelled');
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'closed', reason: 'expired' });
    expect((await s.payState(o.data.payment.outTradeNo)).data.state).toBe('closed');
  });

  test('paid in the 5 minutes before the close: the payment is refunded automatically, exactly once, and WeChat is not asked to close it; no money lost or made', async () => {
    const u = 'cust_close_paid';
    const o = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    await s.call(u, 'order', { action: 'cancel', orderId: o.data.orderId });
    // The customer still had the pay sheet open and paid: WeChat took the money.
    expect((await s.pay(o.data.payment.outTradeNo)).data.callback.errcode).toBe(0);
    const view = (await s.call(u, 'order', { action: 'get', orderId: o.data.orderId })).data;
    expect(view.status).toBe('cancelled');
    expect(view.refunds).toHaveLength(1);

    await s.clock(6 * 60_000);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data.paymentClosesPaid).toBeGreaterThanOrEqual(1);
    // Our side already knew it was paid: WeChat is not asked to close what it cannot.
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'paid', attempts: 0 });
    expect((await s.payState(o.data.payment.outTradeNo)).data.firstCloseAt).toBeNull();
    await s.redeliver(o.data.payment.outTradeNo); // WeChat redelivers the payment: still one refund
    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    const sim = (await s.payState(o.data.payment.outTradeNo)).data;
    expect(sim.state).toBe('paid');
    expect(sim.refunds.map((r: { refundFee: number; status: string }) => [r.refundFee, r.status])).toEqual([[o.data.totalFen, 'SUCCESS']]);
    const refunds = await getAll<RefundDoc>(s.db(), 'refunds', { orderId: o.data.orderId });
    expect(refunds.map((r) => [r.kind, r.status, r.amountFen])).toEqual([['late-payment', 'succeeded', o.data.totalFen]]);
    expect((await s.call(u, 'order', { action: 'get', orderId: o.data.orderId })).data.refunds.map((r: { status: string }) => r.status)).toEqual(['succeeded']);
    await walletInvariants(s.db(), u);
  });

  test('closeOrder answers ORDERPAID while the payment callback is still failing: the payment is handled when WeChat redelivers it — one refund, nothing lost', async () => {
    const u = 'cust_close_orderpaid';
    const o = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    await s.call(u, 'order', { action: 'cancel', orderId: o.data.orderId });
    armFault('pay.late-refund', 10); // our callback keeps failing (WeChat keeps redelivering)
    expect((await s.pay(o.data.payment.outTradeNo)).data.callback.errcode).not.toBe(0);
    expect((await s.call(u, 'order', { action: 'get', orderId: o.data.orderId })).data.refunds).toEqual([]);

    await s.clock(6 * 60_000);
    await s.trigger('scheduler');
    expect(await closeOf(o.data.orderId)).toMatchObject({ state: 'paid', attempts: 1, lastError: expect.stringMatching(/^ORDERPAID/) });
    const sim = (await s.payState(o.data.payment.outTradeNo)).data;
    expect(sim).toMatchObject({ state: 'paid', firstCloseAt: expect.any(Number) });

    disarmFaults();
    expect((await s.redeliver(o.data.payment.outTradeNo)).data.callback.errcode).toBe(0);
    await s.redeliver(o.data.payment.outTradeNo);
    expect(await s.refundResults()).toMatchObject({ owed: 0 });
    const after = (await s.payState(o.data.payment.outTradeNo)).data;
    expect(after.refunds.map((r: { refundFee: number; status: string }) => [r.refundFee, r.status])).toEqual([[o.data.totalFen, 'SUCCESS']]);
    expect((await s.call(u, 'order', { action: 'get', orderId: o.data.orderId })).data).toMatchObject({ status: 'cancelled', refunds: [{ status: 'succeeded', amountFen: o.data.totalFen }] });
    await walletInvariants(s.db(), u);
  });
});
