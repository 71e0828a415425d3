import { launchToEnd } from './launch-to-end';
import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate, inHoldout } from '../../../shared/promotions/campaign';
import { DAY_MS } from '../../../shared/time';
import { getAll } from '../../_kit/db';
import { idFromKey } from '../../_kit/ids';

/**
 * Issue 15 #10 and #11: a preview splits the holdout exactly as the launch will; drafts can be
 * edited and deleted (an expired draft is fixed by changing its time); a campaign past its end
 * becomes 已结束 without anyone launching it again.
 */

let s: TestStore;
let offset = 0;
const OP = 'op_admin';
const op = (body: Record<string, unknown>) => s.call(OP, 'campaign', body);
const serverNow = () => Date.now() + offset;
const CROWD = Array.from({ length: 8 }, (_, i) => `dr_c${i}`);

beforeAll(async () => {
  s = await startTestStore();
  for (const u of CROWD) {
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
    expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
    expect((await s.call(u, 'messages', { action: 'subscribeResult', results: { promotion: 'accept' }, requestId: s.rid('sub') })).ok).toBe(true);
  }
  offset = 40 * DAY_MS;
  await s.clock(offset);
  await s.trigger('segment');
});
afterAll(() => s.close());


test('a new form’s preview holds out exactly whom the launch holds out (same id, not a placeholder)', async () => {
  const held = (id: string) => CROWD.filter((u) => inHoldout(id, u, 30)).length;
  // A request id whose campaign splits differently from any placeholder id, so the test can tell them apart.
  let requestId = s.rid('hold');
  for (let i = 0; held(idFromKey('cmp', OP, requestId)) === held('preview') && i < 200; i++) requestId = s.rid('hold');
  const id = idFromKey('cmp', OP, requestId);
  expect(held(id)).not.toBe(held('preview'));
  const campaign = { ...firstThreePurchaseTemplate(serverNow() - 1_000), holdoutPercent: 30 };

  const p = await op({ action: 'preview', campaign, requestId });
  expect(p.error).toBeUndefined();
  expect(p.data).toMatchObject({ audience: 8, holdout: held(id) });
  // Without the request id the preview cannot know the split: it says so instead of guessing.
  expect((await op({ action: 'preview', campaign })).error).toMatchObject({ code: 'INVALID_INPUT' });

  const created = await op({ action: 'create', campaign, requestId });
  expect(created.data._id).toBe(id);
  expect((await op({ action: 'preview', campaignId: id })).data.holdout).toBe(p.data.holdout);
  await launchToEnd(s, id);
  const rep = (await op({ action: 'report', campaignId: id })).data;
  expect(rep.counts).toMatchObject({ audience: 8, holdout: p.data.holdout, treated: 8 - p.data.holdout });
});

test('drafts: edit (an expired one gets a new time and launches), delete; launched campaigns can be neither', async () => {
  const past = serverNow() - 3 * DAY_MS;
  const draft = { ...firstThreePurchaseTemplate(past), name: '过期草稿', schedule: { startAt: past, endAt: past + DAY_MS } };
  const id = (await op({ action: 'create', campaign: draft, requestId: s.rid('cmp') })).data._id as string;
  const refused = await op({ action: 'launch', campaignId: id, requestId: s.rid('l') });
  expect(refused.error).toMatchObject({ code: 'INVALID_STATE' });
  expect(refused.error!.message).toContain('编辑草稿');

  const fixed = { ...draft, name: '改过时间的草稿', schedule: { startAt: serverNow() - 1_000, endAt: serverNow() + 7 * DAY_MS } };
  const requestId = s.rid('upd');
  const upd = await op({ action: 'update', campaignId: id, campaign: fixed, requestId });
  expect(upd.error).toBeUndefined();
  expect(upd.data).toMatchObject({ _id: id, status: 'draft', name: '改过时间的草稿', schedule: fixed.schedule });
  // A retry of the same change is answered, not applied twice; the audit log has one entry with before/after.
  expect((await op({ action: 'update', campaignId: id, campaign: fixed, requestId })).data.version).toBe(upd.data.version);
  const audits = await getAll<{ action: string; before: { name: string }; after: { name: string } }>(s.db(), 'audit_log', { entityId: id, action: 'campaign.update' });
  expect(audits.map((a) => [a.before.name, a.after.name])).toEqual([['过期草稿', '改过时间的草稿']]);
  // Bad content changes nothing.
  expect((await op({ action: 'update', campaignId: id, campaign: { ...fixed, name: '' }, requestId: s.rid('upd') })).error).toMatchObject({ code: 'INVALID_INPUT' });
  expect((await op({ action: 'get', campaignId: id })).data.name).toBe('改过时间的草稿');

  expect((await launchToEnd(s, id)).status).toBe('live');
  expect((await op({ action: 'update', campaignId: id, campaign: fixed, requestId: s.rid('upd') })).error).toMatchObject({ code: 'INVALID_STATE' });
  expect((await op({ action: 'remove', campaignId: id, requestId: s.rid('rm') })).error).toMatchObject({ code: 'INVALID_STATE' });

  const other = (await op({ action: 'create', campaign: { ...fixed, name: '不要了' }, requestId: s.rid('cmp') })).data._id as string;
  const rm = await op({ action: 'remove', campaignId: other, requestId: s.rid('rm') });
  expect(rm.data).toEqual({ campaignId: other, removed: true });
  expect((await op({ action: 'get', campaignId: other })).error).toMatchObject({ code: 'NOT_FOUND' });
  expect((await getAll(s.db(), 'audit_log', { entityId: other, action: 'campaign.remove' })).length).toBe(1);
  // A customer can do neither.
  expect((await s.call('dr_c0', 'campaign', { action: 'update', campaignId: id, campaign: fixed, requestId: s.rid('x') })).error?.code).toBe('FORBIDDEN');
  expect((await s.call('dr_c0', 'campaign', { action: 'remove', campaignId: id, requestId: s.rid('x') })).error?.code).toBe('FORBIDDEN');
});

test('live and paused campaigns become 已结束 once their end time passes (the timer closes them)', async () => {
  const mk = async (name: string) => {
    const c = { ...firstThreePurchaseTemplate(serverNow() - 1_000), name, schedule: { startAt: serverNow() - 1_000, endAt: serverNow() + 2 * DAY_MS } };
    const id = (await op({ action: 'create', campaign: c, requestId: s.rid('cmp') })).data._id as string;
    expect((await launchToEnd(s, id)).status).toBe('live');
    return id;
  };
  const live = await mk('两天活动');
  const paused = await mk('暂停的活动');
  expect((await op({ action: 'pause', campaignId: paused, requestId: s.rid('p') })).data.status).toBe('paused');
  await s.trigger('campaign');
  expect((await op({ action: 'get', campaignId: live })).data.status).toBe('live');

  offset += 3 * DAY_MS;
  await s.clock(offset);
  await s.trigger('campaign');
  expect((await op({ action: 'get', campaignId: live })).data).toMatchObject({ status: 'ended' });
  expect((await op({ action: 'get', campaignId: paused })).data.status).toBe('ended');
  expect((await op({ action: 'resume', campaignId: paused, requestId: s.rid('r') })).error).toMatchObject({ code: 'INVALID_STATE' });
});
