import { loadFixture, shapeMismatches } from '../../cloudfunctions/_kit/platform/fixtures';
import type { PlatformContext } from '../../cloudfunctions/_kit/platform/contexts';
import { sourceChain } from '../../cloudfunctions/_kit/sources';
import { firstThreePurchaseTemplate } from '../../shared/promotions/campaign';
import { getAll } from '../../cloudfunctions/_kit/db';
import { startTestStore, type TestStore } from '../testing/store-harness';
import { paySimExchanges, type PaySimExchange } from '../pay-sim/refunds';
import { waitUntil } from '../testing/wait-until';

/**
 * The local platform may only send what the real one sends. Every invocation the gateway, the pay
 * simulator and the timers make during a run through the store is recorded, and each context,
 * event and answer must conform to the fixture for its source — a local component that invents a
 * field, drops a required one or uses a source WeChat never sends fails here by name.
 */
type Call = { name: string; event: unknown; context: PlatformContext; answer: unknown };

let s: TestStore;
const calls: Call[] = [];
const exchanges: PaySimExchange[] = [];
const tapExchange = (e: PaySimExchange) => void exchanges.push(e);
beforeAll(async () => {
  s = await startTestStore();
  s.server.registry.tap((c) => calls.push(c));
  paySimExchanges.add(tapExchange);
});
afterAll(async () => {
  paySimExchanges.delete(tapExchange);
  await s?.close();
});

/** Which fixtures describe an invocation with this source, by function. */
function fixturesFor(call: Call): { context: string; event?: string; answer?: string } | { unknown: string } {
  const raw = call.context.environment ? (JSON.parse(call.context.environment) as { TCB_SOURCE?: string }).TCB_SOURCE : undefined;
  const chain = sourceChain(raw);
  const key = chain.join(',');
  if (key === 'wx_client') return { context: 'context.client' };
  // The same source reaches two functions: unifiedOrder's functionName (payment results) and
  // refund's functionName (refund results, fixture event.refund-result); both answer {errcode, errmsg}.
  if (key === 'wx_paycallback') return { context: 'context.pay-callback', event: call.name === 'refundCallback' ? 'event.refund-result' : 'event.pay-callback', answer: 'reply.pay-callback' };
  if (key === 'wx_trigger') return { context: 'context.timer.devtools', event: 'event.timer' };
  return { unknown: `no fixture describes TCB_SOURCE ${JSON.stringify(raw)} (function ${call.name})` };
}

const REQUEST_FIXTURE: Record<PaySimExchange['api'], string> = { refund: 'request.cloudpay.refund', closeOrder: 'request.cloudpay.close-order', queryRefund: 'request.cloudpay.query-refund' };

/** Which reply fixture describes a cloudPay reply: by call, then returnCode / resultCode. */
function replyFixture(e: PaySimExchange): string {
  if (e.reply.returnCode !== 'SUCCESS') return e.api === 'refund' ? 'reply.cloudpay.refund.return-fail' : 'reply.cloudpay.return-fail';
  if (e.reply.resultCode !== 'SUCCESS') return 'reply.cloudpay.result-fail';
  return { refund: 'reply.cloudpay.refund', closeOrder: 'reply.cloudpay.close-order', queryRefund: 'reply.cloudpay.query-refund' }[e.api];
}

function violations(): string[] {
  const out: string[] = [];
  for (const e of exchanges) {
    for (const m of shapeMismatches(loadFixture(REQUEST_FIXTURE[e.api]), e.request)) out.push(`cloudPay.${e.api} request vs ${REQUEST_FIXTURE[e.api]}: ${m}`);
    const f = replyFixture(e);
    for (const m of shapeMismatches(loadFixture(f), e.reply)) out.push(`cloudPay.${e.api} reply vs ${f}: ${m}`);
  }
  for (const c of calls) {
    const f = fixturesFor(c);
    if ('unknown' in f) {
      out.push(f.unknown);
      continue;
    }
    const check = (fixture: string | undefined, value: unknown, what: string) => {
      if (!fixture) return;
      for (const m of shapeMismatches(loadFixture(fixture), value)) out.push(`${c.name} ${what} vs ${fixture}: ${m}`);
    };
    check(f.context, c.context, 'context');
    check(f.event, c.event, 'event');
    check(f.answer, c.answer, 'answer');
  }
  return out;
}

test('a run through the store: customer calls, payments with redelivery, every timer — all in documented shapes', async () => {
  const u = 'cust_contract';
  expect((await s.call(u, 'catalog', { action: 'list' })).ok).toBe(true);
  const topUp = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
  expect(topUp.ok).toBe(true);
  expect((await s.pay(topUp.data.payment.outTradeNo)).ok).toBe(true);
  expect((await s.redeliver(topUp.data.payment.outTradeNo)).ok).toBe(true);
  const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  expect(buy.ok).toBe(true);
  expect((await s.pay(buy.data.payment.outTradeNo)).ok).toBe(true);
  // A product bought by WeChat Pay (a shipping-info upload follows for virtual goods) and a
  // first-three-purchase campaign that sends this customer a subscription message.
  const order = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(order.error).toBeUndefined();
  expect((await s.pay(order.data.payment.outTradeNo)).ok).toBe(true);
  expect((await s.call(u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
  const created = await s.call('op_admin', 'campaign', { action: 'create', campaign: { ...firstThreePurchaseTemplate(Date.now() - 1_000), holdoutPercent: 0 }, requestId: s.rid('cmp') });
  expect(created.error).toBeUndefined();
  for (let i = 0; i < 50; i++) {
    const r = await s.call('op_admin', 'campaign', { action: 'launch', campaignId: created.data._id, requestId: s.rid('launch') });
    expect(r.error).toBeUndefined();
    if (r.data.status !== 'launching') break;
  }
  // Refunds: one WeChat refuses at first (result-fail), then accepted; its result is delivered to
  // refundCallback. A cancelled unpaid order is closed with WeChat 5 minutes on; a refund whose
  // result was lost is queried (once with the empty lists cloudPay has been seen to send).
  await s.refuseRefunds(1, 'SYSTEMERROR');
  const refund = await s.call(u, 'order', { action: 'refund', orderId: order.data.orderId, requestId: s.rid('rf') });
  expect(refund.data.status).toBe('pending');
  await s.holdRefunds(1);
  const mb = await s.call(u, 'membership', { action: 'refund', requestId: s.rid('mr') });
  expect(mb.data.status).toBe('pending');
  await s.refundResult(mb.data.refundId, 'SUCCESS', false);
  const unpaid = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: s.rid('un') });
  expect((await s.call(u, 'order', { action: 'cancel', orderId: unpaid.data.orderId })).ok).toBe(true);
  await s.clock(6 * 60_000);
  await s.emptyRefundQueries(1);

  const timers = s.server.registry.list().filter((n) => s.server.registry.hasTimer(n));
  expect(timers.sort()).toEqual(['campaign', 'privacy', 'scheduler', 'segment']);
  for (const fn of timers) expect([fn, (await s.trigger(fn)).ok]).toEqual([fn, true]);

  expect(await s.refundResults()).toMatchObject({ owed: 0 });
  await s.clock(12 * 60_000);
  expect((await s.trigger('scheduler')).ok).toBe(true); // the lost result: queried again, now listed
  await s.clock(0);

  // Taps run after each answer settles: wait until the last of them (the refund callback) came in.
  await waitUntil(
    () => calls.filter((c) => c.name === 'payCallback').length >= 4 && calls.some((c) => c.name === 'refundCallback') && new Set(exchanges.map(replyFixture)).size >= 4,
    () => `the taps of every call (${calls.length} calls, ${exchanges.length} cloudPay exchanges so far)`,
  );
  const sources = new Set(calls.map((c) => (c.context.environment ? JSON.parse(c.context.environment).TCB_SOURCE : '(none)')));
  expect([...sources].sort()).toEqual(['wx_client', 'wx_paycallback', 'wx_trigger']);
  expect(calls.filter((c) => c.name === 'payCallback')).toHaveLength(4);
  expect(calls.filter((c) => c.name === 'refundCallback').length).toBeGreaterThanOrEqual(1);
  // Every cloudPay call and reply kind took place (so the shapes below were really compared).
  expect(new Set(exchanges.map(replyFixture))).toEqual(new Set(['reply.cloudpay.refund', 'reply.cloudpay.result-fail', 'reply.cloudpay.close-order', 'reply.cloudpay.query-refund']));
  const sweptRefunds = await getAll<{ status: string }>(s.db(), 'refunds', { openid: u });
  expect(sweptRefunds.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  expect(violations()).toEqual([]);

  // What the local recorders received is what the real APIs take.
  const messages = await getAll<{ openid: string; body: unknown }>(s.db(), 'message_calls', { openid: u });
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(shapeMismatches(loadFixture('cloudcall.subscribeMessage.send.request'), m.body)).toEqual([]);
  const uploads = await s.shippingCalls();
  expect(uploads.length).toBeGreaterThan(0);
  for (const up of uploads) {
    expect(shapeMismatches(loadFixture('https.uploadShippingInfo.body'), up.body)).toEqual([]);
    expect(shapeMismatches(loadFixture('https.reply'), { errcode: up.errcode, errmsg: up.errmsg })).toEqual([]);
  }
});

test('the contract check does catch an invented shape', () => {
  const good = calls.find((c) => c.name === 'payCallback')!;
  calls.push({ ...good, event: { ...(good.event as object), paidBy: 'wallet' } });
  calls.push({ ...good, context: { ...good.context, environment: JSON.stringify({ TCB_SOURCE: 'wx_pay' }) } });
  expect(violations()).toEqual(['payCallback event vs event.pay-callback: paidBy: not sent by the platform', 'no fixture describes TCB_SOURCE "wx_pay" (function payCallback)']);
  calls.splice(-2);
  const good2 = exchanges.find((e) => e.api === 'refund' && e.reply.resultCode === 'SUCCESS')!;
  exchanges.push({ ...good2, request: { ...(good2.request as object), outRefundNo: 'x' } });
  expect(violations()).toEqual(['cloudPay.refund request vs request.cloudpay.refund: outRefundNo: not sent by the platform']);
  exchanges.pop();
});
