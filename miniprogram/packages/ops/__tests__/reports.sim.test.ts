import http from 'node:http';
import { formatYuan } from '@shared/money/format';
import { createCloudBridge, gatewayBackend } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 经营报表 (packages/ops/reports) in the WEAPP BUILD under simulate, against the REAL local server
 * (gateway, handlers, emulator) behind wx.cloud: customers buy, a trial is sold below cost, a
 * top-up is spent; the operator's page shows the same fen the `report` function computes, as
 * charts drawn with Views (bars sized in percent) with their numbers beside them.
 */
jest.setTimeout(240_000);

let server: RunningLocalServer;
let app: BootedWeapp;
let who = 'op_admin';
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const until = untilText(text);
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};

function open() {
  page?.detach();
  page = app.openPage('packages/ops/reports/index');
}

const call = (openid: string, fn: string, data: Record<string, unknown>) => gatewayBackend(server.url, openid)(fn, data) as Promise<{ ok: boolean; data: any; error?: { code: string } }>;

function postLocal(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': 2 } }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end('{}');
  });
}

let seq = 0;
const rid = () => `rpt_sim_${Date.now().toString(36)}_${seq++}`;

async function buy(openid: string, productId: string, qty: number, payWith: 'wechat' | 'balance' = 'wechat') {
  const r = await call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith, requestId: rid() });
  expect(r.ok).toBe(true);
  if (payWith === 'wechat') await postLocal(`/local/pay/${r.data.payment.outTradeNo}/succeed`);
}

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  await buy('sim_a', 'prd_mask', 2);
  await buy('sim_b', 'prd_course_trial', 1);
  const t = await call('sim_c', 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true, requestId: rid() });
  await postLocal(`/local/pay/${t.data.payment.outTradeNo}/succeed`);
  await buy('sim_c', 'prd_cream', 1, 'balance');
  app = bootWeapp(createCloudBridge(() => gatewayBackend(server.url, who)), 'packages/ops/home/index');
});
afterAll(async () => {
  page?.detach();
  await server?.close();
});

test('a customer is told the page is for operators, in Chinese', async () => {
  who = 'sim_a';
  open();
  await until('#ops-forbidden', '仅运营人员可访问此页面');
  expect($('#rpt-kpis')).toBeUndefined();
});

test('operator: the figures on the page are the report function’s, in ¥, with charts and numbers', async () => {
  who = 'op_admin';
  const period = { from: '', to: '' };
  open();
  await until('#rpt-kpi-gmv', '¥');
  const range = text('#rpt-period-text');
  [period.from, period.to] = range.match(/\d{4}-\d{2}-\d{2}/g)!;
  const overview = (await call('op_admin', 'report', { action: 'overview', ...period })).data;
  const liability = (await call('op_admin', 'report', { action: 'liability', ...period })).data;
  expect(overview.totals.gmvFen).toBe(25_600 + 1_800 + 42_800);
  expect(overview.totals.trialLossFen).toBe(4_200);
  expect(text('#rpt-kpi-gmv')).toContain(formatYuan(overview.totals.gmvFen));
  expect(text('#rpt-kpi-profit')).toContain(formatYuan(overview.totals.profitFen));
  expect(text('#rpt-kpi-liability')).toContain(formatYuan(liability.now.totalFen));
  expect(text('#rpt-kpi-topups')).toContain('充值计入负债，不计入 GMV');

  // 30 daily columns, today's selected: its readout prints the exact figures.
  expect(page!.querySelectorAll('#rpt-gmv-chart .chart__col')).toHaveLength(30);
  const readout = text('#rpt-gmv-chart-readout');
  expect(readout).toContain(period.to);
  expect(readout).toContain(`GMV ${formatYuan(overview.totals.gmvFen)}`);
  expect(readout).toContain(`利润 ${formatYuan(overview.totals.profitFen)}`);
  // Bars are Views sized in percent: today's GMV bar has a height, an empty day's has none.
  const bars = (sel: string) => page!.querySelectorAll(`${sel} .chart__bar`).map((b) => b.dom.getAttribute('style') ?? '');
  expect(bars('#rpt-gmv-chart-col-29')).toHaveLength(2);
  expect(bars('#rpt-gmv-chart-col-29').every((s) => /height:\s*[1-9]/.test(s))).toBe(true);
  expect(bars('#rpt-gmv-chart-col-0').every((s) => /height:\s*0%/.test(s))).toBe(true);
  // Tapping another day shows that day.
  tap('#rpt-gmv-chart-col-28');
  await waitFor(() => !text('#rpt-gmv-chart-readout').includes(period.to), 'the readout to move to yesterday');
  expect(text('#rpt-gmv-chart-readout')).toContain('¥0');

  // The waterfall: GMV, each deduction with its amount, profit.
  expect(text('#rpt-waterfall-start')).toContain(formatYuan(overview.totals.gmvFen));
  expect(text('#rpt-waterfall-trialLossFen')).toContain(`体验装亏损−${formatYuan(4_200)}`);
  expect(text('#rpt-waterfall-cogsFen')).toContain(`−${formatYuan(overview.totals.cogsFen)}`);
  expect(text('#rpt-waterfall-end')).toContain(formatYuan(overview.totals.profitFen));

  // Liability, conversion and segment sizes are there with their numbers.
  expect(text('#rpt-liability-chart-readout')).toContain(`合计 ${formatYuan(liability.now.totalFen)}`);
  expect(text('#rpt-trial-funnel-buyers')).toContain('1 人');
  expect(text('#rpt-purchase-funnel-first')).toContain('2 人');
  expect(text('#rpt-segments-chart-readout')).toContain('付费客户');
});

test('switching to 近 7 天 reloads for that period; 每日明细 lists every day', async () => {
  tap('#rpt-period-7');
  await waitFor(() => page!.querySelectorAll('#rpt-gmv-chart .chart__col').length === 7, '7 columns');
  expect(text('#rpt-period-text')).toMatch(/近|至/);
  tap('#rpt-gmv-table-toggle');
  await waitFor(() => $('#rpt-gmv-table'), 'the daily table');
  expect(page!.querySelectorAll('#rpt-gmv-table .rpt-table__row')).toHaveLength(8);
  tap('#rpt-family-life');
  await until('#rpt-segments-chart', '活跃');
});
