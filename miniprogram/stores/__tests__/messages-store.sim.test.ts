import type { CloudBackend } from '../../__tests__/support/cloud-bridge';
import { gatewayBackend } from '../../__tests__/support/cloud-bridge';
import { acceptAs, buyAs } from '../../__tests__/support/campaign-seed';
import { memoryIdentity, memoryStorage, ScriptedSubscribe, servicesOver } from '../../__tests__/support/fake-services';
import { spawnLocalServer, type RunningLocalServer } from '../../__tests__/support/local-server';
import { callAs } from '../../__tests__/support/segment-seed';
import { waitFor } from '../../__tests__/support/wait-for';
import { resultsOf } from '../../services/messages';
import { LATER_KEY } from '../messages-store';
import { RootStore } from '../root-store';

/**
 * Subscription prompts (stores/messages-store.ts) over the real service modules and the REAL local
 * server (gateway → messages function → emulator). Only the platform dialog is faked at the service
 * level (ScriptedSubscribe): by default it shows the app's own sheet, as the H5 build does, and the
 * test answers it; scripted answers stand for WeChat's dialog.
 */
jest.setTimeout(180_000);

let server: RunningLocalServer;
beforeAll(async () => {
  server = await spawnLocalServer();
});
afterAll(() => server?.close());

function setup(openid: string, opts: { backend?: CloudBackend; device?: ReturnType<typeof memoryStorage> } = {}) {
  const subscribe = new ScriptedSubscribe();
  const device = opts.device ?? memoryStorage();
  const root = new RootStore(servicesOver(opts.backend ?? gatewayBackend(server.url, openid), { subscribe, device, identity: memoryIdentity(openid) }));
  return { root, m: root.messages, subscribe, device };
}
const grantsOf = async (openid: string) => (await callAs(server.url, openid, 'messages', { action: 'grants' })).data as { promotion: { remaining: number }; renewal: { remaining: number } };

test('after a payment: the card is offered once per order; 订阅通知 opens the sheet; 允许 records one grant of each kind', async () => {
  const u = 'msg_st_pay';
  const orderId = await buyAs(server.url, u, 'prd_mask');
  const { m, subscribe } = setup(u);
  await m.offerAfterPayment(orderId);
  expect(m.offer).toEqual({ moment: 'payment', key: `pay:${orderId}` });

  const asked = m.ask('payment');
  await waitFor(() => m.sheet, 'the sheet');
  // The card is gone the moment the customer answers it: at most once per moment.
  expect(m.offer).toBeUndefined();
  expect(m.sheet!.items.map((i) => [i.kind, i.templateId, i.checked])).toEqual([
    ['promotion', 'tpl-promotion', true],
    ['renewal', 'tpl-renewal', true],
  ]);
  m.allowSheet();
  await asked;
  expect(subscribe.calls).toEqual([['tpl-promotion', 'tpl-renewal']]);
  expect(m.notice?.notice.text).toBe('已订阅「优惠通知」「会员到期提醒」：每次订阅我们最多发一条，有优惠或会员快到期时通过微信服务通知告诉您。');
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 1 } });

  // The same order again (the page shown again): not offered again.
  await m.offerAfterPayment(orderId);
  expect(m.offer).toBeUndefined();
  // Both kinds have a grant now: the next payment does not ask either.
  const second = await buyAs(server.url, u, 'prd_tea');
  await m.offerAfterPayment(second);
  expect(m.offer).toBeUndefined();
  expect(m.fullySubscribed).toBe(true);
});

test('only the missing kind is asked for; a switch turned off in the sheet is a reject', async () => {
  const u = 'msg_st_partial';
  const r = await callAs(server.url, u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: 'msg_st_partial_1' });
  expect(r.ok).toBe(true);
  const { m, subscribe } = setup(u);
  await m.offerAfterPayment(await buyAs(server.url, u, 'prd_mask'));
  expect(m.offer?.moment).toBe('payment');
  const asked = m.ask('payment');
  await waitFor(() => m.sheet, 'the sheet');
  expect(m.sheet!.items.map((i) => i.kind)).toEqual(['renewal']);
  m.toggleSheetItem('renewal');
  m.allowSheet();
  await asked;
  expect(subscribe.calls).toEqual([['tpl-renewal']]);
  expect(m.notice?.notice).toEqual({ tone: 'info', text: '已拒绝，我们不会发送这些消息。需要时可在「会员」页重新订阅。' });
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 0 } });
});

test('以后再说: no after-payment card again that day on this device', async () => {
  const u = 'msg_st_later';
  const device = memoryStorage();
  const { m } = setup(u, { device });
  await m.offerAfterPayment(await buyAs(server.url, u, 'prd_mask'));
  expect(m.offer).toBeDefined();
  m.later();
  expect(m.offer).toBeUndefined();
  expect(device.values[LATER_KEY]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await m.offerAfterPayment(await buyAs(server.url, u, 'prd_tea'));
  expect(m.offer).toBeUndefined();
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 0 }, renewal: { remaining: 0 } });
});

test('会员 page: the customer asks for both kinds even with grants left; WeChat answers per template id', async () => {
  const u = 'msg_st_member';
  await acceptAs(server.url, u, 1);
  const { m, subscribe } = setup(u);
  await m.loadGrants();
  expect(m.fullySubscribed).toBe(true);
  subscribe.answers.push({ ok: true, results: resultsOf(['tpl-promotion', 'tpl-renewal'], { 'tpl-promotion': 'acceptWithAudio', 'tpl-renewal': 'ban', errMsg: 'requestSubscribeMessage:ok' }) });
  await m.ask('member');
  expect(subscribe.calls).toEqual([['tpl-promotion', 'tpl-renewal']]);
  expect(m.sheet).toBeUndefined();
  expect(m.grants).toMatchObject({ promotion: { remaining: 2 }, renewal: { remaining: 1 } });
  expect(m.notice?.moment).toBe('member');
  expect(m.notice?.notice.text).toContain('已订阅「优惠通知」');
});

test('the dialog could not open: the reason is shown and nothing is recorded', async () => {
  const u = 'msg_st_off';
  const { m, subscribe } = setup(u);
  subscribe.answers.push({ ok: false, message: '您已在微信中关闭了本小程序的订阅消息，可在右上角「…」›「设置」›「订阅消息」中重新打开。' });
  await m.ask('member');
  expect(m.notice?.notice).toEqual({ tone: 'error', text: '您已在微信中关闭了本小程序的订阅消息，可在右上角「…」›「设置」›「订阅消息」中重新打开。' });
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 0 }, renewal: { remaining: 0 } });
});

test('a lost reply is retried with the same request id: the accepted grant is counted once', async () => {
  const u = 'msg_st_lost';
  const real = gatewayBackend(server.url, u);
  const seen: string[] = [];
  let dropped = false;
  // The first subscribeResult reaches the server but its reply is lost on the way back.
  const flaky: CloudBackend = async (name, data) => {
    const reply = await real(name, data);
    if (data.action === 'subscribeResult') {
      seen.push(String(data.requestId));
      if (!dropped) {
        dropped = true;
        return { ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } };
      }
    }
    return reply;
  };
  const { m, subscribe } = setup(u, { backend: flaky });
  subscribe.answers.push({ ok: true, results: { 'tpl-promotion': 'accept', 'tpl-renewal': 'accept' } });
  await m.ask('member');
  expect(seen).toHaveLength(2);
  expect(seen[0]).toBe(seen[1]);
  expect(m.grants).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 1 } });
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 1 }, renewal: { remaining: 1 } });
});

test('an account switch closes an open sheet without recording anything', async () => {
  const u = 'msg_st_switch';
  const { root, m } = setup(u);
  const asked = m.ask('member');
  await waitFor(() => m.sheet, 'the sheet');
  root.signOutDev();
  await asked;
  expect(m.sheet).toBeUndefined();
  expect(await grantsOf(u)).toMatchObject({ promotion: { remaining: 0 }, renewal: { remaining: 0 } });
});

test('a store with no template ids yet (a fresh deploy): nothing to subscribe to — the dialog is not opened, the customer is told so', async () => {
  const u = 'msg_st_notpl';
  const settings = async (data: Record<string, unknown>) => (await callAs(server.url, 'op_admin', 'settings', data)).data as { settings: Record<string, any>; version: number };
  const editor = await settings({ action: 'editor' });
  const t = editor.settings.messageTemplates;
  const cleared = { promotion: { ...t.promotion, templateId: '' }, renewal: { ...t.renewal, templateId: '' } };
  await settings({ action: 'update', settings: { ...editor.settings, messageTemplates: cleared }, expectedVersion: editor.version, requestId: `msgtpl_${Date.now().toString(36)}` });
  try {
    const { m, subscribe } = setup(u);
    await m.loadGrants();
    expect(m.askableKinds).toEqual([]);
    expect(m.fullySubscribed).toBe(true);
    await m.ask('member');
    expect(m.sheet).toBeUndefined();
    expect(subscribe.calls).toEqual([]);
    expect(m.notice?.notice.text).toBe('店铺还没有开通消息通知，暂时无需订阅。');
  } finally {
    const now = await settings({ action: 'editor' });
    await settings({ action: 'update', settings: { ...now.settings, messageTemplates: t }, expectedVersion: now.version, requestId: `msgtpl_${Date.now().toString(36)}r` });
  }
});
