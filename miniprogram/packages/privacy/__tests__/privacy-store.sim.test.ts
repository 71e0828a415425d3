import type { Envelope } from '@shared/errors/envelope';
import { FakeCsvFiles, FakePrivacyAuth, servicesOver } from '../../../__tests__/support/fake-services';
import { failingBackend } from '../../../__tests__/support/seed-cloud';
import type { DeletionResult, ExportPage, PrivacyService, PrivacySummary } from '../../../services/privacy';
import { privacyAuthOf, registerPrivacyAuthorization } from '../../../stores/privacy-auth-store';
import { RootStore } from '../../../stores/root-store';
import { privacyOf } from '../stores';

/**
 * The 隐私与数据 store and the privacy prompt's store over fakes of their *services*: the export
 * assembles one JSON document from the pages (and leaves nothing behind when a page fails); a
 * deletion keeps its request id across a lost reply and keeps calling while the server says
 * `running`; done, the app forgets the customer; an account switch answers a held privacy prompt.
 */
const SUMMARY: PrivacySummary = { groups: [], blockers: [], warnings: [], deletionRunning: false };
const running = (n: number): DeletionResult => ({ state: 'running', requestedAt: 1, deleted: { events: n }, anonymised: {}, redacted: {} });
const done: DeletionResult = { state: 'done', requestedAt: 1, finishedAt: 2, deleted: { events: 3 }, anonymised: { orders: 1 }, redacted: {} };

class FakePrivacy implements PrivacyService {
  readonly deletes: string[] = [];
  readonly exports: Array<string | undefined> = [];
  pages: Array<Envelope<ExportPage>> = [];
  deletions: Array<Envelope<DeletionResult>> = [];
  summaries: Array<Envelope<PrivacySummary>> = [];
  async summary() {
    return this.summaries.shift() ?? { ok: true as const, data: SUMMARY };
  }
  async exportPage(cursor?: string) {
    this.exports.push(cursor);
    return this.pages.shift()!;
  }
  async deleteAccount(requestId: string) {
    this.deletes.push(requestId);
    return this.deletions.shift()!;
  }
}

function setup() {
  const privacy = new FakePrivacy();
  const files = new FakeCsvFiles();
  const auth = new FakePrivacyAuth();
  const root = new RootStore(servicesOver(failingBackend('INTERNAL', ''), { privacy, csvFile: files, privacyAuth: auth }));
  return { root, privacy, files, auth, store: privacyOf(root) };
}

const page = (n: number, nextCursor: string | null): Envelope<ExportPage> => ({
  ok: true,
  data: { openid: 'me', exportedAt: Date.UTC(2026, 4, 1), nextCursor, documents: Array.from({ length: n }, (_, i) => ({ collection: 'orders', label: '订单', document: { _id: `ord_${nextCursor ?? 'end'}_${i}` } })) },
});

test('export: the pages become one valid JSON document, written as they arrive', async () => {
  const { store, privacy, files } = setup();
  privacy.pages = [page(2, 'c1'), page(0, 'c2'), page(1, null)];
  await store.exportData();
  expect(privacy.exports).toEqual([undefined, 'c1', 'c2']);
  expect(files.files).toHaveLength(1);
  expect(files.files[0]).toMatchObject({ fileName: expect.stringMatching(/^my-data-\d{4}-\d{2}-\d{2}\.json$/), state: 'finished' });
  const json = JSON.parse(files.files[0].pages.join(''));
  expect(json).toMatchObject({ openid: 'me', exportedAt: '2026-05-01T00:00:00.000Z' });
  expect(json.documents.map((d: { document: { _id: string } }) => d.document._id)).toEqual(['ord_c1_0', 'ord_c1_1', 'ord_end_0']);
  expect(store.exportNotice?.text).toBe('已导出 3 条记录，文件已保存在手机上，点「发送到聊天」即可转存到电脑。');
  expect(store.canShare).toBe(true);
  await store.share();
  expect(files.shared).toHaveLength(1);
});

test('export: a failed page discards the file and says so', async () => {
  const { store, privacy, files } = setup();
  privacy.pages = [page(2, 'c1'), { ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } }];
  await store.exportData();
  expect(files.files[0].state).toBe('discarded');
  expect(store.exportNotice).toEqual({ tone: 'error', text: '导出失败：网络异常，请检查网络后重试。' });
  expect(store.saved).toBeUndefined();
});

test('delete: a lost reply keeps the request id; running is called again; done forgets the customer', async () => {
  const { root, store, privacy } = setup();
  await store.load();
  store.askDelete();
  privacy.deletions = [{ ok: false, error: { code: 'INTERNAL', message: '网络异常，请检查网络后重试。' } }];
  await store.confirmDelete();
  expect(store.notice).toEqual({ tone: 'error', text: '网络异常，请检查网络后重试。' });
  const reset = jest.spyOn(root, 'forgetCustomer');
  privacy.deletions = [{ ok: true, data: running(1) }, { ok: true, data: running(2) }, { ok: true, data: done }];
  await store.confirmDelete();
  expect(new Set(privacy.deletes).size).toBe(1);
  expect(privacy.deletes).toHaveLength(4);
  expect(reset).toHaveBeenCalledTimes(1);
  expect(store.deleted).toEqual(done);
  expect(store.confirmingDelete).toBe(false);
  // Another deletion later (a new customer by then) is a new request.
  privacy.deletions = [{ ok: true, data: done }];
  await store.confirmDelete();
  expect(privacy.deletes[4]).not.toBe(privacy.deletes[0]);
});

test('delete refused: the blockers replace the summary\'s, the dialog closes, a new attempt is a new request', async () => {
  const { store, privacy } = setup();
  await store.load();
  store.askDelete();
  const blockers = [{ code: 'BALANCE_OUTSTANDING' as const, message: '您的储值余额还有本金 ¥10。', go: 'wallet' as const }];
  privacy.deletions = [{ ok: false, error: { code: 'ACCOUNT_DELETION_BLOCKED', message: '暂时不能注销账号。', details: { blockers } } }];
  await store.confirmDelete();
  expect(store.blockers).toEqual(blockers);
  expect(store.confirmingDelete).toBe(false);
  expect(store.notice?.text).toBe('暂时不能注销账号，请先处理下面列出的事项。');
  privacy.deletions = [{ ok: true, data: done }];
  await store.confirmDelete();
  expect(privacy.deletes[1]).not.toBe(privacy.deletes[0]);
});

test('a deletion paused by money arriving after it began: the reasons, said as a pause that carries on by itself', async () => {
  const { store, privacy } = setup();
  privacy.summaries = [{ ok: true, data: { ...SUMMARY, deletionRunning: true } }];
  const blockers = [{ code: 'AWAITING_SHIPMENT' as const, message: '您有 1 笔订单正在等待发货。', go: 'orders' as const }];
  privacy.deletions = [{ ok: false, error: { code: 'ACCOUNT_DELETION_BLOCKED', message: '账号注销已暂停。', details: { blockers, state: 'blocked' } } }];
  await store.load();
  expect(store.blockers).toEqual(blockers);
  expect(store.notice?.text).toBe('注销已暂停：注销开始后又有款项或订单需要处理。请先处理下面列出的事项，处理完成后注销会自动继续。');
  expect(store.deleted).toBeUndefined();
});

test('a deletion found running when the page opens is carried on', async () => {
  const { store, privacy } = setup();
  privacy.summaries = [{ ok: true, data: { ...SUMMARY, deletionRunning: true } }];
  privacy.deletions = [{ ok: true, data: running(1) }, { ok: true, data: done }];
  await store.load();
  expect(privacy.deletes).toHaveLength(2);
  expect(store.deleted).toEqual(done);
});

test('the privacy prompt: registered once; an account switch answers a held call with disagree', () => {
  const { root, auth } = setup();
  expect(registerPrivacyAuthorization(root)).toBe(true);
  const answers = auth.need();
  expect(privacyAuthOf(root).open).toBe(true);
  root.signOutDev();
  expect(answers).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  expect(privacyAuthOf(root).open).toBe(false);
  privacyAuthOf(root).openContract();
  expect(auth.contractsOpened).toBe(1);
});
