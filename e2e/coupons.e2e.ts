import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, SCREENSHOT_DIR, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * Coupons end to end in the H5 build against the real local server: an operator publishes a
 * coupon, the customer claims it in 我的优惠券, checkout picks it (the others say why not), the
 * WeChat pay sheet charges the reduced total, and the coupon moves to 已使用. Screenshots under
 * test-results/coupons/.
 */
jest.setTimeout(240_000);

let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
  mkdirSync(path.join(SCREENSHOT_DIR, 'coupons'), { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

let seq = 0;
const fn = async (openid: string, name: string, body: Record<string, unknown>) =>
  (await (await fetch(`${store.url}/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify(body) })).json()) as { ok: boolean; data: any };
const rid = () => `e2e_cpn_${Date.now().toString(36)}_${seq++}`;
const template = async (body: Record<string, unknown>) => (await fn('op_admin', 'coupon', { action: 'saveTemplate', template: { validity: { kind: 'days', days: 7 }, ...body }, requestId: rid() })).data.templateId as string;

test('publish → claim → checkout picks the best coupon → pay → 已使用', async () => {
  await template({ name: '新客满300减50', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000, claimable: true, totalQuantity: 100 });
  await template({ name: '春季 9 折券', offer: { code: 'percent-off', args: { percent: 10, maxOffFen: 20_000 } }, minSpendFen: 0, claimable: true });
  const big = await template({ name: '满1000减100', offer: { code: 'amount-off', args: { amountFen: 10_000 } }, minSpendFen: 100_000 });
  expect((await fn('op_admin', 'coupon', { action: 'issue', templateId: big, openid: 'cust_demo', requestId: rid() })).ok).toBe(true);

  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  await page.goto(store.url + '/');
  await page.locator('#dev-login').waitFor();
  await page.locator('#dev-login').getByText('cust_demo').first().click();
  await page.locator('#product-list').waitFor();

  // 我的 → 我的优惠券: claim the published coupon.
  await app.tab('我的');
  await app.tap('#menu-coupons');
  await app.visible('#my-coupons').waitFor();
  await app.tap('#claim-0-btn');
  await app.waitForText('#coupons-notice', '已领取');
  await app.tap('#claim-1-btn');
  await app.waitForText('#tab-available', '可使用 3');
  await app.shot('coupons/coupons-01-list.png', '#coupons-notice');

  // Checkout of ¥688: the 9 折 coupon saves ¥68.80, more than ¥50, so it is chosen; the ¥1,000 one says why not.
  await openAs(page, store.url, 'cust_demo', '/pages/checkout/index?productId=prd_serum');
  await app.waitForText('#coupon-picker-sum', '-¥68.80');
  expect(await app.text('#checkout-total')).toBe('¥619.20');
  await app.tap('#coupon-picker-head');
  await app.visible('#coupon-list').waitFor();
  expect(await app.text('#coupon-unusable-0')).toContain('满¥1,000可用，还差¥312');
  await app.shot('coupons/coupons-02-checkout-picker.png', '#coupon-list');
  // The customer prefers the ¥50 one (keeping the 9 折 for a bigger order).
  await app.tap('#coupon-option-1');
  await app.waitForText('#coupon-picker-sum', '-¥50');
  expect(await app.text('#checkout-total')).toBe('¥638');
  await app.shot('coupons/coupons-03-checkout-chosen.png', '#checkout-coupon-tag');

  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-paid-total')).toBe('¥638.00');
  expect(await app.text('#checkout-coupon-saved')).toBe('已用优惠券「新客满300减50」，节省 ¥50');
  await app.shot('coupons/coupons-04-paid.png');

  await openAs(page, store.url, 'cust_demo', '/packages/coupons/list/index');
  await app.visible('#my-coupons').waitFor();
  await app.tap('#tab-used');
  await app.waitForText('#coupon-0-status', '已使用');
  await app.shot('coupons/coupons-05-used.png');

  await openAs(page, store.url, 'op_admin', '/packages/ops/coupons/index');
  await app.visible('#ops-coupons').waitFor();
  await app.waitForText('#ops-coupons', '已发 1 / 100 · 已用 1');
  await app.shot('coupons/coupons-06-ops-list.png');
  await app.tap('#coupon-new');
  await app.visible('#coupon-form').waitFor();
  await app.shot('coupons/coupons-07-ops-form.png');

  // A member: member price (¥588) beats list price minus ¥50, so the coupon is kept and the rule is said plainly.
  const buy = await fn('cust_alice', 'membership', { action: 'buy', planId: 'annual', requestId: rid() });
  await fetch(`${store.url}/local/pay/${buy.data.payment.outTradeNo}/succeed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const fifty = await template({ name: '会员也能领的满300减50', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000 });
  await fn('op_admin', 'coupon', { action: 'issue', templateId: fifty, openid: 'cust_alice', requestId: rid() });
  await openAs(page, store.url, 'cust_alice', '/pages/checkout/index?productId=prd_serum');
  await app.waitForText('#coupon-picker-sum', '本单无可用券');
  expect(await app.text('#checkout-total')).toBe('¥588');
  await app.tap('#coupon-picker-head');
  await app.waitForText('#coupon-unusable-0', '会员价更省（用券反而多付¥50），本单不用券');
  await app.shot('coupons/coupons-08-member-rule.png', '#coupon-picker');
  expect(errors).toEqual([]);
});
