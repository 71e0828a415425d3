import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { OrderDoc, RefundDoc } from '../../../shared/documents';
import { getAll, getById } from '../../_kit/db';
import { COLL } from '../../_kit/collections';
import { txGet, txReplace } from '../../_kit/tx';
import { runInTransaction } from '../../_kit/transaction';
import { scheduled } from '../../_payments/refund-lifecycle';

/**
 * Issue 16 #2: a move the state tables do not list is refused and changes nothing — through the
 * real SDK against the emulator, one case per aggregate (order, payment, refund; campaigns in
 * campaign/__tests__/refused-moves.test.ts). Each compares the whole stored document before and after.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

const order = (id: string) => getById<OrderDoc>(s.db(), COLL.orders, id);
const buy = (openid: string) => s.call(openid, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });

test('order: cancelling a paid order is refused (INVALID_STATE) and the order, its payment and the close queue stay as they were', async () => {
  const u = 'mv_paid_cancel';
  const r = await buy(u);
  await s.pay(r.data.payment.outTradeNo);
  const before = await order(r.data.orderId);
  const closes = (await getAll(s.db(), COLL.payment_closes, {}, { max: 1000 })).length;
  const res = await s.call(u, 'order', { action: 'cancel', orderId: r.data.orderId });
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  expect(await order(r.data.orderId)).toEqual(before);
  expect(before).toMatchObject({ status: 'paid', payment: { state: 'succeeded' } });
  expect((await getAll(s.db(), COLL.payment_closes, {}, { max: 1000 })).length).toBe(closes);
});

test('payment: a late success that was refunded is not moved back to closed when the sweep closes its order; its redelivery changes nothing', async () => {
  const u = 'mv_late_pay';
  const trial = (rid: string) => s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum_trial', qty: 1 }], payWith: 'wechat', requestId: rid });
  const old = await trial(s.rid('old'));
  await s.clock(31 * 60_000); // past the 30-minute payment window, before the sweep ran
  expect((await trial(s.rid('new'))).ok).toBe(true); // the trial is now this order's
  await s.pay(old.data.payment.outTradeNo); // money for an order that can no longer take the trial: refunded
  expect(await order(old.data.orderId)).toMatchObject({ status: 'created', payment: { state: 'succeeded' } });
  await s.trigger('scheduler');
  const closed = await order(old.data.orderId);
  // The order is closed; its payment stays succeeded (the table has no succeeded → closed).
  expect(closed).toMatchObject({ status: 'cancelled', payment: { state: 'succeeded' } });
  // The refund finishes asynchronously (WeChat's result): wait for it, so the comparison below sees
  // only what the redelivery might change.
  await s.refundResults();
  const refunds = await getAll<RefundDoc>(s.db(), COLL.refunds, { orderId: old.data.orderId }, { max: 10 });
  expect(refunds).toHaveLength(1);
  await s.redeliver(old.data.payment.outTradeNo);
  expect(await order(old.data.orderId)).toEqual(closed);
  expect(await getAll<RefundDoc>(s.db(), COLL.refunds, { orderId: old.data.orderId }, { max: 10 })).toEqual(refunds);
});

test('payment: money that arrives after the customer cancelled is recorded as succeeded (closed → succeeded) and refunded; the order stays cancelled', async () => {
  const u = 'mv_after_cancel';
  const r = await buy(u);
  expect(await s.call(u, 'order', { action: 'cancel', orderId: r.data.orderId })).toMatchObject({ ok: true, data: { status: 'cancelled' } });
  expect(await order(r.data.orderId)).toMatchObject({ payment: { state: 'closed' } });
  await s.pay(r.data.payment.outTradeNo); // the customer's pay sheet was still open: WeChat had not closed it yet
  const after = await order(r.data.orderId);
  expect(after).toMatchObject({ status: 'cancelled', payment: { state: 'succeeded', lateRefundId: expect.any(String) } });
  expect(await getById<RefundDoc>(s.db(), COLL.refunds, after!.payment!.lateRefundId!)).toMatchObject({ kind: 'late-payment', amountFen: r.data.totalFen });
});

test('refund: a finished refund cannot go back to pending — the transaction that tries is refused and the document is unchanged', async () => {
  const u = 'mv_refund_back';
  const r = await buy(u);
  await s.pay(r.data.payment.outTradeNo);
  const refund = await s.call(u, 'order', { action: 'refund', orderId: r.data.orderId, requestId: s.rid('rf') });
  expect(refund.ok).toBe(true);
  await s.refundResults();
  const done = await getById<RefundDoc>(s.db(), COLL.refunds, refund.data.refundId);
  expect(done).toMatchObject({ status: 'succeeded' });
  // A part reported pending again (a bug, never WeChat): the refund table has no succeeded → pending.
  const attempt = runInTransaction(s.db(), async (tx) => {
    const cur = (await txGet<RefundDoc>(tx, COLL.refunds, done!._id))!;
    await txReplace(tx, COLL.refunds, scheduled({ ...cur, parts: cur.parts.map((p) => ({ ...p, state: 'pending' as const })) }, Date.now()));
  });
  await expect(attempt).rejects.toThrow(/不能变为「退款处理中」/);
  expect(await getById<RefundDoc>(s.db(), COLL.refunds, done!._id)).toEqual(done);
});
