import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../../../shared/promotions/campaign';
import { businessDate, DAY_MS } from '../../../shared/time';
import { deliveryIdOf, type DeliveryDoc } from '../../_campaigns/docs';
import { getById } from '../../_kit/db';
import { COLL } from '../../_kit/collections';

/**
 * One definition of profit (issue 15 #9): a campaign's profit for its orders equals what 经营报表
 * adds for the same orders. Revenue is already after the coupon, so the coupon must not be
 * deducted a second time; bonus spent (充X送Y's 送) is money the shop never collected.
 */

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const OP = 'op_admin';
const op = (body: Record<string, unknown>) => s.call(OP, 'campaign', body);
let offset = 0;

async function buy(openid: string, extra: Record<string, unknown> = {}, payWith: 'wechat' | 'balance' = 'wechat') {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith, requestId: s.rid('buy'), ...extra });
  expect(r.error).toBeUndefined();
  if (payWith === 'wechat') expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data.orderId as string;
}

async function profitToday(): Promise<number> {
  const day = businessDate(Date.now() + offset);
  let o = await s.call(OP, 'report', { action: 'overview', from: day, to: day });
  for (let i = 0; i < 10 && o.data.catchingUp; i++) o = await s.call(OP, 'report', { action: 'overview', from: day, to: day });
  expect(o.error).toBeUndefined();
  return o.data.totals.profitFen as number;
}

test('a coupon order and a balance order with bonus: campaign profit = the profit report’s profit for them', async () => {
  for (const u of ['pf_a', 'pf_b']) {
    await buy(u);
    expect((await s.call(u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
  }
  offset += 40 * DAY_MS;
  await s.clock(offset);
  await s.trigger('segment');
  const tpl = await s.call(OP, 'coupon', {
    action: 'saveTemplate',
    template: { name: '复购券', offer: { code: 'amount-off', args: { amountFen: 3_000 } }, minSpendFen: 5_000, validity: { kind: 'days', days: 14 }, perCustomerLimit: 1, nextPurchaseOnly: true },
    requestId: s.rid('cpt'),
  });
  expect(tpl.error).toBeUndefined();
  const created = await op({ action: 'create', campaign: { ...firstThreePurchaseTemplate(Date.now() + offset - 1_000, tpl.data._id ?? tpl.data.template?._id ?? tpl.data.templateId), holdoutPercent: 0 }, requestId: s.rid('cmp') });
  expect(created.error).toBeUndefined();
  const cmp = created.data._id as string;
  for (let i = 0; i < 50; i++) {
    const r = await op({ action: 'launch', campaignId: cmp, requestId: s.rid('launch') });
    expect(r.error).toBeUndefined();
    if (r.data.status !== 'launching') break;
  }
  const couponId = (await getById<DeliveryDoc>(s.db(), COLL.campaign_deliveries, deliveryIdOf(cmp, 'pf_a')))!.couponId!;
  expect(couponId).toBeDefined();

  // pf_b's top-up is stored value, not revenue: take the report's figure after it.
  const tu = await s.call('pf_b', 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
  expect((await s.pay(tu.data.payment.outTradeNo)).ok).toBe(true);
  const before = await profitToday();
  await buy('pf_a', { couponId });
  await buy('pf_b', {}, 'balance');
  const reportProfit = (await profitToday()) - before;

  const rep = (await op({ action: 'report', campaignId: cmp })).data;
  expect(rep.counts).toMatchObject({ ordersTreated: 2, couponsUsed: 1, couponCostFen: 3_000 });
  expect(rep.counts.bonusTreatedFen).toBeGreaterThan(0);
  // The mask: ¥128, cost ¥35 — the coupon order kept ¥98, the balance order ¥128 less its bonus.
  expect(rep.results.profitTreatedFen).toBe(reportProfit);
  expect(rep.results.profitTreatedFen).toBe(rep.counts.revenueTreatedFen - rep.counts.bonusTreatedFen - rep.counts.cogsTreatedFen);
});
