import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * 客户分群 (operator console) end to end in the H5 build against the real local server: the
 * operator's dashboard is open in one browser page while a customer buys twice in another (real
 * checkout + simulated WeChat pay sheet) — the counts move by themselves; purchases:2 lists the
 * customer, whose page shows both orders; the CSV downloaded from the list equals the list; a
 * WeCom tag sync goes through the local recorder; after 40 days (time travel + the segment
 * timer) the customer is in life:silent.
 */
jest.setTimeout(300_000);

const DAY_MS = 86_400_000;
const BUYER = 'cust_seg_e2e';
const SHOTS = 'segments';

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

async function post(path: string, body: unknown, openid?: string) {
  const res = await fetch(`${store.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return res.json() as Promise<{ ok: boolean; data: Record<string, unknown> & { members?: Array<{ openid: string }>; nextCursor?: string | null } }>;
}

/** Every member of a segment through the API, page by page (what the CSV must equal). */
async function membersOf(key: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await post('/fn/segment', { action: 'list', key, limit: 7, ...(cursor ? { cursor } : {}) }, 'op_admin');
    expect(r.ok).toBe(true);
    out.push(...r.data.members!.map((m) => m.openid));
    if (!r.data.nextCursor) return out;
    cursor = r.data.nextCursor;
  }
}

async function buyWithWechat(app: ReturnType<typeof h5App>, productId: string) {
  await app.tab('首页');
  await app.tap(`#product-${productId}`);
  await app.tap('#product-buy-now');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  await app.tap('#checkout-home');
}

const countOf = async (app: ReturnType<typeof h5App>, key: string) => Number(await app.text(`#seg-${key.replace(':', '-')}-count`));

test('a customer buys twice (operator watching) → purchases:2, their page, CSV = list, WeCom sync; 40 days later → life:silent', async () => {
  const op = await openPage(browser);
  const buyer = await openPage(browser);
  const errors: string[] = [];
  for (const p of [op, buyer]) p.on('pageerror', (e) => errors.push(e.message));
  const opApp = h5App(op);
  const app = h5App(buyer);
  const shot = (a: ReturnType<typeof h5App>, name: string, scrollTo?: string) => a.shot(`${SHOTS}/${name}`, scrollTo);

  // A customer is refused the console.
  await buyer.goto(store.url + '/');
  await as(buyer, BUYER, '/packages/ops/segments/index');
  await app.waitForText('#ops-forbidden', '仅运营人员可访问此页面');
  await shot(app, 'segments-00-forbidden.png');

  // The operator: 我的 → 运营后台 → 客户分群 (stays open while the customer shops).
  await op.goto(store.url + '/');
  await as(op, 'op_admin', '/packages/ops/home/index');
  await opApp.tap('#ops-home-segments');
  await opApp.visible('#seg-dashboard').waitFor();
  const before = { one: await countOf(opApp, 'purchases:1'), two: await countOf(opApp, 'purchases:2'), paying: await countOf(opApp, 'layer:paying') };
  expect(await opApp.text('#seg-family-layer')).toContain('分层');
  expect(await opApp.text('#seg-family-life')).toContain('生命周期');
  await shot(opApp, 'segments-01-dashboard.png');

  // First purchase in the other page: the dashboard picks it up by itself (auto refresh, no reload).
  await as(buyer, BUYER, '/pages/index/index');
  await buyer.locator('#product-list').waitFor();
  await buyWithWechat(app, 'prd_mask');
  await opApp.waitForText('#seg-purchases-1-count', String(before.one + 1));
  await opApp.waitForText('#seg-layer-paying-delta', '+1');

  expect(await countOf(opApp, 'purchases:1')).toBe(before.one + 1);

  // Second purchase; 刷新 shows it at once, with what changed since the page was opened.
  await buyWithWechat(app, 'prd_tea');
  await opApp.tap('#seg-refresh');
  await opApp.waitForText('#seg-purchases-2-count', String(before.two + 1));
  expect(await countOf(opApp, 'purchases:2')).toBe(before.two + 1);
  expect(await opApp.text('#seg-purchases-2-delta')).toBe('+1');
  expect(await countOf(opApp, 'purchases:1')).toBe(before.one);
  await expect(op.locator('#seg-purchases-1-delta:visible').count()).resolves.toBe(0);
  expect(await countOf(opApp, 'layer:paying')).toBe(before.paying + 1);
  await shot(opApp, 'segments-02-dashboard-live.png', '#seg-family-purchases');

  // purchases:2 lists them with their facts.
  await opApp.tap('#seg-purchases-2');
  await opApp.waitForText('#seg-list-title', '购买 2 次');
  await opApp.waitForText(`#seg-member-${BUYER}-facts`, '购买 2 次');
  expect(await opApp.text(`#seg-member-${BUYER}`)).toContain('活跃');
  expect(await opApp.text(`#seg-member-${BUYER}-facts`)).toContain('累计 ¥326');
  await shot(opApp, 'segments-03-list.png');

  // CSV export: the downloaded file equals the list (same rows, same order), header first.
  const listed = await membersOf('purchases:2');
  expect(listed).toContain(BUYER);
  const [download] = await Promise.all([op.waitForEvent('download'), opApp.tap('#seg-export-start')]);
  expect(download.suggestedFilename()).toMatch(/^segment_purchases-2_\d{8}-\d{4}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('\uFEFFopenid,unionid,layer,life,member,purchases,qualifying_spend_fen,qualifying_spend_yuan,last_purchase_at,member_expires_at,tags');
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(listed);
  expect(lines.find((l) => l.startsWith(`${BUYER},`))).toContain(',paying,active,,2,32600,326.00,');
  await opApp.waitForText('#seg-export-notice', `已导出 ${listed.length} 行`);
  await shot(opApp, 'segments-04-exported.png');

  // WeCom tag sync through the local recorder, then what would have been sent.
  await opApp.tap('#seg-sync-open');
  await opApp.tap('#seg-sync-start');
  await opApp.waitForText('#seg-sync-tag-error', '请填写企业微信客户标签的 ID');
  await opApp.visible('#seg-sync-tag input').fill('etSegE2E01');
  await opApp.tap('#seg-sync-start');
  await opApp.waitForText('#seg-sync-notice', `打上标签 ${listed.length} 人`);
  expect(await opApp.text('#seg-sync-notice')).toContain('本地模式');
  await shot(opApp, 'segments-05-synced.png', '#seg-sync');
  await opApp.tap('#seg-sync-log');
  await opApp.waitForText('#wecom-mode', '本地模式');
  await opApp.waitForText('#wecom-calls', `wm_local_${BUYER}`);
  expect(await opApp.text('#wecom-calls')).toContain('etSegE2E01');
  await shot(opApp, 'segments-06-wecom-log.png');

  // Their page: facts, both orders, the timeline in Chinese.
  await as(op, 'op_admin', `/packages/ops/segment-list/index?key=${encodeURIComponent('purchases:2')}`);
  await opApp.tap(`#seg-member-${BUYER}`);
  await opApp.waitForText('#cust-openid', BUYER);
  expect(await opApp.text('#cust-purchases')).toContain('有效 2 次');
  expect(await opApp.text('#cust-spend')).toContain('¥326');
  await expect(op.locator('#cust-orders:visible .seg-event').count()).resolves.toBe(2);
  expect(await opApp.text('#cust-orders')).toContain('已支付');
  await opApp.waitForText('#cust-timeline', '购买「');
  expect(await opApp.text('#cust-segments')).toContain('购买 2 次');
  await shot(opApp, 'segments-07-customer.png');
  await shot(opApp, 'segments-08-customer-timeline.png', '#cust-timeline');

  // 40 days later the segment timer moves them to 沉默.
  expect((await post('/local/clock', { offsetMs: 40 * DAY_MS })).ok).not.toBe(false);
  const trig = await post('/local/trigger/segment', {});
  expect(trig.ok).toBe(true);
  expect(await membersOf('life:silent')).toContain(BUYER);
  await as(op, 'op_admin', '/packages/ops/segments/index');
  await opApp.visible('#seg-dashboard').waitFor();
  expect(await countOf(opApp, 'life:silent')).toBeGreaterThanOrEqual(1);
  await opApp.tap('#seg-life-silent');
  await opApp.waitForText('#seg-list-title', '沉默');
  await opApp.waitForText(`#seg-member-${BUYER}`, '沉默');
  await shot(opApp, 'segments-09-silent.png');
  await opApp.tap(`#seg-member-${BUYER}`);
  await opApp.waitForText('#cust-life', '沉默');
  await opApp.waitForText('#cust-timeline', '生命周期：活跃 → 沉默');
  await shot(opApp, 'segments-10-customer-silent.png', '#cust-timeline');
  await post('/local/clock', { offsetMs: 0 });
  expect(errors).toEqual([]);
});
