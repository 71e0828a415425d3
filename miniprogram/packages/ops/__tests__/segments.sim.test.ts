import { createCloudBridge, type CloudBridge } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { answerInterest, buyAs, callAs, joinAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 客户分群 pages (packages/ops) in the WEAPP BUILD under simulate, with wx.cloud answered by the
 * REAL local server (gateway → segment function → emulator): FORBIDDEN for customers on every
 * page; the dashboard; a list with 加载更多; 导出 CSV written to the phone through the
 * FileSystemManager page by page and sent with wx.shareFileMessage; 同步到企业微信标签 and its
 * log; a customer's page.
 */
jest.setTimeout(240_000);

let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let app: BootedWeapp;
let bridge: CloudBridge;
let page: SimulatedComponent | undefined;
const WELLNESS = Array.from({ length: 23 }, (_, i) => `seg_pg_${String(i).padStart(2, '0')}`);
const BUYER = 'seg_pg_buyer';

/** What the pages asked of the platform besides cloud calls. */
const wxCalls = { navigate: [] as string[], files: new Map<string, string>(), writes: [] as string[], shared: [] as Array<{ filePath: string; fileName: string }> };

type Cb = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
const ok = (o: Cb, r: Record<string, unknown> = {}) => setTimeout(() => (o.success?.({ errMsg: 'ok', ...r }), o.complete?.({ errMsg: 'ok' })), 0);

function fakePlatform() {
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  wx.navigateTo = (o: Cb & { url: string }) => (wxCalls.navigate.push(o.url), ok(o));
  // The user data directory: writeFile creates, appendFile adds (what the CSV service relies on).
  wx.getFileSystemManager = () => ({
    writeFile: (o: Cb & { filePath: string; data: string }) => (wxCalls.files.set(o.filePath, o.data), wxCalls.writes.push(`write ${o.filePath}`), ok(o)),
    appendFile: (o: Cb & { filePath: string; data: string }) => (wxCalls.files.set(o.filePath, (wxCalls.files.get(o.filePath) ?? '') + o.data), wxCalls.writes.push(`append ${o.filePath}`), ok(o)),
    unlink: (o: Cb & { filePath: string }) => (wxCalls.files.delete(o.filePath), ok(o)),
  });
  wx.shareFileMessage = (o: Cb & { filePath: string; fileName: string }) => (wxCalls.shared.push({ filePath: o.filePath, fileName: o.fileName }), ok(o));
}

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  gw = switchableGateway(server.url, 'seg_pg_nosy');
  for (let i = 0; i < WELLNESS.length; i += 6) await Promise.all(WELLNESS.slice(i, i + 6).map((u) => answerInterest(server.url, u)));
  await buyAs(server.url, BUYER, 'prd_mask');
  await buyAs(server.url, BUYER, 'prd_tea');
  await joinAs(server.url, BUYER);
  // 头像昵称: two customers chose a nickname (the rest show 「顾客（尾号 xxxx）」).
  for (const [who, nickname] of [[WELLNESS[0], '小青'], [BUYER, '老顾客']]) {
    const r = await callAs(server.url, who, 'customer', { action: 'saveProfile', nickname, consent: true });
    if (!r.ok) throw new Error(`saveProfile: ${JSON.stringify(r)}`);
  }
  bridge = createCloudBridge(() => gw.backend);
  app = bootWeapp(bridge, 'pages/me/index');
  fakePlatform();
});
afterAll(async () => {
  page?.detach();
  await server?.close();
});

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const until = untilText(text);
function open(path: string, query: Record<string, string> = {}) {
  page?.detach();
  page = app.openPage(path, query);
}
const segmentCalls = (action: string) => bridge.calls.filter((c) => c.name === 'segment' && c.data.action === action).map((c) => c.data);

test('a customer is told every segment page is for operators, in Chinese', async () => {
  const pages: Array<[string, Record<string, string>?]> = [
    ['packages/ops/segments/index'],
    ['packages/ops/segment-list/index', { key: 'purchases:2' }],
    ['packages/ops/customer/index', { openid: BUYER }],
    ['packages/ops/wecom-sync/index'],
  ];
  for (const [path, query] of pages) {
    open(path, query);
    await until('#ops-forbidden', '仅运营人员可访问此页面');
    expect(text('#ops-forbidden')).not.toContain('FORBIDDEN');
  }
  expect($('#seg-dashboard')).toBeUndefined();
});

test('dashboard: families with Chinese names and explanations, counts from the server; a tap opens the list', async () => {
  gw.as('op_admin');
  open('packages/ops/segments/index');
  await waitFor(() => $('#seg-dashboard'), 'the dashboard');
  expect(text('#seg-family-layer')).toContain('分层');
  expect(text('#seg-family-layer')).toContain('铁粉');
  expect(text('#seg-life-silent')).toContain('距上次购买超过 30 天、不超过 90 天');
  expect(text('#seg-purchases-2-count')).toBe('1');
  expect(text('#seg-tag-interest-wellness')).toContain('健康 / 养护');
  expect(text('#seg-tag-interest-wellness-count')).toBe(String(WELLNESS.length));
  expect(text('#seg-counted-at')).toMatch(/^统计于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  tap('#seg-purchases-2');
  await waitFor(() => wxCalls.navigate.length > 0, 'navigateTo');
  expect(wxCalls.navigate.pop()).toBe('/packages/ops/segment-list/index?key=purchases%3A2');
  // 刷新 asks again.
  const before = segmentCalls('counts').length;
  tap('#seg-refresh');
  await waitFor(() => segmentCalls('counts').length > before, 'a second counts call');
});

test('list: 20 rows, 加载更多 for the rest; each row tells who (openid masked when long) and their facts', async () => {
  open('packages/ops/segment-list/index', { key: 'tag:interest-wellness' });
  await until('#seg-list-total', `共 ${WELLNESS.length} 人`);
  // Named by its survey option once the survey is read (问卷标签 until then, never the raw tag:key).
  await until('#seg-list-title', '健康 / 养护');
  expect(text('#seg-list-title')).toBe('健康 / 养护');
  await waitFor(() => $(`#seg-member-${WELLNESS[19]}`), 'the first page');
  expect($(`#seg-member-${WELLNESS[20]}`)).toBeUndefined();
  expect(text(`#seg-member-${WELLNESS[0]}`)).toContain('互动未消费');
  // Named by the nickname they chose, the openid's tail beside it; no nickname: 顾客（尾号 xxxx）.
  expect(text(`#seg-member-${WELLNESS[0]}-who-name`)).toBe('小青');
  expect(text(`#seg-member-${WELLNESS[0]}-who-hint`)).toBe(`尾号 ${WELLNESS[0].slice(-4)}`);
  expect(text(`#seg-member-${WELLNESS[1]}-who-name`)).toBe(`顾客（尾号 ${WELLNESS[1].slice(-4)}）`);
  expect($(`#seg-member-${WELLNESS[1]}-who-hint`)).toBeUndefined();
  expect(text(`#seg-member-${WELLNESS[0]}-facts`)).toBe('购买 0 次 · 累计 ¥0');
  tap('#seg-members-more');
  await waitFor(() => $(`#seg-member-${WELLNESS[22]}`), 'the second page');
  expect(text('#seg-members')).toContain('没有更多了');
  expect(segmentCalls('list').filter((c) => c.key === 'tag:interest-wellness').map((c) => c.cursor)).toEqual([undefined, WELLNESS[19]]);
  tap(`#seg-member-${WELLNESS[3]}`);
  await waitFor(() => wxCalls.navigate.length > 0, 'navigateTo');
  expect(wxCalls.navigate.pop()).toBe(`/packages/ops/customer/index?openid=${WELLNESS[3]}`);
});

test('导出 CSV on WeChat: pages appended to a file in the user data directory, then 发送到聊天', async () => {
  tap('#seg-export-start');
  await until('#seg-export-notice', `已导出 ${WELLNESS.length} 行`);
  expect(text('#seg-export-notice')).toContain('已保存在本机，点「发送到聊天」可发到电脑上打开');
  const [path] = [...wxCalls.files.keys()];
  expect(path).toMatch(/^\/usr\/segment_tag-interest-wellness_\d{8}-\d{4}\.csv$/);
  const lines = wxCalls.files.get(path)!.split('\r\n').filter(Boolean);
  expect(lines[0].startsWith('\uFEFFopenid,')).toBe(true);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(WELLNESS);
  expect(wxCalls.writes[0]).toBe(`write ${path}`);
  tap('#seg-export-share');
  await waitFor(() => wxCalls.shared.length > 0, 'shareFileMessage');
  expect(wxCalls.shared[0]).toEqual({ filePath: path, fileName: path.slice('/usr/'.length) });
});

test('同步到企业微信标签: the tag id is asked for, the sync runs to the end, the log shows every request', async () => {
  tap('#seg-sync-open');
  await waitFor(() => $('#seg-sync'), 'the sync form');
  tap('#seg-sync-start');
  await until('#seg-sync-tag-error', '请填写企业微信客户标签的 ID');
  expect(segmentCalls('syncTags')).toHaveLength(0);
  $('#seg-sync-tag-input')!.dispatchEvent('input', { detail: { value: 'etPage01' } });
  tap('#seg-sync-start');
  await until('#seg-sync-notice', `已同步到标签 etPage01：打上标签 ${WELLNESS.length} 人。`);
  expect(text('#seg-sync-progress')).toContain(`已处理 ${WELLNESS.length} / ${WELLNESS.length} 人`);
  expect(new Set(segmentCalls('syncTags').map((c) => c.requestId)).size).toBe(1);

  open('packages/ops/wecom-sync/index');
  await until('#wecom-mode', '本地模式');
  await waitFor(() => $('#wecom-jobs'), 'the jobs');
  expect(text('#wecom-jobs')).toContain('标签 etPage01');
  expect(text('#wecom-jobs')).toContain(`打上标签 ${WELLNESS.length}`);
  await waitFor(() => $('#wecom-calls'), 'the calls');
  expect(text('#wecom-calls')).toContain('"add_tag"');
  expect(text('#wecom-calls')).toContain('etPage01');
});

test('顾客详情: facts, both orders, the timeline in Chinese', async () => {
  open('packages/ops/customer/index', { openid: BUYER });
  await until('#cust-openid', BUYER);
  expect(text('#cust-who-name')).toBe('老顾客');
  expect(text('#cust-who-hint')).toBe(`尾号 ${BUYER.slice(-4)}`);
  expect(text('#cust-purchases')).toContain('有效 2 次');
  expect(text('#cust-life')).toContain('活跃');
  expect(text('#cust-segments')).toContain('购买 2 次');
  expect(text('#cust-segments')).toContain('付费客户');
  expect(text('#cust-segments')).toContain('会员有效');
  expect(text('#cust-member')).toMatch(/^会员会员有效 · \d{4}-\d{2}-\d{2} 到期$/);
  // The membership fee is spend (tiers) but not a purchase: still 2 purchases, 3 paid orders.
  expect(text('#cust-spend')).toContain('¥1,326');
  expect(page!.querySelectorAll('#cust-orders .seg-event')).toHaveLength(3);
  expect(text('#cust-orders')).toContain('年度会员');
  await until('#cust-timeline', '购买「');
  expect(text('#cust-timeline')).toContain('累计消费 +¥128');
});
