import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, MOBILE, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * Privacy rights end to end in the H5 build against the real local server: a customer with orders
 * opens 我的 → 隐私与数据, sees what we hold, exports it (the downloaded JSON holds their order),
 * tries to delete the account while stored value holds principal (refused, told to refund it in
 * 钱包), refunds the stored value there, deletes — and comes back as a new customer (the welcome
 * again, no orders, an empty wallet). Screenshots in test-results/privacy/.
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

let seq = 0;
const rid = (p: string) => `${p}_${Date.now().toString(36)}${(++seq).toString(36).padStart(4, '0')}`;
async function call(openid: string, fn: string, body: Record<string, unknown>) {
  const res = await fetch(`${store.url}/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify(body) });
  const env = (await res.json()) as { ok: boolean; data: any; error?: { code: string; message: string } };
  expect(env.error).toBeUndefined();
  return env.data;
}
async function paid(openid: string, fn: string, body: Record<string, unknown>): Promise<string> {
  const d = await call(openid, fn, { ...body, requestId: rid('e2e') });
  const res = await fetch(`${store.url}/local/pay/${encodeURIComponent(d.payment.outTradeNo)}/succeed`, { method: 'POST' });
  expect(res.ok).toBe(true);
  return d.orderId as string;
}

test('see → export → deletion refused with a balance → refund in 钱包 → delete → back as a new customer', async () => {
  const customer = `e2e_privacy_${Date.now().toString(36)}`;
  // A customer with history: the survey, a paid trial order, stored value.
  await call(customer, 'customer', { action: 'answerSurvey', answers: [{ questionId: 'interest', optionIds: ['skincare'] }], requestId: rid('sv') });
  const orderId = await paid(customer, 'order', { action: 'create', items: [{ productId: 'prd_course_trial', qty: 1 }], payWith: 'wechat' });
  await paid(customer, 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true });

  const page = await openPage(browser, { ...MOBILE, acceptDownloads: true });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  const shot = (name: string, scrollTo?: string) => app.shot(path.join('privacy', name), scrollTo);
  await page.goto(store.url + '/');
  await openAs(page, store.url, customer, '/pages/me/index');

  // 我的 → 隐私与数据: what we hold.
  await app.tap('#menu-privacy');
  await app.waitForText('#privacy-group-orders', '2 条');
  expect(await app.text('#privacy-group-survey')).toContain('注销后：删除');
  expect(await app.text('#privacy-group-orders')).toContain('注销后：匿名保留');
  expect(await app.text('#privacy-kept-legend')).toContain('财务记录依法保存，已与您的身份解除关联');
  await shot('pv-01-holdings.png');
  await shot('pv-02-holdings-more.png', '#privacy-group-events');

  // 导出我的数据: the browser downloads one JSON file holding the order.
  const download = page.waitForEvent('download');
  await app.tap('#privacy-export');
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file!, 'utf8')) as { openid: string; documents: Array<{ collection: string; document: { _id: string } }> };
  expect(json.openid).toBe(customer);
  expect(json.documents.some((d) => d.collection === 'orders' && d.document._id === orderId)).toBe(true);
  await app.waitForText('#privacy-export-notice', '已导出');
  await shot('pv-03-exported.png', '#privacy-export-card');

  // 注销账号 while the balance holds principal: refused, with the reason and the way to 钱包.
  await app.tap('#privacy-delete');
  await app.waitForText('#privacy-delete-dialog', '确认注销账号？');
  await shot('pv-04-confirm.png');
  await app.tap('#privacy-delete-dialog-confirm');
  await app.waitForText('#privacy-notice', '暂时不能注销账号');
  expect(await app.text('#privacy-blocker-0')).toContain('您的储值余额还有本金 ¥1,000');
  await shot('pv-05-refused.png', '#privacy-blockers');

  // The way out: 钱包 → 退还余额.
  await app.tap('#privacy-blocker-0-go');
  await app.waitForText('#balance-total', '¥1,100.00');
  await app.tap('#wallet-refund-open');
  await app.waitForText('#wallet-refund-quote', '退还本金 ¥1,000');
  await app.tap('#wallet-refund-dialog-confirm');
  await app.waitForText('#wallet-notice', '¥1,000');

  // Back to 隐私与数据: nothing in the way now; delete.
  await app.tab('我的');
  await app.tap('#menu-privacy');
  await app.waitForText('#privacy-group-wallet', '余额 ¥0');
  expect(await page.locator('#privacy-blockers:visible').count()).toBe(0);
  await app.tap('#privacy-delete');
  await app.waitForText('#privacy-delete-dialog', '确认注销账号？');
  await app.tap('#privacy-delete-dialog-confirm');
  await app.waitForText('#privacy-deleted', '账号已注销');
  await shot('pv-06-deleted.png');

  // Without a reload (the issue: home empty, 钱包 loading forever): every tab renders the new customer.
  await app.tap('#privacy-home');
  await app.waitForText('#product-list', '焕颜修护精华');
  await shot('pv-06b-home-after-delete.png');
  await app.tab('钱包');
  await app.waitForText('#balance-total', '¥0.00');
  await app.tab('会员');
  await app.waitForText('#member-status', '您还不是会员');
  await app.tab('我的');
  await app.waitForText('#menu-privacy', '隐私与数据');

  // The same person opens the app again: a new customer.
  await openAs(page, store.url, customer, '/pages/index/index');
  await app.waitForText('#welcome-card', '欢迎光临');
  await shot('pv-07-new-customer.png');
  await app.tab('钱包');
  await app.waitForText('#balance-total', '¥0.00');
  await app.tab('我的');
  await app.tap('#menu-orders');
  await app.waitForText('#empty', '还没有订单');
  expect(errors).toEqual([]);
});
