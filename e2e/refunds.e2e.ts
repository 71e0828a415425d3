import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * A WeChat refund that fails, end to end in the H5 build against the real local server: the
 * customer's refund is accepted by WeChat (the simulator) and then closed (退款关闭); the customer
 * reads that it is being handled, op_admin finds it in 运营后台 → 退款 → 失败 with WeChat's reason,
 * taps 重试 (the same out_refund_no is submitted again), WeChat pays it out and the customer reads
 * 已退款. Screenshots in test-results/refunds/.
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

const post = async (p: string, body: unknown) => (await (await fetch(`${store.url}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { ok: boolean; data: any };
const call = (openid: string, fn: string, data: Record<string, unknown>) => store.registry.invoke(fn, data, { source: 'wx_client', openid }) as Promise<{ ok: boolean; data: any; error?: { code: string } }>;
let seq = 0;
const rid = (p: string) => `${p}_${Date.now().toString(36)}${seq++}`;

test('退款关闭 → the customer is told, the operator retries in 运营后台 · 退款 → 已退款', async () => {
  const u = `e2e_refund_${Date.now().toString(36)}`;
  const order = await call(u, 'order', { action: 'create', items: [{ productId: 'prd_tea', qty: 1 }], payWith: 'wechat', requestId: rid('o') });
  expect(order.ok).toBe(true);
  expect((await post(`/local/pay/${order.data.payment.outTradeNo}/succeed`, {})).data.callback.errcode).toBe(0);
  await post('/local/pay/refunds/hold', { times: 1 });
  const refund = await call(u, 'order', { action: 'refund', orderId: order.data.orderId, requestId: rid('rf') });
  expect(refund.ok).toBe(true);
  const refundId = refund.data.refundId as string;
  expect((await post(`/local/pay/refund/${refundId}/result`, { status: 'REFUNDCLOSE' })).data.callback.errcode).toBe(0);

  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  const shot = (name: string, scrollTo?: string) => app.shot(path.join('refunds', name), scrollTo);
  await page.goto(store.url + '/');
  const detail = `/packages/orders/detail/index?orderId=${encodeURIComponent(order.data.orderId)}`;
  await openAs(page, store.url, u, detail);
  await app.waitForText('#order-refund-0-status', '退款');
  // Money WeChat has not paid out is never called refunded: not in the head, not in the record.
  expect(await app.text('#order-status')).toBe('退款处理中');
  expect(await app.text('#order-refunded-sub')).toBe('退款 ¥198.00 处理中');
  expect(await app.text('#order-refund-0-status')).toContain('客服正在处理');
  await shot('01-customer-refund-failed.png', '#order-refunds');

  await openAs(page, store.url, 'op_admin', '/packages/ops/refunds/index');
  const card = `#ops-refund-${refundId}`;
  await app.waitForText(`${card}-state`, '失败');
  expect(await app.text('#refunds-intro')).toContain('重试');
  expect(await app.text(`${card}-part-0-error`)).toContain('REFUNDCLOSE');
  await shot('02-ops-refunds-failed.png');
  await app.tap(`#retry-${refundId}`);
  await app.waitForText('#refunds-notice', '退款');
  await shot('03-ops-refund-retried.png');
  await page.locator(`${card}:visible`).waitFor({ state: 'detached' });

  // WeChat finishes the re-submitted refund and delivers its result to refundCallback.
  expect((await post('/local/pay/refunds/deliver', {})).data.owed).toBe(0);
  await openAs(page, store.url, u, detail);
  await app.waitForText('#order-refund-0-status', '已退款');
  expect(await app.text('#order-status')).toBe('已退款');
  expect(await app.text('#order-refunded-sub')).toBe('已退款 ¥198.00');
  await shot('04-customer-refunded.png', '#order-refunds');
  expect(errors).toEqual([]);
  await page.close();
});
