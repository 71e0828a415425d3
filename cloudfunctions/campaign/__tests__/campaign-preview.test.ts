import { launchToEnd } from './launch-to-end';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { DAY_MS } from '../../../shared/time';

/**
 * Issue 15 #12 and #13: the preview shows what the launch will do — coupons left included — and
 * 首三单复购 reaches people on the day it is used under the default contact policy: 沉默 customers
 * get the coupon (while coupons last), 活跃 ones (bought within 30 days: content only) the content
 * message instead of nothing.
 */

let s: TestStore;
let offset = 0;
const OP = 'op_admin';
const op = (body: Record<string, unknown>) => s.call(OP, 'campaign', body);
const SILENT = Array.from({ length: 6 }, (_, i) => `pv_silent_${i}`);
const ACTIVE = ['pv_active_0', 'pv_active_1'];

async function buy(u: string) {
  const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  expect((await s.call(u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
}

async function couponTemplate(name: string, totalQuantity?: number): Promise<string> {
  const r = await s.call(OP, 'coupon', {
    action: 'saveTemplate',
    template: { name, offer: { code: 'amount-off', args: { amountFen: 1_000 } }, minSpendFen: 5_000, validity: { kind: 'days', days: 14 }, perCustomerLimit: 1, nextPurchaseOnly: true, ...(totalQuantity ? { totalQuantity } : {}) },
    requestId: s.rid('cpt'),
  });
  expect(r.error).toBeUndefined();
  return r.data._id ?? r.data.template?._id ?? r.data.templateId;
}


beforeAll(async () => {
  s = await startTestStore();
  for (const u of SILENT) await buy(u);
  offset = 40 * DAY_MS;
  await s.clock(offset);
  // Bought today: 活跃.
  for (const u of ACTIVE) await buy(u);
  await s.trigger('segment');
});
afterAll(() => s.close());

test('首三单复购 with a coupon that has 2 left: the template picks the coupon, the preview says 2 coupons, content for the active, and the launch does exactly that', async () => {
  const limited = await couponTemplate('复购立减10（限量）', 2);
  const tpl = (await op({ action: 'templates' })).data.templates[0];
  // The template comes with the coupon chosen (a small, next-purchase-only offer 沉默 customers may take) and the content message.
  expect(tpl.actions.map((a: { code: string }) => a.code)).toEqual(['issue-coupon', 'send-message', 'send-content']);
  expect(tpl.actions[0].args.templateId).toBe(limited);
  const campaign = { ...tpl, holdoutPercent: 0 };
  const requestId = s.rid('cmp');

  const p = (await op({ action: 'preview', campaign, requestId })).data;
  expect(p).toMatchObject({ audience: 8, holdout: 0, coupons: 2, couponsLeft: 2, noCoupon: 4, contentOnly: 2, offerTooDeep: 0, reachable: 4, capped: 0, noGrant: 0 });
  expect(p.byStage).toMatchObject({ silent: 6, active: 2 });

  const id = (await op({ action: 'create', campaign, requestId })).data._id as string;
  await launchToEnd(s, id);
  const rep = (await op({ action: 'report', campaignId: id })).data;
  expect(rep.counts).toMatchObject({ audience: 8, couponsIssued: p.coupons, couponsRefused: p.noCoupon, contentOnly: p.contentOnly, sent: p.reachable, offerTooDeep: 0 });
  // The coupons are gone now: a second preview of the same campaign says so.
  expect((await op({ action: 'preview', campaign: { ...campaign, name: '再来一次' }, requestId: s.rid('cmp') })).data).toMatchObject({ coupons: 0, couponsLeft: 0, noCoupon: 6, contentOnly: 2 });
});

test('a custom campaign without a content message: the active customers get nothing (优惠超出阶段), in preview and launch alike', async () => {
  const open = await couponTemplate('复购立减10');
  const campaign = {
    name: '只发券',
    template: 'custom',
    conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1']] } }],
    actions: [
      { code: 'issue-coupon', args: { templateId: open } },
      { code: 'send-message', args: { title: '送您一张券', detail: '下单自动抵扣', page: 'pages/index/index' } },
    ],
    schedule: { startAt: Date.now() + offset - 1_000, endAt: Date.now() + offset + 7 * DAY_MS },
    holdoutPercent: 0,
    bigSale: false,
    attributionDays: 14,
  };
  const requestId = s.rid('cmp');
  const p = (await op({ action: 'preview', campaign, requestId })).data;
  expect(p).toMatchObject({ audience: 8, offerTooDeep: 2, contentOnly: 0, coupons: 6, noCoupon: 0 });
  expect(p.couponsLeft).toBeUndefined();
  const id = (await op({ action: 'create', campaign, requestId })).data._id as string;
  await launchToEnd(s, id);
  expect((await op({ action: 'report', campaignId: id })).data.counts).toMatchObject({ offerTooDeep: 2, couponsIssued: 6, contentOnly: 0 });
  // A content message needs a coupon to stand in for: refused in Chinese.
  const bad = await op({ action: 'create', campaign: { ...campaign, actions: [campaign.actions[1], { code: 'send-content', args: campaign.actions[1].args }] }, requestId: s.rid('cmp') });
  expect(bad.error).toMatchObject({ code: 'INVALID_INPUT' });
  expect(bad.error!.message).toContain('不需要另设内容消息');
});
