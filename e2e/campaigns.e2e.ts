import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { inHoldout } from '../shared/promotions/campaign';
import { launchChromium, SCREENSHOT_DIR, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * 营销活动 end to end in the H5 build against the real local server: a customer buys once (real
 * checkout + simulated WeChat pay sheet) and accepts the subscription prompt after paying (the
 * sheet that stands in for WeChat's dialog); 40 days pass (/local/clock + the segment timer); the
 * operator creates the first-three-purchase campaign from its template in the console, previews
 * it, launches it and watches it reach 进行中; the customer finds the message in 消息, opens it,
 * and checks out with the campaign's coupon; the operator's report shows the conversion and the
 * coupon use. Screenshots under test-results/campaigns/.
 */
jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
const CUSTOMER = 'cust_cmp_e2e';
const SHOTS = 'campaigns';

let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
  mkdirSync(path.join(SCREENSHOT_DIR, SHOTS), { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

const as = (page: Page, openid: string, hash: string) => openAs(page, store.url, openid, hash);

async function post(path: string, body: unknown, openid?: string) {
  const res = await fetch(`${store.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<{ ok: boolean; data: any }>;
}

/** 微信支付 through the simulated pay sheet, from the product's checkout. */
async function checkoutWithWechat(app: ReturnType<typeof h5App>, productId: string) {
  await app.tab('首页');
  await app.tap(`#product-${productId}`);
  await app.tap('#product-buy-now');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
}

test('buy once + subscribe → 40 days → operator launches 首三单复购 → the customer sees the message, uses the coupon → the report shows the conversion', async () => {
  const buyer = await openPage(browser);
  const op = await openPage(browser);
  const errors: string[] = [];
  for (const p of [buyer, op]) p.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(buyer);
  const opApp = h5App(op);
  const shot = (a: ReturnType<typeof h5App>, name: string, scrollTo?: string) => a.shot(`${SHOTS}/${name}`, scrollTo);

  // 1. The customer buys once; after paying, the app offers the subscriptions (once), and they accept.
  await buyer.goto(store.url + '/');
  await as(buyer, CUSTOMER, '/pages/index/index');
  await buyer.locator('#product-list').waitFor();
  await checkoutWithWechat(app, 'prd_mask');
  await app.visible('#subscribe-offer').waitFor();
  expect(await app.text('#subscribe-offer')).toContain('每次订阅最多发一条');
  await shot(app, 'campaigns-01-paid-offer.png', '#subscribe-offer');
  await app.tap('#subscribe-offer-ask');
  await app.visible('#subscribe-sheet').waitFor();
  expect(await app.text('#subscribe-sheet')).toContain('优惠通知');
  await shot(app, 'campaigns-02-subscribe-sheet.png');
  await app.tap('#subscribe-sheet-allow');
  await app.waitForText('#subscribe-payment-notice', '已订阅「优惠通知」「会员到期提醒」');
  await expect(buyer.locator('#subscribe-offer:visible').count()).resolves.toBe(0);
  await shot(app, 'campaigns-03-subscribed.png', '#subscribe-payment-notice');
  expect((await post('/fn/messages', { action: 'grants' }, CUSTOMER)).data).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 1 } });
  // 会员 shows what they subscribed to, and offers to subscribe again (only when tapped).
  await as(buyer, CUSTOMER, '/pages/member/index');
  await app.waitForText('#subscribe-grant-promotion', '可接收 1 条');
  await shot(app, 'campaigns-03b-member-panel.png', '#subscribe-panel');

  // 2. Forty days pass: the segment timer moves them to 沉默 (small offers allowed).
  expect((await post('/local/clock', { offsetMs: 40 * DAY_MS })).ok).toBe(true);
  expect((await post('/local/trigger/segment', {})).ok).toBe(true);

  // 3. The operator has a next-purchase coupon (small: ¥20 off ¥100).
  const tpl = await post(
    '/fn/coupon',
    {
      action: 'saveTemplate',
      template: { name: '复购立减20', offer: { code: 'amount-off', args: { amountFen: 2_000 } }, minSpendFen: 10_000, validity: { kind: 'days', days: 14 }, perCustomerLimit: 1, nextPurchaseOnly: true, claimable: false },
      requestId: `e2e_cmp_cpt_${Date.now().toString(36)}`,
    },
    'op_admin',
  );
  expect(tpl.ok).toBe(true);
  const couponTemplateId = tpl.data.templateId as string;

  // 4. 运营后台 → 营销活动 → 新建活动 from the template → 预览 → 保存 → 发布 → 进行中.
  await op.goto(store.url + '/');
  await as(op, 'op_admin', '/packages/ops/home/index');
  await opApp.tap('#ops-home-campaigns');
  await opApp.waitForText('#ops-campaigns', '还没有活动');
  await opApp.tap('#campaign-new');
  await opApp.tap('#cmp-start-template');
  await opApp.visible('#campaign-form').waitFor();
  await shot(opApp, 'campaigns-04-form.png');
  await opApp.tap(`#cmf-coupon-opt-${couponTemplateId}`);
  // No holdout: this one customer must be in the treated group for the test to say anything.
  await opApp.visible('#cmf-holdout input').fill('0');
  await shot(opApp, 'campaigns-05-form-message.png', '#cmf-title');
  await opApp.tap('#cmf-preview-btn');
  await opApp.visible('#cmf-preview').waitFor();
  expect(await opApp.text('#cmf-preview-audience')).toContain('1');
  expect(await opApp.text('#cmf-preview-reachable')).toContain('1');
  expect(await opApp.text('#cmf-preview-coupons')).toMatch(/^1\s*将发券/);
  expect(await opApp.text('#cmf-preview-stage-silent')).toContain('沉默 1 人');
  await shot(opApp, 'campaigns-06-preview.png', '#cmf-preview');
  await shot(opApp, 'campaigns-07-preview-stages.png', '#cmf-preview-stage-churned');
  await opApp.tap('#cmf-save');
  await opApp.waitForText('#cmp-status', '草稿');
  const campaignId = decodeURIComponent(/campaignId=([^&]+)/.exec(op.url())![1]);
  await shot(opApp, 'campaigns-08-draft.png');
  // 编辑草稿: the form opens with the draft; 保存修改 returns to it with the change.
  await opApp.tap('#cmp-edit');
  await opApp.waitForText('#campaign-form', '编辑草稿');
  await opApp.visible('#cmf-name input').fill('首三单复购 · 回访');
  await shot(opApp, 'campaigns-08b-edit-draft.png');
  await opApp.tap('#cmf-save');
  await opApp.waitForText('#cmp-name', '首三单复购 · 回访');
  await opApp.waitForText('#cmp-status', '草稿');
  await opApp.tap('#cmp-launch');
  await opApp.visible('#cmp-confirm').waitFor();
  await shot(opApp, 'campaigns-09-confirm.png');
  await opApp.tap('#cmp-confirm-confirm');
  await opApp.waitForText('#cmp-status', '进行中');
  await opApp.waitForText('#cmp-notice', '已发送 1 条消息');
  expect(await opApp.text('#cmp-progress-text')).toContain('发送完成');
  await shot(opApp, 'campaigns-10-live.png');

  // 5. The customer: 我的 shows it unread; 消息 lists it; opening it goes to its page.
  await as(buyer, CUSTOMER, '/pages/me/index');
  await app.waitForText('#menu-inbox-unread', '1 条未读');
  await shot(app, 'campaigns-11-me-unread.png');
  await app.tap('#menu-inbox');
  await app.waitForText('#inbox-0-title', '您有一张复购券待使用');
  expect(await app.text('#inbox-0')).toContain('下单自动抵扣，限时有效');
  await shot(app, 'campaigns-12-inbox.png');
  await app.tap('#inbox-0');
  await buyer.locator('#product-list:visible').waitFor();

  // ... and checks out with the campaign's coupon (chosen automatically: it saves the most).
  await app.tap('#product-prd_tea');
  await app.tap('#product-buy-now');
  await app.waitForText('#coupon-picker-sum', '-¥20');
  expect(await app.text('#checkout-total')).toBe('¥178');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-coupon-saved')).toBe('已用优惠券「复购立减20」，节省 ¥20');
  await shot(app, 'campaigns-13-paid-with-coupon.png');

  // 6. The operator's report: one conversion, the coupon used, revenue and profit after the coupon.
  await as(op, 'op_admin', `/packages/ops/campaign/index?campaignId=${encodeURIComponent(campaignId)}`);
  await opApp.waitForText('#cmr-converted', '1 人');
  expect(await opApp.text('#cmr-coupons')).toContain('已用 1 张');
  expect(await opApp.text('#cmr-revenue')).toContain('¥178');
  expect(await opApp.text('#cmr-profit-waterfall')).toContain('商品成本');
  // ¥178 paid is already after the ¥20 coupon: named, never deducted a second time.
  expect(await opApp.text('#cmr-coupon-given')).toContain('让利 ¥20');
  await shot(opApp, 'campaigns-14-report-reach.png', '#cmr-reach');
  await shot(opApp, 'campaigns-15-report-conversion.png', '#cmr-conversion');
  await shot(opApp, 'campaigns-16-report-money.png', '#cmr-money');
  const report = await post('/fn/campaign', { action: 'report', campaignId }, 'op_admin');
  expect(report.data.counts).toMatchObject({ sent: 1, convertedTreated: 1, couponsUsed: 1, couponCostFen: 2_000, revenueTreatedFen: 17_800 });

  // 7. With a holdout: a content-only campaign to one-time buyers, half held out. Who is held out is
  // a pure function of (campaign, customer), so the test buys for one treated and one held-out
  // customer and the report compares the two groups (lift) in its charts.
  const crowd = Array.from({ length: 12 }, (_, i) => `cust_cmp_crowd_${i}`);
  for (const u of crowd) {
    await buyByApi(u, 'prd_mask');
    await post('/fn/messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: `e2e_cmp_sub_${u}` }, u);
  }
  const tpl2 = (await post('/fn/campaign', { action: 'templates' }, 'op_admin')).data.templates[0];
  const content = { ...tpl2, name: '老客新品上新提醒', conditions: [{ code: 'in-segments', args: { anyOf: [['purchases:1']] } }], holdoutPercent: 50 };
  const created = await post('/fn/campaign', { action: 'create', campaign: content, requestId: `e2e_cmp_holdout_${Date.now().toString(36)}` }, 'op_admin');
  expect(created.ok).toBe(true);
  const holdoutId = created.data._id as string;
  const treated = crowd.filter((u) => !inHoldout(holdoutId, u, 50));
  const held = crowd.filter((u) => inHoldout(holdoutId, u, 50));
  expect(treated.length * held.length).toBeGreaterThan(0);
  await as(op, 'op_admin', `/packages/ops/campaign/index?campaignId=${encodeURIComponent(holdoutId)}`);
  await opApp.tap('#cmp-launch');
  await opApp.tap('#cmp-confirm-confirm');
  await opApp.waitForText('#cmp-status', '进行中');
  await buyByApi(treated[0], 'prd_serum');
  if (treated[1]) await buyByApi(treated[1], 'prd_tea');
  await buyByApi(held[0], 'prd_tea');
  await as(op, 'op_admin', `/packages/ops/campaign/index?campaignId=${encodeURIComponent(holdoutId)}`);
  await opApp.waitForText('#cmr-converted', treated[1] ? '2 人' : '1 人');
  expect(await opApp.text('#cmr-holdout-converted')).toContain('1 人');
  expect(await opApp.text('#cmr-lift')).toMatch(/个百分点/);
  await shot(opApp, 'campaigns-17-holdout-reach.png', '#cmr-reach');
  await shot(opApp, 'campaigns-18-holdout-conversion.png', '#cmr-conversion-chart');
  await shot(opApp, 'campaigns-19-holdout-money.png', '#cmr-money-chart');

  // The list with both campaigns, and the settings screens for the policy and the templates.
  await as(op, 'op_admin', '/packages/ops/campaigns/index');
  await opApp.waitForText('#cmp-1-status', '进行中');
  await shot(opApp, 'campaigns-20-list.png');
  await as(op, 'op_admin', '/packages/ops/settings-area/index?area=contact');
  await opApp.visible('#set-contactPolicy-prospect').waitFor();
  await shot(opApp, 'campaigns-21-settings-contact.png', '#set-offerDepth');
  await as(op, 'op_admin', '/packages/ops/settings-area/index?area=messages');
  await opApp.visible('#set-renewalReminderDays').waitFor();
  await shot(opApp, 'campaigns-22-settings-messages.png');

  await post('/local/clock', { offsetMs: 0 });
  expect(errors).toEqual([]);
});

/** A paid WeChat order made through the API and the pay simulator (customers the test needs in bulk). */
async function buyByApi(openid: string, productId: string) {
  const r = await post('/fn/order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: `e2e_cmp_buy_${openid}_${productId}_${Date.now().toString(36)}` }, openid);
  expect(r.ok).toBe(true);
  const paid = await fetch(`${store.url}/local/pay/${encodeURIComponent(r.data.payment.outTradeNo)}/succeed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(r.data.payment.params) });
  expect(paid.ok).toBe(true);
}
