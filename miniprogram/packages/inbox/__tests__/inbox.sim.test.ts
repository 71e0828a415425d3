import { buyAs, couponTemplateAs, createFirstThreeAs, launchAs, travelTo } from '../../../__tests__/support/campaign-seed';
import { createCloudBridge, type CloudBridge } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { callAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * The customer's side of subscription messages in the WEAPP BUILD under simulate, against the
 * REAL local server: 会员 asks through wx.requestSubscribeMessage (faked at the wx level, as
 * WeChat's dialog) and records the answer; after a campaign reaches the customer, 我的 shows the
 * unread count and 消息 lists the message; opening it records the open and goes to its page.
 */
jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
const CUSTOMER = 'ib_customer';
let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let app: BootedWeapp;
let bridge: CloudBridge;
let page: SimulatedComponent | undefined;
const navigations: Array<{ api: string; url: string }> = [];
const subscribeRequests: string[][] = [];

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  gw = switchableGateway(server.url, CUSTOMER);
  await buyAs(server.url, CUSTOMER, 'prd_mask');
  await travelTo(server.url, 40 * DAY_MS);
  bridge = createCloudBridge(() => gw.backend);
  app = bootWeapp(bridge, 'pages/me/index');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  type Cb = { url?: string; tmplIds?: string[]; success?: (r: unknown) => void; complete?: (r: unknown) => void };
  for (const api of ['navigateTo', 'redirectTo', 'switchTab']) {
    wx[api] = (o: Cb) => {
      navigations.push({ api, url: o.url! });
      o.success?.({ errMsg: `${api}:ok` });
      o.complete?.({ errMsg: `${api}:ok` });
    };
  }
  // WeChat's dialog: the customer taps 允许 with both switches on.
  wx.requestSubscribeMessage = (o: Cb) => {
    subscribeRequests.push(o.tmplIds!);
    const res = { errMsg: 'requestSubscribeMessage:ok', ...Object.fromEntries(o.tmplIds!.map((id) => [id, 'accept'])) };
    setTimeout(() => (o.success?.(res), o.complete?.(res)), 0);
  };
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
function open(path: string) {
  page?.detach();
  page = app.openPage(path);
}

test('消息 before anything arrived: says how messages arrive and where to subscribe', async () => {
  open('packages/inbox/index');
  await until('#inbox', '还没有消息');
  expect(text('#inbox')).toContain('会以微信服务通知发给您，也都会出现在这里');
  expect(text('#inbox')).toContain('可在「会员」页订阅');
});

test('会员: 订阅 asks WeChat for both templates and records the answer once', async () => {
  open('pages/member/index');
  await until('#subscribe-grant-promotion', '优惠通知：未订阅');
  expect(text('#subscribe-grant-renewal')).toBe('会员到期提醒：未订阅');
  tap('#subscribe-ask');
  await until('#subscribe-grant-promotion', '可接收 1 条');
  expect(subscribeRequests).toEqual([['tpl-promotion', 'tpl-renewal']]);
  expect(text('#subscribe-grant-renewal')).toBe('会员到期提醒：可接收 1 条');
  expect(text('#subscribe-member-notice')).toContain('已订阅「优惠通知」「会员到期提醒」');
  expect(text('#subscribe-ask')).toBe('再订阅一次');
  expect(bridge.calls.filter((c) => c.name === 'messages' && c.data.action === 'subscribeResult')).toHaveLength(1);
});

test('a campaign reaches the customer: 我的 shows 1 条未读; 消息 lists it; opening it records the open and goes to its page', async () => {
  const coupon = await couponTemplateAs(server.url);
  await launchAs(server.url, await createFirstThreeAs(server.url, coupon));

  open('pages/me/index');
  await until('#menu-inbox-unread', '1 条未读');
  tap('#menu-inbox');
  await waitFor(() => navigations.find((n) => n.url === '/packages/inbox/index'), 'the inbox to be opened');

  open('packages/inbox/index');
  await until('#inbox-0-title', '您有一张复购券待使用');
  expect(text('#inbox-0')).toContain('优惠通知');
  expect(text('#inbox-0')).toContain('下单自动抵扣，限时有效');
  expect(text('#inbox-0')).toMatch(/优惠截止 \d{4}-\d{2}-\d{2}/);
  expect(text('#inbox-0')).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(text('#inbox-0-unread')).toBe('未读');
  tap('#inbox-0');
  await waitFor(() => navigations.find((n) => n.api === 'switchTab' && n.url === '/pages/index/index'), 'the message page (a tab)');
  await waitFor(() => !$('#inbox-0-unread'), 'the unread mark to go');
  const box = (await callAs(server.url, CUSTOMER, 'messages', { action: 'inbox' })).data as { items: Array<{ openedAt?: number }> };
  expect(box.items[0].openedAt).toEqual(expect.any(Number));
});
