import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../../../shared/promotions/campaign';
import type { LaunchChecklistView, LaunchItem, LaunchItemKey } from '../../../shared/ops/launch-checklist';
import { getById } from '../../_kit/db';
import { forgetRecentHealth } from '../../_kit/platform-health';

/**
 * 上线检查 through the real path: the gateway, the ops handler, the emulator, and the platform
 * calls the store really makes (shipping-info uploads to the local recorder, subscription
 * messages, WeChat Pay orders), whose answers are recorded at their call sites in platform_health.
 * An armed -604101 on the shipping recorder is what an unregistered openapi permission looks like.
 */

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(async () => {
  await s.failShipping(0);
  await s.close();
});
beforeEach(() => forgetRecentHealth());

const OP = 'op_admin';
const H5 = { platform: 'h5' };
async function checklist(facts: Record<string, unknown> = H5, who = OP): Promise<LaunchChecklistView> {
  const r = await s.call<LaunchChecklistView>(who, 'ops', { action: 'launchChecklist', ...facts });
  expect(r.error).toBeUndefined();
  return r.data;
}
const item = (v: LaunchChecklistView, key: LaunchItemKey): LaunchItem => v.items.find((i) => i.key === key)!;
const row = (i: LaunchItem, label: string) => i.rows!.find((r) => r.label.startsWith(label))!;

async function buyMembership(openid: string) {
  const m = await s.call(openid, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
  expect(m.error).toBeUndefined();
  expect((await s.pay(m.data.payment.outTradeNo)).data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
  return m.data.orderId as string;
}

test('every item is there, in order, each saying why, what to do, how it is decided and how to check by hand', async () => {
  const v = await checklist();
  expect(v.items.map((i) => i.key)).toEqual(['owner', 'env', 'pay', 'templates', 'openapi', 'shipping', 'privacy', 'baseLibrary']);
  expect(v.local).toBe(true);
  for (const i of v.items) {
    expect(i.why.length).toBeGreaterThan(10);
    expect(i.detects.length).toBeGreaterThan(10);
    expect(i.check.length).toBeGreaterThan(5);
    if (i.status !== 'done') expect(i.todo.length).toBeGreaterThan(0);
  }
  expect(v.counts.done + v.counts.missing + v.counts.unknown).toBe(v.items.length);
});

test('a fresh local store: the demo owner is not a real one, nothing was called yet, the browser cannot read the privacy guide', async () => {
  const v = await checklist();
  expect(item(v, 'owner')).toMatchObject({ status: 'missing', now: expect.stringContaining('op_admin') });
  expect(item(v, 'env')).toMatchObject({ status: 'unknown', now: expect.stringContaining('本地模式') });
  expect(item(v, 'pay')).toMatchObject({ status: 'unknown' });
  // The demo seed writes local template ids.
  expect(item(v, 'templates')).toMatchObject({ status: 'done' });
  expect(item(v, 'openapi').status).toBe('unknown');
  expect(item(v, 'openapi').rows!.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  expect(item(v, 'shipping')).toMatchObject({ status: 'unknown', now: '还没有需要上报发货信息的微信支付订单。' });
  expect(item(v, 'privacy')).toMatchObject({ status: 'unknown', now: expect.stringContaining('wx.getPrivacySetting') });
  expect(item(v, 'baseLibrary')).toMatchObject({ status: 'missing', confirm: { confirmed: false, canConfirm: true } });
});

test('what the phone reports: a weapp with the privacy guide declared is done; an input it does not know is refused', async () => {
  const v = await checklist({ platform: 'weapp', envId: 'shop-prod-1a2b', privacyContractName: '《会员商城隐私保护指引》', privacyNeedsAuthorization: false });
  expect(item(v, 'privacy')).toMatchObject({ status: 'done', now: '已声明：《会员商城隐私保护指引》。' });
  const bad = await s.call(OP, 'ops', { action: 'launchChecklist', platform: 'weapp', subMchId: '1900000109' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect((await s.call('cust_nosy', 'ops', { action: 'launchChecklist', ...H5 })).error?.code).toBe('FORBIDDEN');
});

test('-604101 on payCallback\'s shipping upload → 云调用权限 missing for payCallback, with the DevTools upload to do; an accepted retry from ops does not hide it', async () => {
  await s.failShipping(1, -604101, 'openapi.wxaSecOrder.uploadShippingInfo:fail -604101 function has no permission to call this API');
  const orderId = await buyMembership('lc_denied');
  expect(await getById(s.db(), 'platform_health', 'payCallback:uploadShippingInfo')).toMatchObject({ fn: 'payCallback', api: 'uploadShippingInfo', last: { code: '-604101' }, lastFailure: { code: '-604101' } });

  let v = await checklist();
  const openapi = item(v, 'openapi');
  expect(openapi.status).toBe('missing');
  expect(openapi.now).toContain('payCallback');
  expect(openapi.todo.join('')).toContain('上传并部署');
  expect(openapi.todo.join('')).toContain('payCallback');
  expect(row(openapi, 'payCallback')).toMatchObject({ status: 'missing', text: expect.stringContaining('-604101') });
  // The upload never reached WeChat: whether 发货信息管理 is on cannot be told yet.
  expect(item(v, 'shipping')).toMatchObject({ status: 'unknown', now: expect.stringContaining('-604101') });

  // The operator retries from 发货信息上传 (the ops function, whose permission works): accepted.
  const retry = await s.call(OP, 'ops', { action: 'retryShippingUpload', orderId, requestId: s.rid('retry') });
  expect(retry.data).toMatchObject({ state: 'succeeded' });
  v = await checklist();
  expect(row(item(v, 'openapi'), 'ops')).toMatchObject({ status: 'done' });
  expect(row(item(v, 'openapi'), 'payCallback').status).toBe('missing');
  expect(item(v, 'openapi').status).toBe('missing');
  expect(item(v, 'shipping').status).toBe('done');

  // payCallback's next upload goes through (the permission took effect): its row turns done.
  await buyMembership('lc_allowed');
  v = await checklist();
  expect(row(item(v, 'openapi'), 'payCallback')).toMatchObject({ status: 'done' });
  // Still unknown, not done: no subscription message has been sent by campaign yet.
  expect(item(v, 'openapi').status).toBe('unknown');
  expect(row(item(v, 'openapi'), 'campaign').status).toBe('unknown');
});

test('a campaign message sent → every cloud call has reached the platform → 云调用权限 done', async () => {
  const u = 'lc_reader';
  const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  await s.pay(r.data.payment.outTradeNo);
  expect((await s.call(u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
  const created = await s.call(OP, 'campaign', { action: 'create', campaign: { ...firstThreePurchaseTemplate(Date.now() - 1_000), holdoutPercent: 0 }, requestId: s.rid('cmp') });
  expect(created.error).toBeUndefined();
  for (let i = 0; i < 20; i++) {
    const l = await s.call(OP, 'campaign', { action: 'launch', campaignId: created.data._id, requestId: s.rid('launch') });
    expect(l.error).toBeUndefined();
    if (l.data.status !== 'launching') break;
  }
  expect(await getById(s.db(), 'platform_health', 'campaign:subscribeMessage.send')).toMatchObject({ adapter: 'local', last: { code: '0' } });
  const v = await checklist();
  expect(row(item(v, 'openapi'), 'campaign')).toMatchObject({ status: 'done' });
  expect(item(v, 'openapi').status).toBe('done');
});

test('WeChat Pay orders are recorded per function (the merchant item reads them)', async () => {
  expect(await getById(s.db(), 'platform_health', 'membership:cloudPay.unifiedOrder')).toMatchObject({ adapter: 'local', last: { code: '0' } });
  expect(await getById(s.db(), 'platform_health', 'order:cloudPay.unifiedOrder')).toMatchObject({ adapter: 'local', last: { code: '0' } });
});

test('no template ids: 订阅消息模板 missing, naming the kinds; filled in, done', async () => {
  const editor = (await s.call(OP, 'settings', { action: 'editor' })).data;
  const cleared = { promotion: { ...editor.settings.messageTemplates.promotion, templateId: '' }, renewal: { ...editor.settings.messageTemplates.renewal, templateId: '' } };
  expect((await s.call(OP, 'settings', { action: 'update', settings: { ...editor.settings, messageTemplates: cleared }, expectedVersion: editor.version, requestId: s.rid('tpl') })).ok).toBe(true);
  let v = await checklist();
  expect(item(v, 'templates')).toMatchObject({ status: 'missing', now: '未填写：活动通知、会员到期提醒。' });
  expect(item(v, 'templates').rows!.map((r) => r.status)).toEqual(['missing', 'missing']);

  const again = (await s.call(OP, 'settings', { action: 'editor' })).data;
  const filled = { promotion: { ...cleared.promotion, templateId: 'aBcD-1234_xyz' }, renewal: cleared.renewal };
  expect((await s.call(OP, 'settings', { action: 'update', settings: { ...again.settings, messageTemplates: filled }, expectedVersion: again.version, requestId: s.rid('tpl') })).ok).toBe(true);
  v = await checklist();
  expect(item(v, 'templates')).toMatchObject({ status: 'missing', now: '未填写：会员到期提醒。' });
  expect(item(v, 'templates').rows![0]).toMatchObject({ status: 'done', text: '模板 ID aBcD-1234_xyz' });
});

test('基础库最低版本: only an owner confirms it, once per request, in 操作记录; the settings editor cannot forge it', async () => {
  // An operator who is not an owner may not confirm.
  const editor = (await s.call(OP, 'settings', { action: 'editor' })).data;
  expect((await s.call(OP, 'settings', { action: 'update', settings: { ...editor.settings, operators: [...editor.settings.operators, 'lc_staff'] }, expectedVersion: editor.version, requestId: s.rid('staff') })).ok).toBe(true);
  const refused = await s.call('lc_staff', 'ops', { action: 'confirmLaunchCheck', item: 'baseLibrary', confirmed: true, requestId: s.rid('conf') });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('只有店主') } });
  expect(item(await checklist(H5, 'lc_staff'), 'baseLibrary').confirm).toMatchObject({ confirmed: false, canConfirm: false });

  const rid = s.rid('conf');
  const ok = await s.call(OP, 'ops', { action: 'confirmLaunchCheck', item: 'baseLibrary', confirmed: true, requestId: rid });
  expect(ok.data.baseLibrary).toMatchObject({ confirmedBy: OP, confirmedAt: expect.any(Number) });
  const docs = s.documents();
  expect((await s.call(OP, 'ops', { action: 'confirmLaunchCheck', item: 'baseLibrary', confirmed: true, requestId: rid })).data).toEqual(ok.data);
  expect(s.documents()).toBe(docs);
  expect(item(await checklist(), 'baseLibrary')).toMatchObject({ status: 'done', confirm: { confirmed: true, by: OP } });
  const audit = (await s.call(OP, 'ops', { action: 'audit', entity: 'settings' })).data.entries;
  expect(audit[0]).toMatchObject({ action: 'launch.confirm', by: OP, after: { baseLibrary: { confirmedBy: OP } } });

  // Saving settings from the editor with a forged confirmation keeps the real one.
  const cur = (await s.call(OP, 'settings', { action: 'editor' })).data;
  const forged = { ...cur.settings, launchChecks: { baseLibrary: { confirmedBy: 'someone_else', confirmedAt: 1 } } };
  expect((await s.call(OP, 'settings', { action: 'update', settings: forged, expectedVersion: cur.version, requestId: s.rid('forge') })).ok).toBe(true);
  expect(item(await checklist(), 'baseLibrary').confirm).toMatchObject({ by: OP });

  // Unticked: missing again.
  await s.call(OP, 'ops', { action: 'confirmLaunchCheck', item: 'baseLibrary', confirmed: false, requestId: s.rid('conf') });
  expect(item(await checklist(), 'baseLibrary').status).toBe('missing');
});

test('a real owner: 店主 done', async () => {
  const editor = (await s.call(OP, 'settings', { action: 'editor' })).data;
  expect((await s.call(OP, 'settings', { action: 'update', settings: { ...editor.settings, owners: ['oWx_real_owner', OP] }, expectedVersion: editor.version, requestId: s.rid('own') })).ok).toBe(true);
  expect(item(await checklist(), 'owner')).toMatchObject({ status: 'done', now: '共 2 位店主（包括您）。' });
});
