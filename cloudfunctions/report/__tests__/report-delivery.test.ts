import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { addDay } from '../../../shared/reports/days';
import { countersOf, sumCounters } from '../../../shared/reports/rollup';
import { MONEY_EVENT_TYPES, type PurchaseEvent } from '../../../shared/schemas/event';
import { businessDate, DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { armFault, disarmFaults } from '../../_kit/faults';
import { createLogger } from '../../_kit/logger';
import { driveReportEvents } from '../../_reports/drive-reports';
import { foldReportEvents } from '../../_reports/fold-events';
import { allTimeCounters, dayCounters } from '../../_reports/read-reports';
import { REPORT_SHARDS } from '../../_reports/rollups';
import { shardOf } from '../../../shared/reports/days';

/**
 * The report consumer's delivery guarantees against the emulator: every money event is folded
 * exactly once — under redelivered callbacks, repeated folds, several drivers at once, and a
 * crash between folding and marking (the sweep repairs it) — independently of the profile consumer.
 */
jest.setTimeout(120_000);

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const log = createLogger({ test: 'report-delivery' });
const report = (action: string, body: Record<string, unknown> = {}) => s.call('op_admin', 'report', { action, ...body });
const today = () => businessDate(Date.now());
const week = () => ({ from: addDay(today(), -6), to: addDay(today(), 1) });

async function buy(openid: string, productId = 'prd_mask', qty = 1) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.error).toBeUndefined();
  expect(await s.pay(r.data.payment.outTradeNo)).toMatchObject({ ok: true });
  return r.data.orderId as string;
}

const moneyEvents = () => getAll<PurchaseEvent>(s.db(), 'events', { type: s.db().command.in([...MONEY_EVENT_TYPES]) }, { max: 5000 });
const owedToReport = async () => (await getAll<PurchaseEvent>(s.db(), 'events', { pending: 'report' }, { max: 5000 })).length;

/** What the rollups hold must be exactly the fold of every money event, once (all-time and per day). */
async function expectRollupsExact() {
  const evs = await moneyEvents();
  const expected = sumCounters(evs.map(countersOf));
  expect(await owedToReport()).toBe(0);
  expect(await allTimeCounters(s.db())).toEqual(expected);
  const days = await dayCounters(s.db(), addDay(today(), -30), addDay(today(), 30));
  expect(sumCounters([...days.values()])).toEqual(expected);
  expect(expected.events).toBe(evs.length);
}

test('a money event owes both consumers; the profile consumer leaves `report` owed; interactions never owe `report`', async () => {
  const u = 'dlv_both';
  const orderId = await buy(u);
  const ev = (await getById<PurchaseEvent>(s.db(), 'events', `evt_order_paid_${orderId}`))!;
  // Settled right after the payment by the profile consumer; the report consumer has not run yet.
  expect(ev.pending).toEqual(['report']);
  expect(ev.lines).toEqual([expect.objectContaining({ productId: 'prd_mask', qty: 1, amountFen: 12_800, costFen: 3_500 })]);
  expect((await s.call(u, 'customer', { action: 'visit' })).ok).toBe(true);
  const visits = await getAll<PurchaseEvent>(s.db(), 'events', { openid: u, type: 'customer.visited' });
  expect(visits).toHaveLength(1);
  expect(visits[0].pending ?? []).not.toContain('report');

  expect((await report('overview', week())).data.catchingUp).toBe(false);
  const after = (await getById<PurchaseEvent>(s.db(), 'events', ev._id))!;
  expect(after.pending).toBeUndefined();
  await expectRollupsExact();
});

test('redelivered callbacks and repeated folds (ten at once) count nothing twice', async () => {
  const u = 'dlv_replay';
  const orderId = await buy(u, 'prd_cream');
  await s.redeliver(orderId);
  await s.redeliver(orderId);
  const before = (await report('overview', week())).data.totals;
  const ids = (await getAll<PurchaseEvent>(s.db(), 'events', { openid: u })).map((e) => e._id);
  expect(ids).toHaveLength(1);
  const shard = shardOf(u, REPORT_SHARDS);
  const outcomes = await Promise.all(Array.from({ length: 10 }, () => foldReportEvents(s.db(), ids, shard, Date.now())));
  expect(outcomes.every((o) => o.applied.length === 0 && o.skipped.length === 1)).toBe(true);
  await s.trigger('scheduler');
  expect((await report('overview', week())).data.totals).toEqual(before);
  await expectRollupsExact();
});

test('several drivers at once (sweep, report reads, direct) over one backlog: every event exactly once', async () => {
  // 16 customers × 2 orders, none folded yet (only the profile consumer ran).
  await Promise.all(Array.from({ length: 16 }, async (_x, i) => {
    await buy(`dlv_many_${i}`, 'prd_mask', 1 + (i % 3));
    await buy(`dlv_many_${i}`, 'prd_tea');
  }));
  expect(await owedToReport()).toBe(32);
  // A bounded run takes what it was given and says more is owed.
  expect(await driveReportEvents(s.db(), Date.now, log, { batch: 5, maxEvents: 5 })).toEqual({ applied: 5, failed: 0, more: true });
  await Promise.all([
    driveReportEvents(s.db(), Date.now, log, { batch: 10, maxEvents: 100 }),
    driveReportEvents(s.db(), Date.now, log, { batch: 7, maxEvents: 100 }),
    s.trigger('scheduler'),
    report('overview', week()),
    report('liability', week()),
  ]);
  await expectRollupsExact();
});

test('a crash between folding and marking loses nothing and counts nothing twice: the sweep repairs it', async () => {
  const u = 'dlv_crash';
  const gmvBefore = (await report('overview', week())).data.totals.gmvFen;
  await buy(u, 'prd_serum');
  // Every fold crashes after writing the rollups, before marking the events: nothing commits.
  armFault('report.before-mark', 1_000);
  const during = await report('overview', week());
  expect(during.ok).toBe(true);
  expect(during.data).toMatchObject({ catchingUp: true, totals: { gmvFen: gmvBefore } });
  expect(await owedToReport()).toBe(1);
  disarmFaults();
  const sweep = await s.trigger('scheduler');
  expect(sweep.data).toMatchObject({ reportEventsFolded: 1, reportEventsFailed: 0 });
  const after = await report('overview', week());
  expect(after.data).toMatchObject({ catchingUp: false, totals: { gmvFen: gmvBefore + 68_800 } });
  await expectRollupsExact();
});

test('segment sizes: one snapshot per Shanghai day (idempotent), history by range plus the sizes now', async () => {
  const first = await s.trigger('scheduler');
  expect(first.ok).toBe(true);
  const snap = await getById<{ day: string; counts: Record<string, number> }>(s.db(), 'segment_snapshots', `sss_${today()}`);
  expect(snap).toMatchObject({ day: today(), counts: expect.objectContaining({ 'purchases:1': expect.any(Number), 'layer:paying': expect.any(Number) }) });
  expect((await s.trigger('scheduler')).data.segmentSnapshot).toBe(false);
  // A customer buys today; tomorrow's snapshot sees them, today's keeps its sizes.
  await buy('dlv_snap');
  await s.clock(DAY_MS);
  try {
    expect((await s.trigger('scheduler')).data.segmentSnapshot).toBe(true);
    const tomorrow = addDay(today(), 1);
    const h = await report('segmentHistory', { from: addDay(tomorrow, -1), to: tomorrow });
    expect(h.data.days.map((d: { day: string }) => d.day)).toEqual([addDay(tomorrow, -1), tomorrow]);
    const [d1, d2] = h.data.days;
    expect(d1.counts).toEqual(snap!.counts);
    // Taken after more customers bought (this file's earlier tests, and dlv_snap).
    expect(d2.counts['layer:paying']).toBeGreaterThan(d1.counts['layer:paying']);
    expect(h.data.current).toMatchObject({ day: tomorrow, counts: d2.counts });
  } finally {
    await s.clock(0);
  }
});
