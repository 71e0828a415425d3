import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { inHoldout } from '../../../shared/promotions/campaign';
import { businessDate, DAY_MS } from '../../../shared/time';
import { followupEntryIdOf, type FollowupEntryDoc } from '../../../shared/documents';
import { profileIdOf, type CustomerProfile } from '../../../shared/segments/profile';
import { getAll, getById } from '../../_kit/db';
import { COLL } from '../../_kit/collections';

/**
 * Issue 19's follow-up lists through the real SDK and emulator: an operator turns 体验未转化 into a
 * list for two 跟进专员, each sees only their own customers, records contacts with facts (which
 * become `fact:<key>` segment keys), the contact cap needs a reason, a purchase of the full
 * product is credited once to the contact and its staff member, and bad input writes nothing.
 */
let s: TestStore;
const OP = 'op_admin';
const LI = 'staff_li';
const WANG = 'staff_wang';
const BUYERS = Array.from({ length: 12 }, (_, i) => `fu_c${String(i).padStart(2, '0')}`);
let listId = '';

beforeAll(async () => {
  s = await startTestStore();
  for (const u of BUYERS) await buy(u, 'prd_serum_trial');
}, 120_000);
afterAll(() => s.close());

async function buy(openid: string, productId: string) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data as { orderId: string; totalFen: number; payment: { outTradeNo: string } };
}

const today = () => businessDate(Date.now());
const inDays = (n: number) => businessDate(Date.now() + n * DAY_MS);
const fu = (openid: string, body: Record<string, unknown>) => s.call(openid, 'followup', body);
const createBody = (requestId: string, extra: Record<string, unknown> = {}) => ({
  action: 'create',
  title: '体验装转正装 · 精华',
  goal: 'trial-to-full',
  script: '您好，上次的精华体验装用得怎么样？正装会员价更划算。',
  factKeys: ['mentioned-price', 'asked-validity', 'asked-gifts'],
  dueDate: inDays(3),
  holdoutPercent: 40,
  staff: [LI, WANG],
  source: { kind: 'segment', key: 'trial:unconverted' },
  requestId,
  ...extra,
});
const entries = () => getAll<FollowupEntryDoc>(s.db(), COLL.followup_entries, { listId });
const contactsWritten = async () => (await getAll(s.db(), COLL.followup_contacts, {})).length;

test('an operator makes a list from 体验未转化: treated customers split between the staff, a holdout, no customer twice', async () => {
  const rid = s.rid('ful');
  const r = await fu(OP, createBody(rid));
  expect(r.error).toBeUndefined();
  listId = r.data.list.listId;
  const holdout = BUYERS.filter((o) => inHoldout(listId, o, 40));
  expect(r.data.list.counts).toEqual({ treated: BUYERS.length - holdout.length, holdout: holdout.length, skipped: 0 });
  expect(holdout.length).toBeGreaterThan(0);
  const all = await entries();
  expect(all).toHaveLength(BUYERS.length);
  const staffOf = all.filter((e) => e.group === 'treated').map((e) => e.staff);
  expect(new Set(staffOf)).toEqual(new Set([LI, WANG]));
  expect(all.filter((e) => e.group === 'holdout').every((e) => e.staff === undefined && e.dueAt === undefined)).toBe(true);

  // The same request again is the same list; another list for the same goal finds nobody free.
  const again = await fu(OP, createBody(rid));
  expect(again.data.list.listId).toBe(listId);
  expect(await entries()).toHaveLength(BUYERS.length);
  const second = await fu(OP, createBody(s.rid('ful')));
  expect(second.error?.code).toBe('NO_CUSTOMERS');
  expect((await getAll(s.db(), COLL.followup_lists, {})).length).toBe(1);
});

test('roles: staff see only their own lists and customers; customers and staff cannot create or read the execution view', async () => {
  expect((await fu('fu_c00', { action: 'lists' })).error?.code).toBe('FORBIDDEN');
  expect((await fu(LI, createBody(s.rid('ful')))).error?.code).toBe('FORBIDDEN');
  expect((await fu(LI, { action: 'execution', listId })).error?.code).toBe('FORBIDDEN');
  const all = await entries();
  const lis = all.filter((e) => e.staff === LI).map((e) => e.openid);
  const lists = await fu(LI, { action: 'lists' });
  expect(lists.data.lists.map((l: { listId: string; mine: number }) => [l.listId, l.mine])).toEqual([[listId, lis.length]]);
  const page = await fu(LI, { action: 'list', listId });
  expect(page.data.customers.map((c: { openid: string }) => c.openid).sort()).toEqual(lis.sort());
  const wangs = all.find((e) => e.staff === WANG)!.openid;
  expect((await fu(LI, { action: 'customer', listId, openid: wangs })).error?.code).toBe('NOT_ON_LIST');
  const held = all.find((e) => e.group === 'holdout')!.openid;
  expect((await fu(LI, { action: 'customer', listId, openid: held })).error?.code).toBe('NOT_ON_LIST');
  // A staff member not on the list sees nothing of it.
  const card = await fu(LI, { action: 'customer', listId, openid: lis[0] });
  expect(card.error).toBeUndefined();
  expect(card.data.highlights.map((h: { label: string }) => h.label)).toContain('体验装');
  expect(card.data.highlights.find((h: { label: string }) => h.label === '体验装').value).toContain('还没买正装');
});

const contact = (openid: string, extra: Record<string, unknown> = {}) => ({
  action: 'recordContact',
  listId,
  openid,
  channel: 'wecom',
  facts: { 'mentioned-price': 2, 'asked-validity': true, 'asked-gifts': false },
  objection: '价格太高',
  outcome: 'interested',
  nextDate: inDays(1),
  requestId: s.rid('fct'),
  ...extra,
});

test('bad input is refused with nothing written: unknown fact, negative count, wrong objection, a customer not on the list, a past date', async () => {
  const all = await entries();
  const mine = all.find((e) => e.staff === LI)!;
  const before = await contactsWritten();
  const refusals = [
    await fu(LI, contact(mine.openid, { facts: { 'asked-price-twice': true } })),
    await fu(LI, contact(mine.openid, { facts: { 'mentioned-price': -1 } })),
    await fu(LI, contact(mine.openid, { facts: { 'asked-validity': 3 } })),
    await fu(LI, contact(mine.openid, { objection: '随便写的' })),
    await fu(LI, contact(mine.openid, { nextDate: inDays(-1) })),
    await fu(LI, contact(mine.openid, { nextDate: undefined })),
  ];
  expect(refusals.map((r) => r.error?.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
  expect(refusals[0].error?.message).toContain('没有「asked-price-twice」这项事实');
  expect((await fu(LI, contact('fu_nobody'))).error?.code).toBe('NOT_ON_LIST');
  expect((await fu(LI, contact(all.find((e) => e.staff === WANG)!.openid))).error?.code).toBe('NOT_ON_LIST');
  expect(await contactsWritten()).toBe(before);
  const after = await getById<FollowupEntryDoc>(s.db(), COLL.followup_entries, mine._id);
  expect(after!.version).toBe(mine.version);
  expect(await getById(s.db(), COLL.contact_records, `cnt_${mine.openid}`)).toBeNull();
});

test('a contact records facts once (retry-safe); facts become fact:<key> segment keys; the cap needs a reason', async () => {
  const mine = (await entries()).find((e) => e.staff === LI)!;
  const body = contact(mine.openid);
  const first = await fu(LI, body);
  expect(first.error).toBeUndefined();
  const retry = await fu(LI, body);
  expect(retry.data.contact.contactId).toBe(first.data.contact.contactId);
  expect(first.data.contact.facts.map((f: { text: string }) => f.text)).toEqual(['提到价格 ×2', '问了有效期 ✓', '问了赠品 ✗']);
  const entry = (await getById<FollowupEntryDoc>(s.db(), COLL.followup_entries, mine._id))!;
  expect(entry.contacts).toHaveLength(1);
  const profile = (await getById<CustomerProfile>(s.db(), COLL.profiles, profileIdOf(mine.openid)))!;
  expect(profile.segments).toEqual(expect.arrayContaining(['fact:mentioned-price', 'fact:asked-validity']));
  expect(profile.segments).not.toContain('fact:asked-gifts');
  const seg = await s.call(OP, 'segment', { action: 'list', key: 'fact:asked-validity' });
  expect(seg.data.members.map((m: { openid: string }) => m.openid)).toEqual([mine.openid]);

  // A trial buyer is a prospect: 2 contacts per 7 days. The second is fine, the third needs a reason.
  expect((await fu(LI, contact(mine.openid, { channel: 'phone', facts: {} }))).error).toBeUndefined();
  const capped = await fu(LI, contact(mine.openid, { facts: {} }));
  expect(capped.error?.code).toBe('CONTACT_CAPPED');
  expect(capped.error?.message).toContain('最多 2 次');
  const reasoned = await fu(LI, contact(mine.openid, { facts: {}, channel: 'store', overCapReason: '顾客主动到店咨询' }));
  expect(reasoned.error).toBeUndefined();
  expect(reasoned.data.contact.overCapReason).toBe('顾客主动到店咨询');
  expect((await getById<FollowupEntryDoc>(s.db(), COLL.followup_entries, mine._id))!.contacts).toHaveLength(3);
});

test('buying the full product after a contact is credited once to that contact and staff member; the holdout converts apart; the lift is measured', async () => {
  const all = await entries();
  const mine = all.find((e) => e.staff === LI && e.contacts.length > 0)!;
  const held = all.find((e) => e.group === 'holdout')!;
  const order = await buy(mine.openid, 'prd_serum');
  await s.redeliver(order.payment.outTradeNo);
  await buy(held.openid, 'prd_serum');
  // Not the goal: a regular product that is not the trial's full product converts nobody.
  const other = all.find((e) => e.staff === WANG)!;
  await buy(other.openid, 'prd_mask');

  const e = (await getById<FollowupEntryDoc>(s.db(), COLL.followup_entries, followupEntryIdOf(listId, mine.openid)))!;
  expect(e.conversionIds).toEqual([order.orderId]);
  expect(e.credit).toMatchObject({ staff: LI, contactId: e.contacts[e.contacts.length - 1].contactId });
  expect(e.revenueFen).toBe(order.totalFen);
  expect(e.dueAt).toBeUndefined();
  expect((await getById<FollowupEntryDoc>(s.db(), COLL.followup_entries, followupEntryIdOf(listId, other.openid)))!.convertedAt).toBeUndefined();

  const x = await fu(OP, { action: 'execution', listId });
  expect(x.error).toBeUndefined();
  const li = x.data.staff.find((r: { key: string }) => r.key === LI);
  expect(li).toMatchObject({ name: '李敏', contacted: 1, converted: 1, credited: 1, revenueFen: order.totalFen });
  expect(li.profitFen).toBeLessThan(order.totalFen);
  expect(x.data.holdout).toMatchObject({ assigned: all.filter((a) => a.group === 'holdout').length, converted: 1, credited: 0 });
  expect(x.data.treated.converted).toBe(1);
  expect(x.data.liftBp).toBe(x.data.treatedRateBp - x.data.holdoutRateBp);
});

test('overdue follow-ups are a to-do on the 运营后台 home; closing the list clears them and frees its customers', async () => {
  await s.clock(5 * DAY_MS);
  const dash = await s.call(OP, 'ops', { action: 'dashboard' });
  const treatedLeft = (await entries()).filter((e) => e.group === 'treated' && e.dueAt !== undefined).length;
  expect(dash.data.todos['followups-overdue']).toBe(treatedLeft);
  expect((await fu(LI, { action: 'list', listId, filter: 'overdue' })).data.customers.every((c: { overdue: boolean }) => c.overdue)).toBe(true);
  expect((await fu(LI, { action: 'close', listId, requestId: s.rid('cls') })).error?.code).toBe('FORBIDDEN');
  const closed = await fu(OP, { action: 'close', listId, requestId: s.rid('cls') });
  expect(closed.data.list.status).toBe('closed');
  expect((await s.call(OP, 'ops', { action: 'dashboard' })).data.todos['followups-overdue']).toBe(0);
  expect((await fu(LI, contact((await entries()).find((e) => e.staff === LI)!.openid, { nextDate: businessDate(Date.now() + 6 * DAY_MS) }))).error?.code).toBe('LIST_CLOSED');
  const next = await fu(OP, createBody(s.rid('ful'), { dueDate: businessDate(Date.now() + 8 * DAY_MS) }));
  expect(next.error).toBeUndefined();
  expect(next.data.list.counts.skipped).toBe(0);
  await s.clock(0);
});
