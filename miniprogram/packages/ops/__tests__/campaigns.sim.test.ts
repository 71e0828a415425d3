import { acceptAs, buyAs, couponTemplateAs, travelTo } from '../../../__tests__/support/campaign-seed';
import { createCloudBridge, type CloudBridge } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { switchableGateway } from '../../../__tests__/support/segment-seed';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 营销活动 pages (packages/ops) in the WEAPP BUILD under simulate, with wx.cloud answered by the
 * REAL local server (gateway → campaign function → emulator): FORBIDDEN for customers; 新建活动
 * from the template with its checks next to the fields, the 20-character counters and the preview
 * explained in words; 发布 with its confirmation followed to 进行中; 暂停 / 继续; the report; the list.
 */
jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let app: BootedWeapp;
let bridge: CloudBridge;
let page: SimulatedComponent | undefined;
let coupon: string;
const navigations: Array<{ api: string; url: string }> = [];

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  gw = switchableGateway(server.url, 'cp_nosy');
  for (const u of ['cp_silent', 'cp_nogrant']) await buyAs(server.url, u, 'prd_mask');
  await acceptAs(server.url, 'cp_silent');
  await travelTo(server.url, 40 * DAY_MS);
  await buyAs(server.url, 'cp_active', 'prd_mask');
  await acceptAs(server.url, 'cp_active');
  coupon = await couponTemplateAs(server.url, '复购满50减10');
  bridge = createCloudBridge(() => gw.backend);
  app = bootWeapp(bridge, 'pages/me/index');
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
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
const campaignCalls = (action: string) => bridge.calls.filter((c) => c.name === 'campaign' && c.data.action === action).map((c) => c.data);

test('a customer is told every campaign page is for operators, in Chinese', async () => {
  for (const [path, query] of [['packages/ops/campaigns/index'], ['packages/ops/campaign-edit/index'], ['packages/ops/campaign/index', { campaignId: 'cmp_x' }]] as Array<[string, Record<string, string>?]>) {
    open(path, query);
    await until('#ops-forbidden', '仅运营人员可访问此页面');
    expect(text('#ops-forbidden')).not.toContain('FORBIDDEN');
  }
});

test('the list starts empty and says how to begin; 新建活动 opens the form page', async () => {
  gw.as('op_admin');
  open('packages/ops/campaigns/index');
  await until('#ops-campaigns', '还没有活动');
  expect(text('#ops-campaigns')).toContain('从「首三单复购」模板开始最快');
  tap('#campaign-new');
  await waitFor(() => navigations.find((n) => n.url === '/packages/ops/campaign-edit/index'), 'the form page');
});

let campaignId: string;

test('新建活动 from the template: counters, checks next to the fields, the preview in words, 保存 opens the campaign', async () => {
  open('packages/ops/campaign-edit/index');
  await waitFor(() => $('#cmp-start-template'), 'the start choice');
  tap('#cmp-start-template');
  await waitFor(() => $('#campaign-form'), 'the form');
  expect(text('#cmf-clauses')).toContain('购买 1 次');
  expect(text('#cmf-clauses')).toContain('未购买');
  expect(text('#cmf-clauses')).toContain('且 体验未转化');
  expect(text('#cmf-title')).toContain('消息标题（10/20）');

  // An empty title is refused here, next to the field, and nothing is sent.
  type('#cmf-title-input', '');
  await until('#cmf-title', '消息标题（0/20）');
  tap('#cmf-save');
  await until('#cmf-title-error', '请填写消息标题');
  expect(campaignCalls('create')).toHaveLength(0);
  type('#cmf-title-input', '您有一张复购券待使用');
  await waitFor(() => !$('#cmf-title-error'), 'the error to clear');

  // The template chose the coupon (a small next-purchase offer) and says who gets content instead.
  expect($(`#cmf-coupon-opt-${coupon}`)!.dom.className).toContain('ops-chip--on');
  expect(text('#cmf-content')).toContain('活跃顾客按「触达策略」不接收优惠，他们收到下面这条内容消息（不发券）');
  // No holdout (so every figure is exact), then 预览.
  type('#cmf-holdout-input', '0');
  tap('#cmf-preview-btn');
  await waitFor(() => $('#cmf-preview'), 'the preview');
  expect(text('#cmf-preview-audience')).toContain('3目标人群');
  // The headline counts coupons and messages; the active customer gets the content message, not nothing.
  expect(text('#cmf-preview-coupons')).toContain('2将发券');
  expect(text('#cmf-preview-reachable')).toContain('2将收到消息（含内容 1）');
  expect(text('#cmf-preview-contentOnly')).toContain('只收内容消息 1 人');
  expect(text('#cmf-preview-contentOnly')).toContain('活跃顾客只接收内容，不发优惠');
  expect(text('#cmf-preview-offerTooDeep')).toContain('优惠超出阶段 0 人');
  expect(text('#cmf-preview-noGrant')).toContain('未订阅消息 1 人');
  expect(text('#cmf-preview-stage-silent')).toContain('沉默 2 人');
  expect(text('#cmf-preview-stage-silent')).toContain('每 7 天最多 2 条 · 小额优惠');
  expect(text('#cmf-preview-stage-active')).toContain('只发内容，不发优惠');

  // A change after the preview says so.
  type('#cmf-name-input', '首三单复购 · 五月');
  await until('#cmf-preview', '表单已修改，请重新预览');
  tap('#cmf-save');
  await waitFor(() => navigations.find((n) => n.api === 'redirectTo'), 'redirect to the campaign');
  const url = navigations.find((n) => n.api === 'redirectTo')!.url;
  expect(url).toMatch(/^\/packages\/ops\/campaign\/index\?campaignId=cmp_/);
  campaignId = decodeURIComponent(url.split('campaignId=')[1]);
  expect(campaignCalls('create')).toHaveLength(1);
});

test('发布 asks first, then follows the launch to 进行中; the report shows reach; 暂停 / 继续', async () => {
  open('packages/ops/campaign/index', { campaignId });
  await until('#cmp-status', '草稿');
  expect(text('#campaign')).toContain('首三单复购 · 五月');
  expect(text('#campaign')).toContain('发券：复购满50减10');
  expect(text('#campaign')).toContain('内容消息为您挑选了几款好物');
  // A draft can be edited or deleted; once launched, neither button is there.
  expect($('#cmp-edit')).toBeTruthy();
  expect($('#cmp-remove')).toBeTruthy();
  tap('#cmp-launch');
  await waitFor(() => $('#cmp-confirm'), 'the confirmation');
  expect(text('#cmp-confirm')).toContain('已发出的券和消息无法撤回');
  expect(campaignCalls('launch')).toHaveLength(0);
  tap('#cmp-confirm-confirm');
  await until('#cmp-status', '进行中');
  await until('#cmp-notice', '发布完成：目标 3 人，已发送 2 条消息，发券 2 张。');
  await until('#cmr-funnel-audience', '3 人');
  expect(text('#cmr-funnel-audience')).toContain('3 人');
  expect(text('#cmr-funnel-sent')).toContain('2 人');
  expect(text('#cmr-outcomes')).not.toContain('优惠超出阶段');
  expect(text('#cmr-outcomes')).toContain('未订阅消息');
  expect($('#cmp-edit')).toBeFalsy();
  expect(text('#cmr-coupons')).toContain('发券 2 张');
  expect(text('#cmr-lift')).toContain('无对照组');

  tap('#cmp-pause');
  await until('#cmp-status', '已暂停');
  expect(text('#cmp-notice')).toContain('不再向新的顾客发送');
  tap('#cmp-resume');
  await until('#cmp-status', '进行中');
  expect(new Set(campaignCalls('launch').map((c) => c.requestId)).size).toBe(1);
});

test('the list shows the campaign with its status and counters', async () => {
  open('packages/ops/campaigns/index');
  await until('#cmp-0-status', '进行中');
  expect(text('#cmp-0')).toContain('首三单复购 · 五月');
  expect(text('#cmp-0-counts')).toBe('目标 3 人 · 已发送 2 · 用券 0 · 转化 0');
  tap('#cmp-0');
  await waitFor(() => navigations.find((n) => n.url === `/packages/ops/campaign/index?campaignId=${encodeURIComponent(campaignId)}`), 'the campaign page');
});

test('设置 › 触达策略 has the 未成交 stage and the small-offer thresholds; 消息模板 saves templates and reminder days', async () => {
  open('packages/ops/settings-area/index', { area: 'contact' });
  await waitFor(() => $('#set-contactPolicy-prospect'), 'the contact policy');
  expect(text('#set-contactPolicy-prospect')).toContain('未成交顾客（新客、互动客、体验客）');
  expect(text('#set-offerDepth')).toContain('小额优惠的标准');
  type('#set-offerDepth-smallMaxPercent-input', '20');
  tap('#settings-save');
  await until('#settings-notice', '已保存「触达策略」');

  open('packages/ops/settings-area/index', { area: 'messages' });
  await waitFor(() => $('#set-messageTemplates-promotion-templateId-input'), 'the message templates');
  expect(text('#settings-area-effect')).toContain('模板 ID 须与小程序后台「订阅消息」中的一致');
  type('#set-messageTemplates-promotion-templateId-input', 'Xm3Promo_2026');
  type('#set-renewalReminderDays-input', '30, 7, 七');
  tap('#settings-save');
  await until('#settings-notice', '设置有误，未保存');
  await until('#set-renewalReminderDays-error', '请填写整数天数，用逗号分隔');
  type('#set-renewalReminderDays-input', '30，7');
  tap('#settings-save');
  await until('#settings-notice', '已保存「消息模板」');
  const editor = (await gw.backend('settings', { action: 'editor' })) as { data: { settings: { renewalReminderDays: number[]; offerDepth: { smallMaxPercent: number }; messageTemplates: { promotion: { templateId: string } } } } };
  expect(editor.data.settings.renewalReminderDays).toEqual([30, 7]);
  expect(editor.data.settings.offerDepth.smallMaxPercent).toBe(20);
  expect(editor.data.settings.messageTemplates.promotion.templateId).toBe('Xm3Promo_2026');
  // The grants now name the new template (what wx.requestSubscribeMessage will be asked for).
  gw.as('cp_silent');
  const grants = (await gw.backend('messages', { action: 'grants' })) as { data: { promotion: { templateId: string } } };
  expect(grants.data.promotion.templateId).toBe('Xm3Promo_2026');
  gw.as('op_admin');
});
