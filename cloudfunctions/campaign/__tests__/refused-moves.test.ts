import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { firstThreePurchaseTemplate } from '../../../shared/promotions/campaign';
import { DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { COLL } from '../../_kit/collections';

/**
 * Issue 16 #2, campaigns: a move the campaign table does not list is refused (INVALID_STATE) and
 * changes nothing — neither the campaign nor the audit log — through the real SDK and the emulator.
 */
let s: TestStore;
const OP = 'op_admin';
const op = (body: Record<string, unknown>) => s.call(OP, 'campaign', body);
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

test.each([
  ['pause', '草稿', '暂停'],
  ['resume', '草稿', '继续'],
])('%s a draft: refused, the draft and the audit log unchanged', async (what, label, verb) => {
  const now = Date.now();
  const created = await op({ action: 'create', campaign: { ...firstThreePurchaseTemplate(now), schedule: { startAt: now, endAt: now + 7 * DAY_MS } }, requestId: s.rid('cmp') });
  expect(created.ok).toBe(true);
  const id = created.data._id as string;
  const before = await getById(s.db(), COLL.campaigns, id);
  const audits = (await getAll(s.db(), COLL.audit_log, {}, { max: 1000 })).length;
  const res = await op({ action: what, campaignId: id, requestId: s.rid('mv') });
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: `活动当前为「${label}」，不能${verb}。` } });
  expect(await getById(s.db(), COLL.campaigns, id)).toEqual(before);
  expect(before).toMatchObject({ status: 'draft' });
  expect((await getAll(s.db(), COLL.audit_log, {}, { max: 1000 })).length).toBe(audits);
});
