import { newOwnerClaim } from '../../../../cloudfunctions/_kit/owner-claim';
import { createCloudBridge, postJson, type CloudBridge } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { joinAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { settled, untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 成为店主（首次开店） and 上线检查 in the WEAPP BUILD under simulate, wx.cloud answered by the REAL
 * local server started as a deploy leaves a store: no demo owner, the claim code's hash in the
 * environment of the in-process `ops` function. A customer finds the claim in 我的, a typo is
 * caught before any try is spent, a wrong code counts down, the right one makes them owner; the
 * checklist then shows each item, reads the privacy guide from wx.getPrivacySetting, turns
 * 云调用权限 missing after a -604101, and takes the owner's confirmation.
 */
jest.setTimeout(240_000);

const claim = newOwnerClaim();
let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let app: BootedWeapp;
let bridge: CloudBridge;
let page: SimulatedComponent | undefined;
const navigations: Array<{ api: string; url: string }> = [];
const privacyAsked: number[] = [];

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer(undefined, { env: { OWNER_CLAIM_SHA256: claim.sha256 }, demoOwner: false });
  gw = switchableGateway(server.url, 'sim_boss');
  bridge = createCloudBridge(() => gw.backend);
  // Taro copies the wx APIs that exist when the app loads: WeChat's privacy API must be there
  // first (simulate has none), so define it on simulate's wx before booting the build.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-simulate');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  // WeChat's answer for a Mini Program whose 用户隐私保护指引 is declared (the documented shape).
  wx.getPrivacySetting = (o: { success?: (r: unknown) => void }) => {
    privacyAsked.push(Date.now());
    setTimeout(() => o.success?.({ needAuthorization: false, privacyContractName: '《会员商城隐私保护指引》', errMsg: 'getPrivacySetting:ok' }), 0);
  };
  app = bootWeapp(bridge, 'pages/me/index');
  for (const api of ['navigateTo', 'redirectTo', 'switchTab']) {
    wx[api] = (o: { url: string; success?: (r: unknown) => void; complete?: (r: unknown) => void }) => {
      navigations.push({ api, url: o.url });
      o.success?.({ errMsg: `${api}:ok` });
      o.complete?.({ errMsg: `${api}:ok` });
    };
  }
});
afterAll(async () => {
  page?.detach();
  await server?.close();
});

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
const settle = () => settled(bridge, () => page?.dom.textContent ?? '');
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const type = (sel: string, value: string) => $(sel)!.dispatchEvent('input', { detail: { value } });
const until = untilText(text);
function open(path: string, query: Record<string, string> = {}) {
  page?.detach();
  page = app.openPage(path, query);
}
const calls = (action: string) => bridge.calls.filter((c) => c.name === 'ops' && c.data.action === action).map((c) => c.data);

test('我的 offers 成为店主（首次开店） while the store has no owner (and no 运营后台)', async () => {
  open('pages/me/index');
  await until('#menu-owner-claim', '成为店主（首次开店）');
  expect(text('#menu-owner-claim')).toContain('输入部署时打印的认领码');
  expect($('#menu-ops-home')).toBeUndefined();
  tap('#menu-owner-claim');
  await waitFor(() => navigations.some((n) => n.url === '/packages/ops/owner-claim/index'), 'the claim page');
});

test('five wrong codes lock that account: the form says until when and sends nothing more', async () => {
  gw.as('sim_guesser');
  open('packages/ops/owner-claim/index');
  await until('#claim-form', '成为店主（首次开店）');
  const wrong = claim.code === 'ZZZZ-ZZZZ-ZZZZ' ? 'YYYY-YYYY-YYYY' : 'ZZZZ-ZZZZ-ZZZZ';
  for (const left of [4, 3, 2, 1]) {
    type('#claim-code-input', wrong.replace(/-/g, left % 2 ? '' : ' '));
    tap('#claim-submit');
    await until('#claim-notice', `还可再试 ${left} 次`);
  }
  type('#claim-code-input', wrong);
  tap('#claim-submit');
  await until('#claim-notice', '连续输错 5 次');
  await until('#claim-submit', '已锁定到');
  const sent = calls('claimOwner').length;
  tap('#claim-submit');
  await settle();
  expect(calls('claimOwner')).toHaveLength(sent);
  gw.as('sim_boss');
});

test('the claim: a typo is caught on the phone, a wrong code counts down, the right one (any case) makes the owner', async () => {
  open('packages/ops/owner-claim/index');
  await until('#claim-form', '成为店主（首次开店）');

  type('#claim-code-input', 'ABCD-EFG');
  tap('#claim-submit');
  await until('#claim-code-problem', '认领码是 12 位（当前 7 位）');
  type('#claim-code-input', 'ABCD-EFGH-JKM0');
  tap('#claim-submit');
  await until('#claim-code-problem', '没有「0」');
  const before = calls('claimOwner').length;
  expect(before).toBe(5);

  const wrong = claim.code === 'ZZZZ-ZZZZ-ZZZZ' ? 'YYYY-YYYY-YYYY' : 'ZZZZ-ZZZZ-ZZZZ';
  type('#claim-code-input', wrong);
  tap('#claim-submit');
  // Another account's lock does not hold this one back.
  await until('#claim-notice', '认领码不正确，还可再试 4 次');
  expect(calls('claimOwner')).toHaveLength(before + 1);

  type('#claim-code-input', claim.code.toLowerCase());
  tap('#claim-submit');
  await until('#claim-done', '您已成为本店店主');
  expect(calls('claimOwner').at(-1)).toMatchObject({ code: claim.code });
  tap('#claim-open-launch');
  await waitFor(() => navigations.some((n) => n.api === 'redirectTo' && n.url === '/packages/ops/launch/index'), 'the checklist');

  // 我的 now shows the back office, and no longer the claim.
  open('pages/me/index');
  await until('#menu-ops-home', '运营后台');
  expect($('#menu-owner-claim')).toBeUndefined();
});

test('someone else opening the claim page is told the store has an owner and who to ask', async () => {
  gw.as('sim_late');
  open('packages/ops/owner-claim/index');
  await until('#claim-taken', '本店已有店主');
  expect(text('#claim-taken')).toContain('设置 › 运营人员');
  // …and 上线检查 is for operators only.
  open('packages/ops/launch/index');
  await until('#ops-forbidden', '仅运营人员可访问此页面');
  gw.as('sim_boss');
});

test('上线检查: every item with its state; the phone reads the privacy guide; the owner is done', async () => {
  open('packages/ops/home/index');
  await until('#ops-home-launch', '上线检查');
  open('packages/ops/launch/index');
  await until('#launch-summary', '待确认');
  expect(text('#launch-local')).toContain('本地模式');
  for (const key of ['owner', 'env', 'pay', 'templates', 'openapi', 'shipping', 'privacy', 'baseLibrary']) expect($(`#launch-${key}`)).toBeDefined();
  expect(text('#launch-owner-status')).toBe('已完成');
  expect(text('#launch-owner-now')).toBe('共 1 位店主（包括您）。');
  expect(text('#launch-privacy-status')).toBe('已完成');
  expect(text('#launch-privacy-now')).toBe('已声明：《会员商城隐私保护指引》。');
  expect(privacyAsked.length).toBeGreaterThan(0);
  // What the phone sent: its platform, the env id it was built with, what WeChat said.
  expect(calls('launchChecklist').at(-1)).toMatchObject({ platform: 'weapp', envId: expect.any(String), privacyContractName: '《会员商城隐私保护指引》', privacyNeedsAuthorization: false });
  expect(text('#launch-openapi-status')).toBe('待确认');
  expect(text('#launch-baseLibrary-status')).toBe('未完成');
  expect(text('#launch-baseLibrary-detects')).toContain('由店主设好后在本页确认');
});

test('a -604101 on payCallback\'s shipping upload turns 云调用权限 missing, saying which function to re-upload from DevTools', async () => {
  await postJson(`${server.url}/local/shipping/fail`, { times: 1, errcode: -604101, errmsg: 'openapi.wxaSecOrder.uploadShippingInfo:fail -604101 function has no permission to call this API' }, 'sim_boss');
  await joinAs(server.url, 'sim_member');
  tap('#launch-refresh');
  await until('#launch-openapi-status', '未完成');
  expect(text('#launch-openapi-now')).toBe('云函数 payCallback 的云调用被拒（-604101）。');
  expect(text('#launch-openapi-todo')).toContain('上传并部署');
  expect(text('#launch-openapi-rows')).toContain('-604101');
  expect(text('#launch-shipping-now')).toContain('-604101');
});

test('基础库最低版本: the owner confirms it here; it turns done and says who', async () => {
  await until('#launch-baseLibrary-confirm', '已在小程序后台设置');
  tap('#launch-baseLibrary-confirm');
  await until('#launch-notice', '已确认');
  await until('#launch-baseLibrary-status', '已完成');
  expect(text('#launch-baseLibrary-now')).toContain('sim_boss');
  expect(text('#launch-baseLibrary-confirm')).toBe('取消确认');
  expect(calls('confirmLaunchCheck')).toEqual([expect.objectContaining({ item: 'baseLibrary', confirmed: true })]);
});
