import { formatYuan } from '@shared/money/format';
import { createCloudBridge, postJson } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { callAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 续费 (packages/ops/renewals) in the WEAPP BUILD under simulate, against the REAL local server: a
 * 30-day plan is put on sale, one member buys it once (still open), another buys it twice (the first
 * term renewed before expiry). The page shows the report function's totals, the cohort table, the
 * value bars and the member rows by name or phone tail; its two buttons open the follow-up page.
 */
jest.setTimeout(240_000);

let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let app: BootedWeapp;
let page: SimulatedComponent | undefined;
const navigations: string[] = [];
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
  page = app.openPage('packages/ops/renewals/index');
}

let seq = 0;
async function joinMonthly(openid: string): Promise<void> {
  const r = await callAs(server.url, openid, 'membership', { action: 'buy', planId: 'monthly', requestId: `rnw_sim_${Date.now().toString(36)}${(++seq).toString(36)}` });
  if (!r.ok) throw new Error(`membership.buy: ${JSON.stringify(r)}`);
  await postJson(`${server.url}/local/pay/${encodeURIComponent(r.data!.payment!.outTradeNo)}/succeed`, {}, openid);
}

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  const editor = (await callAs(server.url, 'op_admin', 'settings', { action: 'editor' })).data as { settings: { membershipPlans: unknown[] }; version: number };
  const monthly = { id: 'monthly', name: '月度会员', priceFen: 9_900, termDays: 30, benefits: [], active: true };
  const upd = await callAs(server.url, 'op_admin', 'settings', { action: 'update', settings: { ...editor.settings, membershipPlans: [...editor.settings.membershipPlans, monthly] }, expectedVersion: editor.version, requestId: 'rnw_sim_settings' });
  if (!upd.ok) throw new Error(`settings.update: ${JSON.stringify(upd)}`);
  await joinMonthly('rnw_sim_once');
  await joinMonthly('rnw_sim_twice');
  await joinMonthly('rnw_sim_twice');
  gw = switchableGateway(server.url, 'rnw_sim_once');
  app = bootWeapp(createCloudBridge(() => gw.backend), 'packages/ops/home/index');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.navigateTo = (o: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
    navigations.push(o.url);
    setTimeout(() => (o.success?.({ errMsg: 'navigateTo:ok' }), o.complete?.({ errMsg: 'navigateTo:ok' })), 0);
  };
});
afterAll(async () => {
  page?.detach();
  await server?.close();
});

test('a customer is told the page is for operators', async () => {
  open();
  await until('#ops-forbidden', '仅运营人员可访问此页面');
  expect($('#rnw-kpis')).toBeUndefined();
});

test('operator: totals, cohorts, value bars and member rows are the report function’s', async () => {
  gw.as('op_admin');
  open();
  await until('#rnw-kpi-all', '人');
  const report = (await callAs(server.url, 'op_admin', 'report', { action: 'renewals' })).data as unknown as { totals: { all: number }; rows: Array<{ openid: string; orderId: string; outcome: string; feeFen: number }>; from: string; to: string };
  const mine = report.rows.filter((r) => r.openid.startsWith('rnw_sim_'));
  expect(mine.filter((r) => r.openid === 'rnw_sim_once').map((r) => r.outcome)).toEqual(['open']);
  // The twice-bought member's first term was renewed before it ended (the second ends 60 days out: in the period or not, by today's date).
  expect(mine.filter((r) => r.openid === 'rnw_sim_twice').map((r) => r.outcome)[0]).toBe('renewed-before');
  expect(text('#rnw-period-text')).toContain(`${report.from} 至 ${report.to}`);
  expect(text('#rnw-kpi-all')).toContain(`${report.totals.all} 人`);
  expect(text('#rnw-kpi-before')).toContain('1 人');
  expect(text('#rnw-kpi-rate')).toContain('100%');
  expect(text('#rnw-cohorts')).toContain('入会月份');
  expect(page!.querySelectorAll('#rnw-value .chart__col')).toHaveLength(4);
  expect(text('#rnw-value-readout')).toContain('已回本');
  // Rows name the customer (no nickname chosen: 「顾客（尾号 xxxx）」), never by the bare openid.
  const renewed = mine.find((r) => r.outcome === 'renewed-before')!;
  expect(text(`#rnw-row-${renewed.orderId}`)).toContain('到期前续费');
  expect(text(`#rnw-row-${renewed.orderId}-who-name`)).toMatch(/^顾客（尾号 \w{4}）$/);
  expect(text(`#rnw-row-${renewed.orderId}`)).toContain(`会员费 ${formatYuan(9_900)}`);
  tap('#rnw-filter-open');
  await waitFor(() => !$(`#rnw-row-${renewed.orderId}`), 'the renewed row to be filtered out');
  expect(page!.querySelectorAll('.rnw-row').length).toBe(report.rows.filter((r) => r.outcome === 'open').length);
});

test('the two buttons open the follow-up page for expiring and for lapsed members', async () => {
  tap('#rnw-followup-expiring');
  await waitFor(() => navigations.length === 1, 'navigateTo');
  tap('#rnw-followup-lapsed');
  await waitFor(() => navigations.length === 2, 'navigateTo');
  expect(navigations).toEqual(['/packages/ops/followup-new/index?goal=renewal&segment=member%3Aexpiring', '/packages/ops/followup-new/index?goal=renewal&segment=member%3Alapsed']);
});

test('the 运营后台 home links to 续费', async () => {
  page?.detach();
  page = app.openPage('packages/ops/home/index');
  await until('#ops-home-renewals', '续费');
});
