import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, SCREENSHOT_DIR, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * 经营报表 in the H5 build against the real local server: a month of shop activity is played
 * through the real functions day by day (the dev clock moves, the scheduler folds and snapshots
 * each evening) — sales, trials sold below cost, refunds, top-ups spent with bonus, a membership
 * with its welcome pack — then op_admin reads the report: charts with their numbers for 近 30 天,
 * 近 90 天 and 近 7 天. A customer is turned away. Screenshots in test-results/reports/.
 */
jest.setTimeout(600_000);

const DAY_MS = 86_400_000;
let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
  mkdirSync(path.join(SCREENSHOT_DIR, 'reports'), { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

type Reply = { ok: boolean; data: any; error?: { code: string; message: string } };
async function post(p: string, body: unknown, openid?: string): Promise<Reply> {
  const res = await fetch(store.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) }, body: JSON.stringify(body) });
  return (await res.json()) as Reply;
}
let seq = 0;
const rid = () => `e2e_rpt_${(seq++).toString(36).padStart(4, '0')}`;
const call = async (openid: string, fn: string, body: Record<string, unknown>) => {
  const r = await post(`/fn/${fn}`, body, openid);
  if (!r.ok) throw new Error(`${fn}.${String(body.action)} for ${openid}: ${r.error?.code} ${r.error?.message}`);
  return r.data;
};

async function buy(openid: string, productId: string, qty = 1, payWith: 'wechat' | 'balance' = 'wechat'): Promise<string> {
  const o = await call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith, requestId: rid() });
  if (payWith === 'wechat') await post(`/local/pay/${o.payment.outTradeNo}/succeed`, {});
  return o.orderId;
}
async function topUp(openid: string, planId: string) {
  const o = await call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: rid() });
  await post(`/local/pay/${o.payment.outTradeNo}/succeed`, {});
}

/** Day i of 30 (0 = a month ago, 29 = today): what the shop's customers did that day. */
async function playDay(i: number, lastOrder: Map<string, string>) {
  const regular = `cust_r${i % 9}`;
  lastOrder.set(regular, await buy(regular, 'prd_mask', 1 + (i % 3)));
  if (i % 4 === 0) await buy(`cust_r${(i + 4) % 9}`, 'prd_serum');
  if (i % 3 === 1) await buy(`cust_r${(i + 2) % 9}`, 'prd_tea');
  // A new trial buyer every few days; every other one comes back for the full course 3 days later.
  if (i % 5 === 1) await buy(`cust_t${i}`, 'prd_course_trial');
  if (i % 10 === 4) await buy(`cust_t${i - 3}`, 'prd_course');
  if (i % 6 === 2) {
    await topUp(`cust_w${i}`, i % 12 === 2 ? 'topup-1000' : 'topup-3000');
    await buy(`cust_w${i}`, 'prd_cream', 2, 'balance');
  }
  if (i % 7 === 3 && lastOrder.has(`cust_r${(i + 8) % 9}`)) {
    await call(`cust_r${(i + 8) % 9}`, 'order', { action: 'refund', orderId: lastOrder.get(`cust_r${(i + 8) % 9}`), requestId: rid() });
    lastOrder.delete(`cust_r${(i + 8) % 9}`);
  }
  if (i === 12) {
    const m = await call('cust_m1', 'membership', { action: 'buy', planId: 'annual', requestId: rid() });
    await post(`/local/pay/${m.payment.outTradeNo}/succeed`, {});
    const st = await call('cust_m1', 'membership', { action: 'status' });
    await call('cust_m1', 'membership', { action: 'claimPack', entitlementId: st.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: rid() });
  }
  if (i % 8 === 5) await call(`cust_v${i}`, 'customer', { action: 'visit' });
}

async function playMonth() {
  const lastOrder = new Map<string, string>();
  // 10:00 Shanghai each day, oldest first, so time only moves forward.
  const today10 = Math.floor((Date.now() + 8 * 3_600_000) / DAY_MS) * DAY_MS - 8 * 3_600_000 + 10 * 3_600_000;
  for (let i = 0; i < 30; i++) {
    await post('/local/clock', { offsetMs: today10 - (29 - i) * DAY_MS - Date.now() });
    // The scheduler's first run of the day snapshots the segment sizes (as they stood overnight).
    await post('/local/trigger/scheduler', {});
    await playDay(i, lastOrder);
  }
  await post('/local/clock', { offsetMs: 0 });
}

async function openReport(page: Page, openid: string) {
  await openAs(page, store.url, openid, '/packages/ops/reports/index');
}

test('a month of activity → 经营报表: GMV vs profit, the waterfall, liability, conversion, segment sizes', async () => {
  await playMonth();
  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  await page.goto(store.url + '/');
  await page.locator('#dev-login').waitFor();

  // A customer is turned away, in Chinese.
  await openReport(page, 'cust_r1');
  await app.waitForText('#ops-forbidden', '仅运营人员可访问此页面');
  await app.shot('reports/reports-forbidden.png');

  // The operator's home lists the report.
  await openAs(page, store.url, 'op_admin', '/packages/ops/home/index');
  await app.waitForText('#ops-home-reports', '经营报表');
  await app.shot('reports/ops-home.png');

  await openReport(page, 'op_admin');
  await app.waitForText('#rpt-kpi-gmv', '¥');
  const gmv = await app.text('#rpt-kpi-gmv');
  expect(gmv).toMatch(/GMV\s*¥[\d,]+/);
  expect(await app.text('#rpt-period-text')).toContain('至');
  expect(await page.locator('#rpt-gmv-chart .chart__col:visible').count()).toBe(30);
  await app.shot('reports/reports-30d-top.png');
  await app.shot('reports/reports-30d-profit.png', '#rpt-profit');
  expect(await app.text('#rpt-waterfall')).toContain('体验装亏损');
  await app.shot('reports/reports-30d-liability.png', '#rpt-liability');
  await app.shot('reports/reports-30d-conversion.png', '#rpt-conversion');
  expect(await app.text("#rpt-trial-funnel")).toMatch(/买过体验装\s*\d+ 人/);
  await app.shot('reports/reports-30d-segments.png', '#rpt-segments');

  // Tap the worst day (an earlier order refunded): its readout shows that day's negative profit.
  const period = (await app.text('#rpt-period-text')).match(/\d{4}-\d{2}-\d{2}/g)!;
  const days: Array<{ profitFen: number }> = (await call('op_admin', 'report', { action: 'overview', from: period[0], to: period[1] })).days;
  const worst = days.reduce((w, d, i) => (d.profitFen < days[w].profitFen ? i : w), 0);
  expect(days[worst].profitFen).toBeLessThan(0);
  await page.locator(`#rpt-gmv-chart-col-${worst}:visible`).click();
  await app.waitForText('#rpt-gmv-chart-readout', `利润 -¥`);
  await app.shot('reports/reports-30d-day-selected.png', '#rpt-gmv');

  await app.tap('#rpt-period-90');
  // 90 days are shown as 13 weekly columns.
  await page.waitForFunction(() => document.querySelectorAll('#rpt-gmv-chart .chart__col').length === 13);
  await app.shot('reports/reports-90d-top.png', '#rpt-gmv');

  await app.tap('#rpt-period-7');
  await page.waitForFunction(() => document.querySelectorAll('#rpt-gmv-chart .chart__col').length === 7);
  await app.tap('#rpt-gmv-table-toggle');
  await app.waitForText('#rpt-gmv-table', '日期');
  await app.shot('reports/reports-7d-table.png', '#rpt-gmv-table');
  expect(errors).toEqual([]);
});
