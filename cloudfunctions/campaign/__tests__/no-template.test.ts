import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../../../shared/promotions/campaign';
import { DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { contactIdOf, deliveryIdOf, grantIdOf, type DeliveryDoc, type GrantDoc, type MessageDoc } from '../../_campaigns/docs';
import { COLL } from '../../_kit/collections';

/**
 * A deployed store before 设置 › 消息模板 is filled in: template ids are per Mini Program and have
 * no default (issue 14), so nothing is sent — no cloud call with a made-up id. Each message is
 * skipped with its reason and counted (未配置消息模板), and the customer keeps the subscription and
 * the contact-cap slot for when the template is configured.
 */

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
  const editor = (await s.call(OP, 'settings', { action: 'editor' })).data;
  const t = editor.settings.messageTemplates;
  const cleared = { promotion: { ...t.promotion, templateId: '' }, renewal: { ...t.renewal, templateId: '' } };
  expect((await s.call(OP, 'settings', { action: 'update', settings: { ...editor.settings, messageTemplates: cleared }, expectedVersion: editor.version, requestId: s.rid('tpl') })).ok).toBe(true);
});
afterAll(async () => {
  await s.clock(0);
  await s.close();
});

const OP = 'op_admin';
const calls = async (openid: string) => (await getAll(s.db(), 'message_calls', { openid })).length;
const accept = async (openid: string) => expect((await s.call(openid, 'messages', { action: 'subscribeResult', results: { promotion: 'accept', renewal: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);

test('a campaign: the preview says why nobody will get it, the launch skips everyone as no-template, grants and cap untouched', async () => {
  const u = 'nt_buyer';
  const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  await s.pay(r.data.payment.outTradeNo);
  await accept(u);
  const created = await s.call(OP, 'campaign', { action: 'create', campaign: { ...firstThreePurchaseTemplate(Date.now() - 1_000), holdoutPercent: 0 }, requestId: s.rid('cmp') });
  expect(created.error).toBeUndefined();
  const id = created.data._id as string;

  const preview = await s.call(OP, 'campaign', { action: 'preview', campaignId: id });
  expect(preview.data).toMatchObject({ audience: 1, reachable: 0, noTemplate: 1, noGrant: 0 });

  let status = 'launching';
  for (let i = 0; i < 20 && status === 'launching'; i++) status = (await s.call(OP, 'campaign', { action: 'launch', campaignId: id, requestId: s.rid('launch') })).data.status;
  expect(status).toBe('live');
  expect((await getById<DeliveryDoc>(s.db(), COLL.campaign_deliveries, deliveryIdOf(id, u)))!.outcome).toBe('no-template');
  expect(await calls(u)).toBe(0);
  expect((await getById<GrantDoc>(s.db(), COLL.subscription_grants, grantIdOf(u, 'promotion')))!.remaining).toBe(1);
  expect(await getById(s.db(), COLL.contact_records, contactIdOf(u))).toBeNull();
  expect((await s.call(OP, 'campaign', { action: 'report', campaignId: id })).data.counts).toMatchObject({ audience: 1, sent: 0, noTemplate: 1 });
  // Nothing was called, so nothing about the permission is recorded either.
  expect(await getById(s.db(), 'platform_health', 'campaign:subscribeMessage.send')).toBeNull();
});

test('a renewal reminder: skipped with the reason in words, counted, not sent', async () => {
  const u = 'nt_member';
  const m = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
  await s.pay(m.data.payment.outTradeNo);
  await accept(u);
  const expiresAt = (await s.call(u, 'membership', { action: 'status' })).data.expiresAt as number;
  await s.trigger('campaign'); // establishes the run window
  await s.clock(expiresAt - 30 * DAY_MS - Date.now() + 60_000);
  const tick = await s.trigger('campaign');
  expect(tick.data.reminders).toMatchObject({ sent: 0, noTemplate: 1 });
  const [msg] = await getAll<MessageDoc>(s.db(), COLL.messages, { openid: u, kind: 'renewal' });
  expect(msg).toMatchObject({ state: 'skipped', error: { code: 'no-template', message: expect.stringContaining('未配置「会员到期提醒」订阅消息模板') } });
  expect(await calls(u)).toBe(0);
  expect((await getById<GrantDoc>(s.db(), COLL.subscription_grants, grantIdOf(u, 'renewal')))!.remaining).toBe(1);
});
