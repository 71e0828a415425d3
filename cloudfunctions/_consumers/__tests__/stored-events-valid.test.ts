import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { EVENT_TYPES, validEvent } from '../../../shared/events/domain-event';
import type { PurchaseEvent } from '../../../shared/schemas/event';
import { getAll } from '../../_kit/db';
import { COLL } from '../../_kit/collections';

/**
 * Events are validated when written (writeEvent); this reads them back after the flows that write
 * or REWRITE them — payments by balance and WeChat, refunds, a top-up and its refund, a membership,
 * a visit, survey answers erased by a withdrawal, the consumers' bookkeeping — and checks each
 * stored event's data against its type's schema, so a path that bypasses the writer shows here.
 */
jest.setTimeout(60_000);
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

test('every stored event, after the flows that write and rewrite them, matches its type\'s schema', async () => {
  const u = 'ev_valid';
  const ok = <T extends { ok: boolean }>(r: T) => {
    expect(r.ok).toBe(true);
    return r as T & { data: any };
  };
  const top = ok(await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') }));
  await s.pay(top.data.payment.outTradeNo);
  const byBalance = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('ob') }));
  ok(await s.call(u, 'order', { action: 'refund', orderId: byBalance.data.orderId, requestId: s.rid('rb') }));
  const byWechat = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 2 }], payWith: 'wechat', requestId: s.rid('ow') }));
  await s.pay(byWechat.data.payment.outTradeNo);
  ok(await s.call(u, 'order', { action: 'refund', orderId: byWechat.data.orderId, requestId: s.rid('rw'), lines: [{ productId: 'prd_mask', qty: 1 }] }));
  const member = ok(await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') }));
  await s.pay(member.data.payment.outTradeNo);
  ok(await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') }));
  ok(await s.call(u, 'customer', { action: 'visit' }));
  await s.call(u, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'industry', optionIds: ['office'] }], requestId: s.rid('sv') });
  ok(await s.call(u, 'customer', { action: 'clearSurvey', requestId: s.rid('clr') }));
  await s.refundResults();
  await s.trigger('scheduler');

  const events = await getAll<PurchaseEvent>(s.db(), COLL.events, { openid: u }, { max: 1000 });
  const types = new Set(events.map((e) => e.type));
  for (const t of ['wallet.topup', 'order.paid', 'order.refunded', 'membership.purchased', 'wallet.refunded', 'customer.visited', 'survey.answered'] as const) expect(types).toContain(t);
  for (const e of events) {
    expect(EVENT_TYPES).toContain(e.type);
    expect(() => validEvent(e)).not.toThrow();
  }
});
