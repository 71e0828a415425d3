import { createCloudBridge, gatewayBackend, postJson } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { answerInterest, buyAs, callAs } from '../../../__tests__/support/segment-seed';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 隐私与数据 and WeChat's privacy prompt in the WEAPP BUILD under simulate, wx.cloud answered by the
 * REAL local server (gateway → privacy function → emulator): the entry in 我的; what we hold with
 * counts; 导出我的数据 written to the phone as one JSON file (FileSystemManager) and sent with
 * wx.shareFileMessage; 注销账号 refused while the balance holds principal (the reason and the way
 * to 钱包), then — after the refund — done; and the prompt registered with
 * wx.onNeedPrivacyAuthorization at app start answering WeChat with agree / disagree.
 */
jest.setTimeout(240_000);

const CUSTOMER = 'sim_privacy_person';
let server: RunningLocalServer;
let app: BootedWeapp;
let page: SimulatedComponent | undefined;
/** What WeChat handed the app at start (wx.onNeedPrivacyAuthorization). */
let privacyListener: ((resolve: (r: { event: string; buttonId?: string }) => void, info: { referrer: string }) => void) | undefined;

const wxCalls = { navigate: [] as Array<{ api: string; url: string }>, files: new Map<string, string>(), shared: [] as Array<{ filePath: string; fileName: string }> };
type Cb = { success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
const ok = (o: Cb, r: Record<string, unknown> = {}) => setTimeout(() => (o.success?.({ errMsg: 'ok', ...r }), o.complete?.({ errMsg: 'ok' })), 0);
const wxGlobal = () => (globalThis as unknown as { wx: Record<string, unknown> }).wx;

function fakePlatform() {
  const wx = wxGlobal();
  for (const api of ['navigateTo', 'switchTab', 'redirectTo']) wx[api] = (o: Cb & { url: string }) => (wxCalls.navigate.push({ api, url: o.url }), ok(o));
  wx.getFileSystemManager = () => ({
    writeFile: (o: Cb & { filePath: string; data: string }) => (wxCalls.files.set(o.filePath, o.data), ok(o)),
    appendFile: (o: Cb & { filePath: string; data: string }) => (wxCalls.files.set(o.filePath, (wxCalls.files.get(o.filePath) ?? '') + o.data), ok(o)),
    unlink: (o: Cb & { filePath: string }) => (wxCalls.files.delete(o.filePath), ok(o)),
  });
  wx.shareFileMessage = (o: Cb & { filePath: string; fileName: string }) => (wxCalls.shared.push({ filePath: o.filePath, fileName: o.fileName }), ok(o));
}

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const until = untilText(text);
function open(path: string) {
  page?.detach();
  page = app.openPage(path);
}

let seq = 0;
const rid = (p: string) => `${p}_${Date.now().toString(36)}${(++seq).toString(36).padStart(6, '0')}`;
let orderId: string;

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  await answerInterest(server.url, CUSTOMER, 'skincare');
  orderId = await buyAs(server.url, CUSTOMER, 'prd_course_trial');
  const top = await callAs(server.url, CUSTOMER, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: rid('tu') });
  await postJson(`${server.url}/local/pay/${encodeURIComponent(top.data!.payment!.outTradeNo)}/succeed`, {}, CUSTOMER);
  // WeChat's API must exist before the app loads (Taro copies wx's API list once, when it starts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-simulate');
  wxGlobal().onNeedPrivacyAuthorization = (listener: typeof privacyListener) => void (privacyListener = listener);
  app = bootWeapp(createCloudBridge(() => gatewayBackend(server.url, CUSTOMER)), 'pages/me/index');
  fakePlatform();
});

afterAll(async () => {
  page?.detach();
  await server?.close();
});

test('我的 → 隐私与数据', async () => {
  open('pages/me/index');
  await until('#menu-privacy', '隐私与数据');
  expect(text('#menu-privacy')).toContain('查看、导出我的数据，注销账号');
  tap('#menu-privacy');
  await waitFor(() => wxCalls.navigate.find((n) => n.url === '/packages/privacy/index'), 'the privacy page to be opened');
});

test('the prompt WeChat asks for is registered at app start; decline and agree are reported back', async () => {
  expect(privacyListener).toBeDefined();
  open('packages/privacy/index');
  await until('#privacy-group-orders', '订单');
  expect($('#privacy-popup')).toBeUndefined();

  const answers: Array<{ event: string; buttonId?: string }> = [];
  privacyListener!((r) => answers.push(r), { referrer: 'packages/privacy/index' });
  await until('#privacy-popup', '用户隐私保护提示');
  expect(text('#privacy-popup')).toContain('《会员储值商城小程序隐私保护指引》');
  expect(text('#privacy-popup')).toContain('不同意也可以继续使用其他功能');
  expect(answers).toEqual([{ event: 'exposureAuthorization' }]);
  tap('#privacy-decline');
  await waitFor(() => !$('#privacy-popup'), 'the prompt to close');
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);

  // Two privacy calls held at once share one prompt; agreeing (the open-type button's event) answers both.
  const first: Array<{ event: string; buttonId?: string }> = [];
  const second: Array<{ event: string; buttonId?: string }> = [];
  privacyListener!((r) => first.push(r), { referrer: 'packages/privacy/index' });
  privacyListener!((r) => second.push(r), { referrer: 'packages/privacy/index' });
  await until('#privacy-popup', '同意并继续');
  $('#privacy-agree')!.dispatchEvent('agreeprivacyauthorization');
  await waitFor(() => !$('#privacy-popup'), 'the prompt to close');
  expect(first).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
  expect(second).toEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId: 'privacy-agree' }]);
});

test('what we hold: counts per kind of data and what deleting does to each', async () => {
  open('packages/privacy/index');
  await until('#privacy-group-orders', '2 条');
  expect(text('#privacy-group-survey')).toContain('1 条');
  expect(text('#privacy-group-survey')).toContain('注销后：删除');
  expect(text('#privacy-group-orders')).toContain('注销后：匿名保留');
  expect(text('#privacy-kept-legend')).toContain('财务记录依法保存，已与您的身份解除关联');
  // Kinds of data we hold nothing of are listed in one line.
  expect(text('#privacy-none')).toContain('会员');
  expect(text('#privacy-group-wallet')).toContain('余额 ¥530');
  expect(text('#privacy-group-trials')).toContain('1 条');
  expect(text('#privacy-delete-kept')).toContain('财务记录依法保存，已与您的身份解除关联');
  // Issue 15 #6: what survives of the per-customer limits is said before deleting.
  expect(text('#privacy-delete-limits')).toContain('体验装');
  expect(text('#privacy-delete-limits')).toContain('仍按已用过 / 已领过计算');
  expect(text('#privacy-group-trials')).toContain('不能重复购买');
  // The balance holds principal: told before even trying.
  expect(text('#privacy-blockers')).toContain('请先到「钱包 → 申请退还储值」');
});

test('导出我的数据: one JSON file on the phone with every record (the order included), then 发送到聊天', async () => {
  tap('#privacy-export');
  await until('#privacy-export-notice', '已导出');
  expect(text('#privacy-export-notice')).toContain('点「发送到聊天」');
  const [path, body] = [...wxCalls.files.entries()].find(([p]) => p.endsWith('.json'))!;
  expect(path).toMatch(/\/my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const json = JSON.parse(body) as { openid: string; documents: Array<{ collection: string; label: string; document: { _id: string } }> };
  expect(json.openid).toBe(CUSTOMER);
  expect(json.documents.find((d) => d.collection === 'orders' && d.document._id === orderId)).toMatchObject({ label: '订单' });
  expect(json.documents.some((d) => d.collection === 'profiles')).toBe(true);
  expect(text('#privacy-export-notice')).toContain(`已导出 ${json.documents.length} 条记录`);
  tap('#privacy-share');
  await waitFor(() => wxCalls.shared.length > 0, 'shareFileMessage');
  expect(wxCalls.shared[0]).toEqual({ filePath: path, fileName: path.split('/').pop() });
});

test('注销账号 with a balance: confirm → refused with the reason and the way to 钱包', async () => {
  tap('#privacy-delete');
  await until('#privacy-delete-dialog', '确认注销账号？');
  expect(text('#privacy-delete-dialog')).toContain('注销后无法恢复');
  tap('#privacy-delete-dialog-confirm');
  await until('#privacy-notice', '暂时不能注销账号');
  expect($('#privacy-delete-dialog')).toBeUndefined();
  expect(text('#privacy-blocker-0')).toContain('您的储值余额还有本金 ¥500');
  tap('#privacy-blocker-0-go');
  await waitFor(() => wxCalls.navigate.find((n) => n.api === 'switchTab' && n.url === '/pages/wallet/index'), 'the wallet tab');
});

test('after the refund: deleted, the page says what happened, the server holds nothing under the openid', async () => {
  const r = await callAs(server.url, CUSTOMER, 'wallet', { action: 'refund', requestId: rid('wr') });
  expect(r.ok).toBe(true);
  // Accepted is not done: the balance is refunded when WeChat's result reaches refundCallback —
  // the customer comes back after that (the simulator delivers what it owes now instead of in 200 ms).
  const delivered = JSON.parse(await postJson(`${server.url}/local/pay/refunds/deliver`, {}, CUSTOMER)) as { data: { owed: number } };
  expect(delivered.data.owed).toBe(0);
  open('packages/privacy/index');
  await until('#privacy-group-orders', '订单');
  await waitFor(() => !$('#privacy-blockers'), 'no more blockers');
  tap('#privacy-delete');
  await until('#privacy-delete-dialog', '确认注销账号？');
  tap('#privacy-delete-dialog-confirm');
  await until('#privacy-deleted', '账号已注销');
  expect(text('#privacy-deleted')).toContain('订单等财务记录依法保存，已与您的身份解除关联');
  const after = (await gatewayBackend(server.url, CUSTOMER)('privacy', { action: 'summary' })) as { data: { groups: Array<{ key: string; count: number }> } };
  expect(after.data.groups.filter((g) => g.count > 0)).toEqual([]);
  tap('#privacy-home');
  await waitFor(() => wxCalls.navigate.find((n) => n.api === 'switchTab' && n.url === '/pages/index/index'), 'home');
});
