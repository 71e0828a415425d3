import { autorun } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import type { CampaignView as ServerCampaignView } from '../../../../cloudfunctions/campaign/use-cases';
import type { CampaignPreview as ServerPreview } from '../../../../cloudfunctions/campaign/preview';
import type { CampaignReport as ServerReport } from '../../../../cloudfunctions/_campaigns/report';
import type { InboxItem as ServerInboxItem } from '../../../../cloudfunctions/messages/inbox';
import type { GrantsView as ServerGrants } from '../../../../cloudfunctions/_campaigns/grants';
import type { CampaignPreviewView, CampaignReportView, CampaignView, GrantsView, InboxItem } from '@shared/promotions/campaign-views';
import { acceptAs, buyAs, couponTemplateAs, travelTo } from '../../../__tests__/support/campaign-seed';
import { servicesOver } from '../../../__tests__/support/fake-services';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { callAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { waitFor } from '../../../__tests__/support/wait-for';
import { createCampaignService, type CampaignService } from '../../../services/campaign';
import { RootStore } from '../../../stores/root-store';
import { launchProgress } from '../format/campaign';
import { fromShanghai } from '../format/datetime';
import { campaignConsoleOf } from '../stores/campaign-console';
import { CampaignDetailStore } from '../stores/campaign-detail';

/**
 * The campaign console's stores (ops subpackage) over the real service modules and the REAL local
 * server (gateway → campaign function → emulator). Customers are made by buying and accepting the
 * subscription prompt through the gateway; 40 days pass on the server's clock. The launch loop's
 * many-steps case (the server works ~5 s per call, which a handful of customers never needs) uses
 * a scripted CampaignService.
 */
jest.setTimeout(240_000);

// The wire types the Mini Program reads must stay what the server answers (compile-time check).
const wire = {
  view: (v: ServerCampaignView): CampaignView => v,
  preview: (p: ServerPreview): CampaignPreviewView => p,
  report: (r: ServerReport): CampaignReportView => r,
  inbox: (i: ServerInboxItem): InboxItem => i,
  grants: (g: ServerGrants): GrantsView => g,
};
void wire;

const DAY_MS = 86_400_000;
let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
let coupon: string;

beforeAll(async () => {
  server = await spawnLocalServer();
  gw = switchableGateway(server.url, 'op_admin');
  // One purchase each; two accepted the subscription; then 40 days pass → 沉默.
  for (const u of ['cs_silent_a', 'cs_silent_b', 'cs_nogrant']) await buyAs(server.url, u, 'prd_mask');
  await acceptAs(server.url, 'cs_silent_a');
  await acceptAs(server.url, 'cs_silent_b');
  await travelTo(server.url, 40 * DAY_MS);
  // Bought just now → 活跃: content only, so a coupon campaign is "too deep" for them.
  await buyAs(server.url, 'cs_active', 'prd_mask');
  await acceptAs(server.url, 'cs_active');
  coupon = await couponTemplateAs(server.url);
});
afterAll(() => server?.close());
beforeEach(() => gw.as('op_admin'));

/** A RootStore over the gateway; `sent` lists every campaign action that reached it. */
function setup() {
  const sent: string[] = [];
  const root = new RootStore(servicesOver((name, data) => (name === 'campaign' && sent.push(String(data.action)), gw.backend(name, data))));
  return { root, cc: campaignConsoleOf(root), sent };
}

test('a customer gets FORBIDDEN from every campaign store (shown as 仅运营人员可访问此页面)', async () => {
  gw.as('cs_nosy');
  const { cc } = setup();
  await cc.list.list.load();
  await cc.edit.load();
  await cc.detail.open('cmp_any');
  expect([cc.list.list.forbidden, cc.edit.read.forbidden, cc.detail.read.forbidden]).toEqual([true, true, true]);
  expect(cc.edit.templates).toEqual([]);
});

test('新建活动 from the template: prefilled; problems are shown per field before anything is sent', async () => {
  const { cc, sent } = setup();
  const e = cc.edit;
  await e.load();
  e.start('first-three-purchase');
  const f = e.form!;
  // The template comes with a small next-purchase coupon chosen, and the content message for 活跃 customers.
  expect(f).toMatchObject({ template: 'first-three-purchase', name: '首三单复购', couponTemplateId: coupon, title: '您有一张复购券待使用', contentTitle: '为您挑选了几款好物', holdout: '10', attributionDays: '14' });
  expect(f.clauses).toEqual([['purchases:1'], ['purchases:2'], ['purchases:0', 'trial:unconverted']]);
  // Start is the SERVER's now (its clock is 40 days ahead of this machine's).
  expect(fromShanghai(f.startDate, f.startTime)!).toBeGreaterThan(Date.now() + 39 * DAY_MS);
  expect(e.coupons.map((c) => c.templateId)).toContain(coupon);

  e.set('title', '');
  e.set('detail', '这一句话超过了二十个字的限制所以不能发出去的');
  e.set('endDate', '2020-01-01');
  e.set('holdout', '60');
  expect(await e.save()).toBeUndefined();
  expect(e.errors).toMatchObject({ title: '请填写消息标题', detail: '消息内容最多 20 个字', end: '结束时间必须晚于开始时间' });
  expect(sent).toEqual(['templates']);
  e.set('holdout', '10');
  e.set('title', '您有一张复购券待使用');
  e.set('detail', '下单自动抵扣，限时有效');
  e.set('endDate', f.endDate);
  // Audience: every clause removed → asked to pick one; a key added back with 且.
  for (let i = e.form!.clauses.length - 1; i >= 0; i--) e.removeClause(i);
  expect(await e.runPreview()).toBe(false);
  expect(e.errors.clauses).toBe('请至少选择一个分群作为目标人群');
  expect(sent).toEqual(['templates']);
  e.addClause();
  expect(e.picking).toBe(0);
  e.addKey(0, 'purchases:1');
  e.addKey(0, 'purchases:1');
  expect(e.form!.clauses).toEqual([['purchases:1']]);
  expect(e.errors.clauses).toBeUndefined();
  // The picker lists segments with Chinese names and sizes.
  const purchases = e.families.find((x) => x.id === 'purchases')!;
  expect(purchases.segments.find((s) => s.key === 'purchases:1')).toMatchObject({ label: '购买 1 次', count: 4 });
});

test('预览: audience, holdout, reachable and what the contact policy and grants hold back; a changed form is stale', async () => {
  const { cc } = setup();
  const e = cc.edit;
  await e.load();
  e.start('first-three-purchase');
  e.set('couponTemplateId', coupon);
  e.set('holdout', '0');
  expect(await e.runPreview()).toBe(true);
  // Coupons for the 沉默 three, the content message for the 活跃 one: nobody is left out by the policy.
  expect(e.preview).toMatchObject({ audience: 4, holdout: 0, reachable: 3, coupons: 3, contentOnly: 1, offerTooDeep: 0, noGrant: 1, capped: 0, estimated: false });
  expect(e.preview!.byStage).toMatchObject({ silent: 3, active: 1 });
  expect(e.previewStale).toBe(false);
  // Without the content message the active customer gets nothing (优惠超出阶段).
  e.set('contentTitle', '');
  e.set('contentDetail', '');
  expect(e.previewStale).toBe(true);
  await e.runPreview();
  expect(e.preview).toMatchObject({ audience: 4, reachable: 2, coupons: 3, contentOnly: 0, offerTooDeep: 1, noGrant: 1 });
  e.set('couponTemplateId', '');
  // No coupon: one message for every stage.
  await e.runPreview();
  expect(e.preview).toMatchObject({ audience: 4, reachable: 3, coupons: 0, offerTooDeep: 0, noGrant: 1 });
});

test('预览 of a new form holds out whom its launch holds out; 编辑草稿 and 删除草稿', async () => {
  const { cc } = setup();
  const e = cc.edit;
  await e.load();
  e.start('first-three-purchase');
  e.set('holdout', '50');
  expect(await e.runPreview()).toBe(true);
  const held = e.preview!.holdout;
  const id = (await e.save())!;
  // The saved draft previews the same split (same id as the unsaved form's preview used).
  expect(((await createCampaignService(async (n, d) => (await gw.backend(n, d)) as never).preview({ campaignId: id })) as { ok: true; data: { holdout: number } }).data.holdout).toBe(held);

  await e.openDraft(id);
  expect(e.editingId).toBe(id);
  expect(e.form).toMatchObject({ name: '首三单复购', holdout: '50' });
  e.set('name', '首三单复购（改）');
  expect(await e.runPreview()).toBe(true);
  expect(e.preview!.holdout).toBe(held);
  expect(await e.save()).toBe(id);
  expect(e.editingId).toBeUndefined();

  const d = cc.detail;
  await d.open(id);
  expect(d.view).toMatchObject({ name: '首三单复购（改）', status: 'draft' });
  d.askRemove();
  expect(d.confirmingRemove).toBe(true);
  expect(await d.remove()).toBe(true);
  await d.open(id);
  expect(d.read.error).toBe('活动不存在，请返回列表刷新。');
});

test('保存 → 发布: the detail follows the launch to 进行中; the report counts it; pause and resume', async () => {
  const { cc } = setup();
  const e = cc.edit;
  await e.load();
  e.start('first-three-purchase');
  e.set('couponTemplateId', coupon);
  e.set('holdout', '0');
  const id = await e.save();
  expect(id).toMatch(/^cmp_/);
  expect(e.form).toBeUndefined();

  const d = cc.detail;
  await d.open(id!);
  expect(d.view).toMatchObject({ _id: id, status: 'draft', name: '首三单复购' });
  expect(d.toWalk).toBe(4);
  d.askLaunch();
  expect(d.confirming).toBe(true);
  await d.launch();
  expect(d.view!.status).toBe('live');
  expect(d.notice?.text).toBe('发布完成：目标 4 人，已发送 3 条消息，发券 3 张。');
  expect(d.report!.counts).toMatchObject({ audience: 4, treated: 4, sent: 3, offerTooDeep: 0, contentOnly: 1, noGrant: 1, couponsIssued: 3 });
  expect(launchProgress(d.view!, d.toWalk)).toEqual({ pct: 100, text: '发送完成' });

  await d.pause();
  expect(d.view!.status).toBe('paused');
  expect(d.notice?.text).toContain('已暂停');
  await d.resume();
  expect(d.view!.status).toBe('live');

  // The list shows it with its counters.
  await cc.list.list.load();
  expect(cc.list.list.items[0]).toMatchObject({ _id: id, status: 'live', stats: { sent: 3 } });
  // And the customer it reached has it in their inbox.
  const box = await callAs(server.url, 'cs_silent_a', 'messages', { action: 'inbox' });
  expect((box.data as { items: Array<{ title: string }> }).items.map((i) => i.title)).toEqual(['您有一张复购券待使用']);
});

/** A scripted campaign service: `launches` answer each launch call in turn (the rest goes to the real one). */
function scripted(real: CampaignService, launches: Array<() => Promise<Envelope<CampaignView>>>, pauses: Array<() => Promise<Envelope<CampaignView>>> = []) {
  const calls: Array<{ action: string; requestId?: string }> = [];
  const svc: CampaignService = {
    ...real,
    launch: (id, requestId) => (calls.push({ action: 'launch', requestId }), launches.shift()!()),
    pause: (id, requestId) => (calls.push({ action: 'pause', requestId }), pauses.shift()!()),
  };
  return { svc, calls };
}

test('the launch loop calls again while launching, with one request id, and shows progress until done', async () => {
  const { root, cc } = setup();
  const real = createCampaignService(async (name, data) => (await gw.backend(name, data)) as never);
  await cc.edit.load();
  cc.edit.start('first-three-purchase');
  const id = (await cc.edit.save())!;
  const draft = (await real.get(id)) as { ok: true; data: CampaignView };
  const step = (status: CampaignView['status'], processed: number, version: number) => async () => ({ ok: true as const, data: { ...draft.data, status, processed, version, launch: { clause: 0, done: status !== 'launching' } } });
  const { svc, calls } = scripted(real, [step('launching', 40, 3), step('launching', 80, 4), step('live', 100, 5)]);
  const d = new CampaignDetailStore(svc, root.services.segment, root.intents);
  await d.open(id);
  d.toWalk = 100;
  const seen: number[] = [];
  const stop = autorun(() => d.view && seen.push(launchProgress(d.view, d.toWalk).pct));
  await d.launch();
  stop();
  expect(calls.map((c) => c.action)).toEqual(['launch', 'launch', 'launch']);
  expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
  expect(seen).toEqual([0, 40, 80, 100]);
  expect(d.looping).toBe(false);
  expect(d.view!.status).toBe('live');
});

test('暂停 during a launch: the loop stops at the next answer; an older answer never undoes the pause', async () => {
  const { root, cc } = setup();
  const real = createCampaignService(async (name, data) => (await gw.backend(name, data)) as never);
  await cc.edit.load();
  cc.edit.start('first-three-purchase');
  const id = (await cc.edit.save())!;
  const draft = ((await real.get(id)) as { ok: true; data: CampaignView }).data;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const { svc, calls } = scripted(
    real,
    [
      async () => ({ ok: true, data: { ...draft, status: 'launching', processed: 10, version: 3 } }),
      // Sent before the pause landed, answered after it: version 4 < the pause's 5.
      async () => (await gate, { ok: true, data: { ...draft, status: 'launching', processed: 20, version: 4 } }),
      async () => ({ ok: true, data: { ...draft, status: 'paused', pausedFrom: 'launching', processed: 20, version: 5 } }),
    ],
    [async () => ({ ok: true, data: { ...draft, status: 'paused', pausedFrom: 'launching', processed: 10, version: 5 } })],
  );
  const d = new CampaignDetailStore(svc, root.services.segment, root.intents);
  await d.open(id);
  const launching = d.launch();
  await waitFor(() => calls.length === 2, 'the second launch call');
  await d.pause();
  expect(d.view!.status).toBe('paused');
  release();
  await launching;
  expect(d.view!.status).toBe('paused');
  // The late answer still said 发送中, but the pause (newer) stands, so the loop ends there.
  expect(calls.map((c) => c.action)).toEqual(['launch', 'launch', 'pause']);
  expect(d.notice?.text).toContain('已暂停');
});
