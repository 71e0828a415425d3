import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, SCREENSHOT_DIR, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * 组合支付 end to end (issue 15 #14) in the H5 build against the real local server: a customer with
 * ¥3,400 balance (充3000送400) buys the ¥5,000 course. 储值余额 is refused as short and offers
 * 余额+微信组合支付; the confirmation shows the balance part with principal and bonus and the WeChat
 * part before anything is reserved; the pay sheet collects only the WeChat part; the balance is
 * drawn once WeChat's part is paid; the order says 组合支付; a refund returns the balance part to
 * the balance and the WeChat part to WeChat. Screenshots under test-results/combined/.
 */
jest.setTimeout(240_000);

const CUSTOMER = 'cust_combined_e2e';
const SHOTS = 'combined';

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

async function post(p: string, body: unknown, openid?: string) {
  const res = await fetch(`${store.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) }, body: JSON.stringify(body) });
  return res.json() as Promise<{ ok: boolean; data: any; error?: { code: string; message: string } }>;
}
const balance = async () => (await post('/fn/wallet', { action: 'balance' }, CUSTOMER)).data as { principalFen: number; bonusFen: number };

test('¥3,400 balance, ¥5,000 course: 余额+微信 → confirmation (本金 / 赠送 / 微信) → WeChat pays the rest → 组合支付 → refund returns each part', async () => {
  const tu = await post('/fn/wallet', { action: 'topUp', planId: 'topup-3000', acceptTerms: true, requestId: 'e2e_combined_tu_0001' }, CUSTOMER);
  expect(tu.ok).toBe(true);
  expect((await post(`/local/pay/${tu.data.payment.outTradeNo}/succeed`, {})).ok).toBe(true);
  expect(await balance()).toMatchObject({ principalFen: 300_000, bonusFen: 40_000 });

  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  const shot = (name: string, scrollTo?: string) => app.shot(`${SHOTS}/${name}`, scrollTo);
  await page.goto(store.url + '/');
  await openAs(page, store.url, CUSTOMER, '/pages/index/index');
  await page.locator('#product-list').waitFor();
  await app.tap('#product-prd_course');
  await app.tap('#product-buy-now');

  // Balance alone is short: the page offers 组合支付 rather than a dead end.
  await app.tap('#pay-balance');
  await app.tap('#checkout-submit');
  await app.waitForText('#refusal-use-combined', '余额+微信组合支付');
  await shot('combined-01-short.png');
  await app.tap('#refusal-use-combined');
  await app.waitForText('#checkout-submit', '组合支付');
  await app.tap('#checkout-submit');
  await app.visible('#combined-confirm').waitFor();
  expect(await app.text('#combined-total')).toBe('¥5,000.00');
  expect(await app.text('#combined-balance')).toBe('¥3,400.00');
  expect(await app.text('#combined-cash')).toBe('¥1,600.00');
  const split = await app.text('#combined-split');
  expect(split).toMatch(/本金 ¥[\d,.]+ · 赠送 ¥[\d,.]+/);
  expect(await app.text('#combined-confirm')).toContain('微信支付完成后才扣除');
  await shot('combined-02-confirm.png', '#combined-confirm');
  // Nothing is reserved before 确认.
  expect(await balance()).toMatchObject({ principalFen: 300_000, bonusFen: 40_000 });

  await app.tap('#combined-confirm-pay');
  await app.visible('#pay-sheet').waitFor();
  expect(await app.text('#pay-sheet-amount')).toBe('¥1,600.00');
  await shot('combined-03-pay-sheet.png');
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-paid-total')).toBe('¥5,000.00');
  expect(await app.text('#checkout-combined-paid')).toContain('微信支付 ¥1,600.00');
  expect(await app.text('#checkout-combined-paid')).toContain('余额扣款 ¥3,400.00');
  await shot('combined-04-success.png');
  expect(await balance()).toMatchObject({ principalFen: 0, bonusFen: 0 });

  // The order says how it was paid.
  await app.tap('#checkout-view-order');
  await app.waitForText('#order-combined', '微信支付 ¥1,600');
  expect(await app.text('#order-combined')).toContain('¥3,400');
  expect(await app.text('#order-detail')).toContain('组合支付');
  await shot('combined-05-order.png');

  // A refund: the balance part goes back to the balance, the WeChat part to WeChat.
  const orders = (await post('/fn/order', { action: 'list' }, CUSTOMER)).data.orders as Array<{ orderId: string; payWith: string }>;
  const order = orders.find((o) => o.payWith === 'combined')!;
  const rf = await post('/fn/order', { action: 'refund', orderId: order.orderId, requestId: 'e2e_combined_rf_0001' }, CUSTOMER);
  expect(rf.ok).toBe(true);
  expect(await balance()).toMatchObject({ principalFen: 300_000, bonusFen: 40_000 });
  const detail = (await post('/fn/order', { action: 'get', orderId: order.orderId }, CUSTOMER)).data;
  expect(detail.refundedFen).toBe(500_000);
  expect(errors).toEqual([]);
});
