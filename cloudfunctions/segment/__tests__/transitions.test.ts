import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { PurchaseEvent } from '../../../shared/schemas/event';
import { profileIdOf, type CustomerProfile } from '../../../shared/segments/profile';
import { DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { createLogger } from '../../_kit/logger';
import { loadSettings } from '../../_kit/settings-store';
import { systemClock } from '../../_kit/clock';
import { runTransitions } from '../../_segments/transitions';

/**
 * Time-based transitions through the real path: purchases at different times, time travel
 * (`/local/clock`), then the `segment` timer (`/local/trigger/segment`). Its own store: moving
 * the clock makes every earlier profile in the store due too.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const A = Array.from({ length: 5 }, (_, i) => `tr_a${i}`); // buy on day 0
const B = Array.from({ length: 5 }, (_, i) => `tr_b${i}`); // buy on day 20
const C = Array.from({ length: 5 }, (_, i) => `tr_c${i}`); // only visit: nothing changes by time
const M = 'tr_member'; // annual membership on day 20

async function buy(openid: string) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.ok).toBe(true);
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
}

const profile = (openid: string) => getById<CustomerProfile>(s.db(), 'profiles', profileIdOf(openid));
const versions = async (users: string[]) => Promise.all(users.map(async (u) => (await profile(u))!.version));
const lifeOf = async (u: string) => (await profile(u))!.segments!.find((k) => k.startsWith('life:'));
const memberOf = async (u: string) => (await profile(u))!.segments!.find((k) => k.startsWith('member:'));

test('time passing moves only due profiles: active → silent after 40 days, no scans, no loops; membership expiring → lapsed', async () => {
  await Promise.all(A.map(buy));
  await Promise.all(C.map((u) => s.call(u, 'customer', { action: 'visit' })));
  await s.clock(20 * DAY_MS);
  await Promise.all(B.map(buy));
  const mb = await s.call(M, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(mb.data.payment.outTradeNo);
  for (const u of [...A, ...B]) expect(await lifeOf(u)).toBe('life:active');
  expect(await memberOf(M)).toBe('member:active');
  for (const u of C) expect((await profile(u))!.nextTransitionAt).toBeUndefined();

  await s.clock(40 * DAY_MS);
  const untouched = [...B, ...C, M];
  const before = await versions(untouched);
  const aBefore = await versions(A);
  const scans = s.server.emulator.stats().fullScans;
  const run = await s.trigger('segment');
  expect(run.ok).toBe(true);
  // Exactly the five day-0 buyers were due; nobody else was read into a transaction or written.
  expect(run.data).toMatchObject({ due: A.length, updated: A.length, lifecycleChanged: A.length, failed: 0, more: false });
  expect(s.server.emulator.stats().fullScans).toBe(scans);
  expect(await versions(untouched)).toEqual(before);
  expect(await versions(A)).toEqual(aBefore.map((v) => v + 1));
  for (const u of A) expect(await lifeOf(u)).toBe('life:silent');
  for (const u of B) expect(await lifeOf(u)).toBe('life:active');
  const silent = await s.call('op_admin', 'segment', { action: 'list', key: 'life:silent', limit: 100 });
  expect(silent.data.members.map((m: { openid: string }) => m.openid).sort()).toEqual(A);

  // One lifecycle.changed per change, owed to no consumer (the profile already holds it).
  const changes = await getAll<PurchaseEvent>(s.db(), 'events', { type: 'lifecycle.changed' }, { max: 100 });
  expect(changes).toHaveLength(A.length);
  expect(changes[0]).toMatchObject({ data: { from: 'active', to: 'silent', cause: 'time' } });
  expect(changes.every((e) => e.pending === undefined)).toBe(true);
  const p = (await profile(A[0]))!;
  expect(p.nextTransitionAt).toBe(p.lastPurchaseAt! + 90 * DAY_MS + 1);

  // Nothing loops: a second run finds nothing due.
  expect((await s.trigger('segment')).data).toMatchObject({ due: 0, updated: 0 });
  expect((await s.trigger('scheduler')).data.eventsApplied).toBe(0);

  // Membership: expiring 30 days before its end, lapsed at it.
  const expiresAt = (await profile(M))!.membership!.expiresAt;
  const base = systemClock.now() - 40 * DAY_MS; // the clock's zero
  await s.clock(expiresAt - base - 30 * DAY_MS + 1_000);
  await s.trigger('segment');
  expect(await memberOf(M)).toBe('member:expiring');
  await s.clock(expiresAt - base + 1_000);
  await s.trigger('segment');
  expect(await memberOf(M)).toBe('member:lapsed');
  expect((await profile(M))!.nextTransitionAt).toBeUndefined();
  for (const u of A) expect(await lifeOf(u)).toBe('life:churned');
  await s.clock(0);
});

test('bounded runs: a run stops at its limit and reports more; the next run continues where it left off', async () => {
  const settings = await loadSettings(s.db());
  const log = createLogger();
  await s.clock(0);
  const D = Array.from({ length: 7 }, (_, i) => `tr_d${i}`);
  await Promise.all(D.map(buy));
  const now = systemClock.now() + 31 * DAY_MS; // the seven new buyers turn silent by then
  const due = await s.db().collection('profiles').where({ nextTransitionAt: s.db().command.lte(now) }).count();
  const total = (due as { total: number }).total;
  expect(total).toBe(D.length);
  const first = await runTransitions(s.db(), now, settings, log, { batch: 2, maxProfiles: 3 });
  expect(first).toMatchObject({ due: 3, more: true });
  const second = await runTransitions(s.db(), now, settings, log, { batch: 2 });
  expect(second).toMatchObject({ due: total - 3, more: false });
  expect((await runTransitions(s.db(), now, settings, log)).due).toBe(0);
  for (const u of D) expect(await lifeOf(u)).toBe('life:silent');
});

test('after an operator shortens the lifecycle days, recompute applies the new rule to every profile (paged through the index)', async () => {
  const E = Array.from({ length: 4 }, (_, i) => `tr_e${i}`);
  await s.clock(0);
  await Promise.all(E.map(buy));
  await s.clock(15 * DAY_MS);
  try {
    for (const u of E) expect(await lifeOf(u)).toBe('life:active');
    const cur = await s.call('op_admin', 'settings', { action: 'get' });
    const changed = await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, lifecycleDays: { active: 10, silent: 90, sleeping: 180 } }, requestId: s.rid('st') });
    expect(changed.ok).toBe(true);
    // Stored keys still follow the old rule until recomputed (their next transition is day 30).
    expect(await lifeOf(E[0])).toBe('life:active');
    expect((await s.call('tr_e0', 'segment', { action: 'recompute' })).error?.code).toBe('FORBIDDEN');
    const scans = s.server.emulator.stats().fullScans;
    let r = await s.call('op_admin', 'segment', { action: 'recompute' });
    for (let i = 0; i < 20 && r.data.nextCursor; i++) r = await s.call('op_admin', 'segment', { action: 'recompute', cursor: r.data.nextCursor });
    expect(r.ok).toBe(true);
    expect(s.server.emulator.stats().fullScans).toBe(scans);
    const profiles = ((await s.db().collection('profiles').count()) as { total: number }).total;
    expect(r.data.processed).toBeGreaterThanOrEqual(profiles);
    for (const u of E) expect(await lifeOf(u)).toBe('life:silent');
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: cur.data, requestId: s.rid('st') })).ok).toBe(true);
  } finally {
    await s.clock(0);
  }
});

test('the segment timer re-derives every profile by itself after the rules change, in bounded runs', async () => {
  const F = Array.from({ length: 3 }, (_, i) => `tr_f${i}`);
  await s.clock(0);
  await Promise.all(F.map(buy));
  await s.trigger('segment'); // the rules in force are recorded (a first pass)
  await s.clock(15 * DAY_MS);
  try {
    const cur = await s.call('op_admin', 'settings', { action: 'get' });
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, lifecycleDays: { active: 10, silent: 90, sleeping: 180 } }, requestId: s.rid('st') })).ok).toBe(true);
    expect(await lifeOf(F[0])).toBe('life:active');
    const run = await s.trigger('segment');
    expect(run.data.rulesRecompute.processed).toBeGreaterThanOrEqual(F.length);
    for (const u of F) expect(await lifeOf(u)).toBe('life:silent');
    // Nothing changed since: the next run does no pass.
    expect((await s.trigger('segment')).data.rulesRecompute).toEqual({ running: false, processed: 0, changed: 0 });
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: cur.data, requestId: s.rid('st') })).ok).toBe(true);
  } finally {
    await s.clock(0);
  }
});
