import { autorun, when } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { FakeCsvFiles, servicesOver } from '../../../__tests__/support/fake-services';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { answerInterest, buyAs, switchableGateway } from '../../../__tests__/support/segment-seed';
import { waitFor } from '../../../__tests__/support/wait-for';
import type { SegmentService, SyncJobView } from '../../../services/segment';
import { IntentIds } from '../../../services/request-id';
import { RootStore } from '../../../stores/root-store';
import { segmentConsoleOf } from '../stores/segment-console';
import { CsvExportStore, exportFileName } from '../stores/segment-export';
import { SegmentListStore } from '../stores/segment-list';
import { TagSyncStore } from '../stores/tag-sync';

/**
 * The segment console's stores (ops subpackage) over the real service modules and the REAL local
 * server (gateway + segment function + emulator): customers are made by buying and answering the
 * survey through the gateway. Only the platform's file primitive is faked (FakeCsvFiles), and the
 * tag-sync loop's WeCom answers the local server cannot give (busy, not configured) come from a
 * scripted SegmentService.
 */
jest.setTimeout(180_000);

let server: RunningLocalServer;
let gw: ReturnType<typeof switchableGateway>;
const WELLNESS = Array.from({ length: 25 }, (_, i) => `seg_st_${String(i).padStart(2, '0')}`);
const BUYER = 'seg_st_buyer';

beforeAll(async () => {
  server = await spawnLocalServer();
  gw = switchableGateway(server.url, 'op_admin');
  for (let i = 0; i < WELLNESS.length; i += 5) await Promise.all(WELLNESS.slice(i, i + 5).map((u) => answerInterest(server.url, u)));
  await buyAs(server.url, BUYER, 'prd_mask');
  await buyAs(server.url, BUYER, 'prd_tea');
});
afterAll(() => server?.close());
beforeEach(() => gw.as('op_admin'));

function setup() {
  const files = new FakeCsvFiles();
  const root = new RootStore(servicesOver(gw.backend, { csvFile: files }));
  return { root, files, seg: segmentConsoleOf(root), services: root.services };
}

test('a customer gets FORBIDDEN on every store of the console (shown as 仅运营人员可访问此页面)', async () => {
  gw.as('seg_st_nosy');
  const { seg } = setup();
  await seg.dashboard.load();
  seg.list.open('purchases:2');
  await waitFor(() => seg.list.list.forbidden, 'list forbidden');
  await seg.customer.open(BUYER);
  await seg.wecom.load();
  expect([seg.dashboard.read.forbidden, seg.customer.read.forbidden, seg.wecom.forbidden]).toEqual([true, true, true]);
  expect(seg.dashboard.counts).toBeUndefined();
  expect(seg.customer.view).toBeUndefined();
});

test('dashboard: counts grouped in families with Chinese names; a purchase shows as +1 since the visit began', async () => {
  const { seg } = setup();
  seg.dashboard.startVisit();
  await seg.dashboard.load();
  const families = seg.dashboard.families;
  expect(families.map((f) => f.title)).toEqual(['分层', '生命周期', '购买次数', '体验未转化', '会员', '临近档位', '问卷标签', '跟进事实']);
  // Facts staff record in one-to-one follow-ups are segments too (0 until someone records one).
  expect(families.find((f) => f.id === 'fact')!.segments.map((x) => x.label)).toContain('问了有效期');
  const purchases = families.find((f) => f.id === 'purchases')!;
  expect(purchases.segments.map((s) => s.label)).toEqual(['未购买', '购买 1 次', '购买 2 次', '购买 3 次及以上']);
  const wellness = families.find((f) => f.id === 'tag')!.segments.find((s) => s.key === 'tag:interest-wellness')!;
  expect(wellness).toMatchObject({ label: '健康 / 养护', count: WELLNESS.length, hint: '问卷「您关注的品类（可多选）」选择了「健康 / 养护」。' });
  expect(families.find((f) => f.id === 'life')!.segments[1]).toMatchObject({ label: '沉默', hint: '距上次购买超过 30 天、不超过 90 天。' });
  const before = seg.dashboard.counts!['purchases:1'];

  await buyAs(server.url, 'seg_st_new', 'prd_mask');
  await seg.dashboard.load();
  expect(seg.dashboard.counts!['purchases:1']).toBe(before + 1);
  expect(seg.dashboard.delta('purchases:1')).toBe(1);
  expect(seg.dashboard.delta('purchases:2')).toBe(0);
  expect(seg.dashboard.countedAt).toEqual(expect.any(Number));
});

test('list: 10 a page by the stable openid cursor, 加载更多 until the end — everyone once, in order, total = count', async () => {
  const { services } = setup();
  const list = new SegmentListStore(services.segment, 10);
  list.open('tag:interest-wellness');
  await waitFor(() => list.list.loaded, 'first page');
  expect(list.total).toBe(WELLNESS.length);
  expect(list.list.items).toHaveLength(10);
  while (list.list.hasMore) await list.list.loadMore();
  const ids = list.list.items.map((m) => m.openid);
  expect(ids).toEqual(WELLNESS);
  expect(list.list.items[0]).toMatchObject({ layer: 'engaged', purchases: 0, tags: ['interest-wellness'] });
});

test('export: progress per page, the file equals the list (header + BOM first), done says where it is', async () => {
  const { services, files } = setup();
  const x = new CsvExportStore(services.segment, files, 10, () => Date.UTC(2026, 4, 20, 2, 3));
  const seen: string[] = [];
  const stop = autorun(() => seen.push(x.progressText));
  await x.start('tag:interest-wellness');
  stop();
  expect(seen).toEqual(['已导出 0 行', '已导出 10 / 25 行', '已导出 20 / 25 行', '已导出 25 / 25 行']);
  expect(x.state).toBe('done');
  expect(files.files).toHaveLength(1);
  const f = files.files[0];
  expect(f).toMatchObject({ fileName: 'segment_tag-interest-wellness_20260520-1003.csv', state: 'finished' });
  expect(f.pages).toHaveLength(3);
  const lines = f.pages.join('').split('\r\n').filter(Boolean);
  expect(lines[0].startsWith('\uFEFFopenid,unionid,layer,life,member,purchases')).toBe(true);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(WELLNESS);
  expect(x.notice?.text).toContain('已导出 25 行，文件 segment_tag-interest-wellness_20260520-1003.csv 已保存在本机');
  expect(x.canShare).toBe(true);
  await x.share();
  expect(files.shared).toEqual([x.saved]);
});

test('export: 取消 mid-way stops after the page in flight, deletes the partial file and asks for no more pages', async () => {
  const { services, files } = setup();
  const pages: Array<string | undefined> = [];
  const counting: SegmentService = { ...services.segment, exportPage: (key, cursor, limit) => (pages.push(cursor), services.segment.exportPage(key, cursor, limit)) };
  const x = new CsvExportStore(counting, files, 10);
  let release!: () => void;
  // Hold the second page's write: the operator taps 取消 while it is in flight.
  when(() => x.rows === 10, () => (files.gate = new Promise<void>((r) => (release = r))));
  const run = x.start('tag:interest-wellness');
  await waitFor(() => pages.length === 2 && release !== undefined, 'the second page in flight');
  expect(x.progressText).toBe('已导出 10 / 25 行');
  x.cancel();
  expect(x.state).toBe('cancelled');
  release();
  await run;
  expect(files.files[0].state).toBe('discarded');
  expect(pages).toHaveLength(2);
  expect(x.rows).toBe(10);
  expect(x.notice).toEqual({ tone: 'error', text: '已取消导出（已读取 10 行，未生成文件）。' });
  expect(x.canShare).toBe(false);

  // Starting again starts over, with a new file.
  files.gate = undefined;
  await x.start('tag:interest-wellness');
  expect(x.state).toBe('done');
  expect(files.files.map((f) => f.state)).toEqual(['discarded', 'finished']);
});

test('export: a refused page ends it with the reason and leaves no file', async () => {
  const { services, files } = setup();
  gw.as('seg_st_nosy');
  const x = new CsvExportStore(services.segment, files, 10);
  await x.start('tag:interest-wellness');
  expect(x.state).toBe('failed');
  expect(x.notice?.text).toMatch(/^导出失败：/);
  expect(files.files[0].state).toBe('discarded');
});

test('file names are ASCII: the key and the Shanghai time', () => {
  expect(exportFileName('purchases:3plus', Date.UTC(2026, 0, 2, 16, 30))).toBe('segment_purchases-3plus_20260103-0030.csv');
  expect(exportFileName('tag:行业', 0)).toBe('segment_tag-_19700101-0800.csv');
});

test('one customer: facts, both orders, the timeline newest first; an unknown openid is NOT_FOUND', async () => {
  const { seg } = setup();
  await seg.customer.open(BUYER);
  const v = seg.customer.view!;
  expect(v.facts).toMatchObject({ purchases: 2, qualifyingSpendFen: 32_600, layer: 'paying', life: 'active' });
  expect(v.orders).toHaveLength(2);
  await waitFor(() => seg.customer.timeline.loaded, 'timeline');
  const items = seg.customer.timeline.items;
  expect(items.filter((i) => i.type === 'order.paid')).toHaveLength(2);
  expect([...items].sort((a, b) => b.at - a.at)).toEqual(items);
  expect(seg.customer.orderTitle(items.find((i) => i.type === 'order.paid')!.orderId)).toEqual(expect.any(String));

  await seg.customer.open('seg_st_nobody');
  expect(seg.customer.notFound).toBe(true);
  expect(seg.customer.view).toBeUndefined();
});

test('tag sync through the local recorder: the tag id is checked first; then every member tagged; the log shows the calls', async () => {
  const { seg } = setup();
  const sync = seg.sync;
  sync.open('tag:interest-wellness');
  sync.setTagId('bad id!');
  await sync.start();
  expect(sync.inputError).toContain('标签 ID 只能包含字母、数字、- 或 _');
  sync.setTagId('etStore01');
  await sync.start();
  expect(sync.job).toMatchObject({ state: 'done', tagged: WELLNESS.length, processed: WELLNESS.length, mode: 'local-recorder' });
  expect(sync.notice?.text).toContain(`已同步到标签 etStore01：打上标签 ${WELLNESS.length} 人。本地模式`);

  await seg.wecom.load(sync.job!.jobId);
  expect(seg.wecom.mode).toBe('local-recorder');
  expect(seg.wecom.job).toMatchObject({ tagId: 'etStore01' });
  expect(seg.wecom.calls.items).toHaveLength(WELLNESS.length);
  expect(seg.wecom.calls.items.map((c) => c.openid).sort()).toEqual(WELLNESS);
  expect(seg.wecom.calls.items[0].body.add_tag).toEqual(['etStore01']);
});

/** A SegmentService whose syncTags answers as scripted (the WeCom states the local server cannot produce). */
function scriptedSync(replies: Array<Envelope<SyncJobView>>) {
  const calls: Array<{ key: string; tagId: string; requestId: string }> = [];
  const service = {
    syncTags: async (key: string, tagId: string, requestId: string) => {
      calls.push({ key, tagId, requestId });
      return replies.shift() ?? { ok: false, error: { code: 'INTERNAL', message: '脚本已用完' } };
    },
  } as unknown as SegmentService;
  return { service, calls };
}

const job = (j: Partial<SyncJobView>): SyncJobView => ({
  jobId: 'wsy_1', key: 'purchases:1', tagId: 'etX', by: 'op_admin', mode: 'corp-api', state: 'running', cursor: null, total: 120,
  processed: 0, tagged: 0, skipped: 0, failed: 0, failures: [], createdAt: 1, updatedAt: 1, busy: false, more: true, ...j,
});

test('sync loop: calls again while more (waiting when busy), with ONE request id; 停止 + 继续同步 resume the same job', async () => {
  const { service, calls } = scriptedSync([
    { ok: true, data: job({ processed: 50, tagged: 48, skipped: 2 }) },
    { ok: true, data: job({ processed: 50, tagged: 48, skipped: 2, busy: true }) },
    { ok: true, data: job({ processed: 100, tagged: 97, skipped: 3 }) },
    { ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } },
    { ok: true, data: job({ processed: 120, tagged: 116, skipped: 3, failed: 1, state: 'done', more: false, failures: [{ openid: 'o1', errcode: 84061, errmsg: 'not external contact' }] }) },
  ]);
  const waits: number[] = [];
  const s = new TagSyncStore(service, new IntentIds(), async (ms) => void waits.push(ms));
  s.open('purchases:1');
  s.setTagId('etX');
  await s.start();
  expect(calls).toHaveLength(4);
  expect(new Set(calls.map((c) => c.requestId)).size).toBe(1);
  expect(waits).toEqual([1_500]);
  expect(s.running).toBe(false);
  expect(s.notice?.text).toBe('网络异常，请检查网络后重试。 点「继续同步」会接着上次的进度。');
  expect(s.progressText).toBe('已处理 100 / 120 人');

  await s.start(); // 继续同步: the same job, not a new one
  expect(calls[4].requestId).toBe(calls[0].requestId);
  expect(s.job).toMatchObject({ state: 'done', tagged: 116 });
  expect(s.notice).toEqual({ tone: 'error', text: '已同步到标签 etX：打上标签 116 人，跳过 3 人（不是企业微信联系人），失败 1 人（原因见同步记录）。' });
});

test('sync: WECOM_NOT_CONFIGURED says what to configure; 停止 keeps the job for 继续同步', async () => {
  const notConfigured = scriptedSync([{ ok: false, error: { code: 'WECOM_NOT_CONFIGURED', message: '尚未配置企业微信（WECOM_CORP_ID / WECOM_SECRET），无法同步标签。' } }]);
  const a = new TagSyncStore(notConfigured.service, new IntentIds(), async () => undefined);
  a.open('layer:paying');
  a.setTagId('etX');
  await a.start();
  expect(a.notice).toEqual({ tone: 'error', text: '尚未配置企业微信（WECOM_CORP_ID / WECOM_SECRET），无法同步标签。' });

  const stopped = scriptedSync([{ ok: true, data: job({ processed: 50 }) }, { ok: true, data: job({ processed: 100, state: 'done', more: false, tagged: 100 }) }]);
  const b = new TagSyncStore(stopped.service, new IntentIds(), async () => undefined);
  b.open('purchases:1');
  b.setTagId('etX');
  const first = stopped.service.syncTags;
  // 停止 while the first call is in flight: its answer still shows, but the loop calls no more.
  stopped.service.syncTags = async (...args) => {
    const r = await first(...args);
    if (stopped.calls.length === 1) queueMicrotask(() => b.stop());
    return r;
  };
  await b.start();
  expect(stopped.calls).toHaveLength(1);
  expect(b.notice?.text).toContain('已停止');
  expect(b.progressText).toBe('已处理 50 / 120 人');
  await b.start();
  expect(stopped.calls[1].requestId).toBe(stopped.calls[0].requestId);
  expect(b.job?.state).toBe('done');
});
