import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { addDay } from '../../../shared/reports/days';
import { businessDate, DAY_MS } from '../../../shared/time';

/**
 * 续费 (report.renewals) through the real path (gateway → handlers → emulator): memberships bought,
 * renewed before expiry, renewed after it, let lapse, and one still open — made by real purchases and
 * payments, the clock moved between them. The report must classify each term, count the rate over
 * the decided ones, and show 本期已省 against the fee exactly as the member card computes it.
 */

let s: TestStore;
let offset = 0;
const travel = async (ms: number) => {
  offset += ms;
  await s.clock(offset);
};
const now = () => Date.now() + offset;

beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const OP = 'op_admin';
const renewals = (body: Record<string, unknown> = {}) => s.call(OP, 'report', { action: 'renewals', ...body });

async function buyMembership(openid: string) {
  const r = await s.call(openid, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
}
async function buySerums(openid: string, qty: number) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
}
const expiryOf = async (openid: string) => (await s.call(openid, 'membership', { action: 'status' })).data.expiresAt as number;

test('a customer cannot read it; bad periods are refused in Chinese', async () => {
  expect(await s.call('cust_curious', 'report', { action: 'renewals' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const backwards = await renewals({ from: '2026-03-01', to: '2026-02-01' });
  expect(backwards).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(backwards.error!.message).toContain('开始日期不能晚于结束日期');
  expect((await renewals({ from: '2024-01-01', to: '2026-01-01' })).error!.message).toContain('一次最多查看 366 天');
  expect((await renewals({ from: '2026-01-01' })).error!.message).toContain('请同时选择开始和结束日期');
  expect((await renewals({ from: '2026/01/01', to: '2026-01-02' })).error?.code).toBe('INVALID_INPUT');
  expect((await renewals({ from: '2026-01-01', to: '2026-01-02', openid: 'x' })).error?.code).toBe('INVALID_INPUT');
});

test('renewed before, renewed after, lapsed and open: outcomes, rate, cohorts, 已省 vs fee', async () => {
  const t0 = now();
  // Day 0: A, B and C join; A and C shop at the member price (¥100 saved per serum).
  for (const u of ['rn_a', 'rn_b', 'rn_c']) await buyMembership(u);
  await buySerums('rn_a', 1);
  await buySerums('rn_c', 3);
  const expiryA = await expiryOf('rn_a');
  expect(expiryA).toBeGreaterThan(t0 + 364 * DAY_MS);

  // Day 20: D joins (its term ends 20 days after the others').
  await travel(20 * DAY_MS);
  await buyMembership('rn_d');
  const expiryD = await expiryOf('rn_d');

  // 15 days before A's expiry: A renews (the new term stacks on the old one).
  await travel(expiryA - 15 * DAY_MS - now());
  await buyMembership('rn_a');
  expect(await expiryOf('rn_a')).toBe(expiryA + 365 * DAY_MS);

  // 10 days after expiry: B renews late (the new term starts at the payment).
  await travel(expiryA + 10 * DAY_MS - now());
  await buyMembership('rn_b');

  // 15 days after D's expiry (35 after the others'): C is lapsed, D still open.
  await travel(expiryD + 15 * DAY_MS - now());
  const from = businessDate(expiryA - 5 * DAY_MS);
  const to = businessDate(expiryD + 5 * DAY_MS);
  const r = await renewals({ from, to });
  expect(r.error).toBeUndefined();
  const v = r.data;
  const byUser = Object.fromEntries(v.rows.map((row: { openid: string }) => [row.openid, row]));
  expect(Object.keys(byUser).sort()).toEqual(['rn_a', 'rn_b', 'rn_c', 'rn_d']);
  expect(byUser.rn_a).toMatchObject({ outcome: 'renewed-before', renewedAt: expiryA, savedFen: 10_000, feeFen: 100_000, bucket: 'lt25', planName: '年度会员' });
  expect(byUser.rn_b).toMatchObject({ outcome: 'renewed-after', savedFen: 0, bucket: 'lt25' });
  expect(byUser.rn_b.renewedAt).toBeGreaterThan(expiryA);
  expect(byUser.rn_c).toMatchObject({ outcome: 'lapsed', savedFen: 30_000, bucket: '25to50' });
  expect(byUser.rn_d).toMatchObject({ outcome: 'open', expiresAt: expiryD });
  // Shown by name or phone tail, never by openid.
  for (const row of v.rows) expect(row.customer).toBeDefined();
  // A's and B's renewing terms end a year later: not in this period.
  expect(v.rows).toHaveLength(4);
  expect(v.totals).toEqual({ 'renewed-before': 1, 'renewed-after': 1, lapsed: 1, open: 1, all: 4 });
  expect(v).toMatchObject({ renewed: 2, decided: 3, ratePercent: 66.7, more: false, from, to });
  const cohortTotal = v.cohorts.reduce((n: number, c: { members: number }) => n + c.members, 0);
  expect(cohortTotal).toBe(4);
  const joinA = v.cohorts.find((c: { month: string }) => c.month === businessDate(t0).slice(0, 7));
  expect(joinA.members).toBeGreaterThanOrEqual(3);
  expect(v.distribution).toEqual([
    { bucket: 'lt25', count: 3 },
    { bucket: '25to50', count: 1 },
    { bucket: '50to100', count: 0 },
    { bucket: 'gte100', count: 0 },
  ]);

  // A period before anyone expires: nobody.
  const empty = await renewals({ from: businessDate(t0), to: addDay(businessDate(t0), 30) });
  expect(empty.data).toMatchObject({ rows: [], totals: { all: 0 }, ratePercent: null, more: false });
});

test('no period: this month and the next (Shanghai)', async () => {
  const r = await renewals();
  expect(r.error).toBeUndefined();
  const today = businessDate(now());
  expect(r.data.from).toBe(`${today.slice(0, 7)}-01`);
  expect(r.data.to > today).toBe(true);
  expect(r.data.to.endsWith('-28') || r.data.to.endsWith('-29') || r.data.to.endsWith('-30') || r.data.to.endsWith('-31')).toBe(true);
});
