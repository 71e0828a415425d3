import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * 到店自提 with the member code, in the H5 build against the real local server: the customer buys
 * for store pickup and opens 会员码; the operator types the code at 到店核销, sees the order, confirms;
 * the customer's order then says 已自提, and the same code cannot hand anything over again.
 */
jest.setTimeout(240_000);

let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

const as = (page: Page, openid: string, hash: string) => openAs(page, store.url, openid, hash);

test('buy for pickup → show 会员码 → operator types it → confirm → 已自提', async () => {
  const page = await openPage(browser);
  const app = h5App(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await page.goto(store.url + '/');
  await as(page, 'cust_pick', '/pages/index/index');
  await app.tap('#product-prd_serum');
  await app.tap('#product-buy-now');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  await app.tap('#checkout-view-order');
  await app.waitForText('#order-fulfilment-state', '待自提');
  const orderId = /ord_[a-z0-9]+/.exec(page.url())![0];

  // 会员 → 会员码: the card number and this minute's six digits.
  await as(page, 'cust_pick', '/pages/member/index');
  await app.tap('#member-card-code');
  await app.waitForText('#member-code-refresh', '秒后自动更新');
  await app.visible('#member-qr').waitFor();
  await app.waitForText('#member-code-waiting', '1 个订单待自提');
  const cardNo = (await app.text('#member-card-no')).replace(/\D/g, '');
  const otp = (await app.text('#member-code-digits')).replace(/\D/g, '');
  expect(cardNo).toMatch(/^\d{10}$/);
  expect(otp).toMatch(/^\d{6}$/);
  await app.shot('pickup-01-member-code.png');

  // The operator at the counter: a typo is caught before sending; the right code shows the order.
  await as(page, 'op_admin', '/packages/ops/pickup/index');
  await app.visible('#counter-code input').fill('12345');
  await app.tap('#counter-check');
  await app.waitForText('#counter-problem', '16 位数字');
  await app.visible('#counter-code input').fill(cardNo + otp);
  await app.tap('#counter-check');
  await app.waitForText('#counter-pickups', '焕颜修护精华');
  await app.waitForText('#counter-customer-name', '顾客（尾号');
  await app.shot('pickup-02-counter.png');
  await app.tap('#counter-confirm');
  await app.waitForText('#counter-notice', '已交付 1 项');
  await app.shot('pickup-03-confirmed.png');

  // The same code again hands nothing over.
  await app.visible('#counter-code input').fill(cardNo + otp);
  await app.tap('#counter-check');
  await app.waitForText('#counter-notice', '没有待自提');

  await as(page, 'cust_pick', `/packages/orders/detail/index?orderId=${orderId}`);
  await app.waitForText('#order-fulfilment-state', '已自提');
  expect(errors).toEqual([]);
});
