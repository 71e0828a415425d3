import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { PurchaseEvent } from '../../../shared/schemas/event';
import { applyEvent, newProfile, profileIdOf, type CustomerProfile } from '../../../shared/segments/profile';
import { DAY_MS } from '../../../shared/time';
import { getAll, getById } from '../../_kit/db';
import { armFault, disarmFaults } from '../../_kit/faults';
import { createLogger } from '../../_kit/logger';
import { loadSettings } from '../../_kit/settings-store';
import { type EntitlementDoc } from '../../../shared/documents';
import { makeEvent } from '../../_events/make-event';
import { tierEntitlementId } from '../../_gifts/tier-gifts';
import { consumeEvent, consumeEvents } from '../consume-event';
import { drivePendingEvents } from '../drive-events';
import { COLL } from '../../_kit/collections';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const ZERO = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };
const line = (fen: number) => ({ productId: 'prd_mask', kind: 'regular' as const, qty: 1, amountFen: fen });
const log = createLogger({ fn: 'test', requestId: 'batch' });

/** Crosses ¥5,000 with a second order, then a refund drops the spend below it again, then a visit. */
function spendPath(u: string, T: number): PurchaseEvent[] {
  return [
    makeEvent({ factId: `${u}_o1`, type: 'order.paid', openid: u, at: T, orderId: `ord_${u}1`, ...ZERO, qualifyingDeltaFen: 300_000, productKinds: ['regular'], lines: [line(300_000)] }),
    makeEvent({ factId: `${u}_o2`, type: 'order.paid', openid: u, at: T + DAY_MS, orderId: `ord_${u}2`, ...ZERO, qualifyingDeltaFen: 250_000, productKinds: ['regular'], lines: [line(250_000)] }),
    makeEvent({ factId: `${u}_r2`, type: 'order.refunded', openid: u, at: T + 2 * DAY_MS, orderId: `ord_${u}2`, ...ZERO, qualifyingDeltaFen: -250_000, productKinds: ['regular'], lines: [line(250_000)], data: { fullRefund: true, orderPaidAt: T + DAY_MS, orderQualifying: true } }),
    makeEvent({ factId: `${u}_v`, type: 'customer.visited', openid: u, at: T + 3 * DAY_MS, ...ZERO }),
  ];
}

const profile = (u: string) => getById<CustomerProfile>(s.db(), 'profiles', profileIdOf(u));
const tierGift = (u: string) => getById<EntitlementDoc>(s.db(), COLL.entitlements, tierEntitlementId(u, 'tier-5k'));

describe('profile consumer batches (one transaction per customer backlog)', () => {
  test('a batch ends exactly where one event per transaction ends: profile, grant then suspend of the crossed gift', async () => {
    const T = Date.now() - 10 * DAY_MS;
    const settings = await loadSettings(s.db());
    const one = spendPath('bat_one', T);
    const many = spendPath('bat_many', T);
    await s.db().collection('events').add([...one, ...many]);
    for (const e of one) expect((await consumeEvent(s.db(), e._id, settings, Date.now())).outcome).toBe('applied');
    const r = await consumeEvents(s.db(), many.map((e) => e._id), settings, Date.now());
    expect(r.applied).toEqual(many.map((e) => e._id));
    expect(r.tierChanges).toEqual(['grant:tier-5k', 'suspend:tier-5k']);

    const [p1, p2] = [(await profile('bat_one'))!, (await profile('bat_many'))!];
    const fold = many.reduce(applyEvent, newProfile('bat_many', 0));
    expect(p2.qualifyingSpendFen).toBe(300_000);
    expect(p2.qualifyingSpendFen).toBe(fold.qualifyingSpendFen);
    expect(p2.orders).toEqual(fold.orders);
    expect(p2.eventsApplied).toBe(4);
    expect(p2.segments).toEqual(p1.segments);
    const [g1, g2] = [(await tierGift('bat_one'))!, (await tierGift('bat_many'))!];
    expect(g2.status).toBe('suspended');
    expect({ status: g2.status, grantedAt: g2.grantedAt, suspendedAt: g2.suspendedAt, left: g2.suspendedRemainingMs }).toEqual({ status: g1.status, grantedAt: g1.grantedAt, suspendedAt: g1.suspendedAt, left: g1.suspendedRemainingMs });
    expect(await getAll(s.db(), 'events', { openid: 'bat_many', pending: 'profile' })).toHaveLength(0);
  });

  test('overlapping batches delivered at once apply each event once', async () => {
    const u = 'bat_overlap';
    const evs = spendPath(u, Date.now() - 5 * DAY_MS);
    await s.db().collection('events').add(evs);
    const settings = await loadSettings(s.db());
    const ids = evs.map((e) => e._id);
    const runs = await Promise.all([ids, ids.slice(1), [ids[3], ids[0]], ids.slice(0, 2), ids].map((b) => consumeEvents(s.db(), b, settings, Date.now())));
    expect(runs.flatMap((r) => r.applied).sort()).toEqual([...ids].sort());
    expect((await profile(u))!.eventsApplied).toBe(4);
    expect((await tierGift(u))!.status).toBe('suspended');
  });

  test('events of two customers in one batch are refused and change nothing', async () => {
    const a = makeEvent({ factId: 'bat_mix_a', type: 'customer.visited', openid: 'bat_mix_a', at: Date.now(), ...ZERO });
    const b = makeEvent({ factId: 'bat_mix_b', type: 'customer.visited', openid: 'bat_mix_b', at: Date.now(), ...ZERO });
    await s.db().collection('events').add([a, b]);
    await expect(consumeEvents(s.db(), [a._id, b._id], await loadSettings(s.db()), Date.now())).rejects.toThrow(/more than one customer/);
    expect(await profile('bat_mix_a')).toBeNull();
    expect(await getAll(s.db(), 'events', { openid: 'bat_mix_a', pending: 'profile' })).toHaveLength(1);
  });

  test('the sweep driver: a failing batch is retried event by event, so one bad apply holds nothing back', async () => {
    const u = 'bat_sweep';
    const evs = spendPath(u, Date.now() - 3 * DAY_MS);
    await s.db().collection('events').add(evs);
    // The batch transaction fails, then so does the first event on its own: the other three still apply.
    armFault('consume.before-mark', 2);
    expect(await drivePendingEvents(s.db(), () => Date.now(), log, { openid: u })).toEqual({ applied: 3, failed: 1, busy: 0, more: false });
    expect((await profile(u))!.eventsApplied).toBe(3);
    expect(await getAll(s.db(), 'events', { openid: u, pending: 'profile' })).toHaveLength(1);
    // The next run picks up the one left.
    expect(await drivePendingEvents(s.db(), () => Date.now(), log, { openid: u })).toEqual({ applied: 1, failed: 0, busy: 0, more: false });
    expect((await profile(u))!.eventsApplied).toBe(4);
  });

  test('a profile kept busy by someone else: a settler with few attempts leaves it (busy, not failed) and a later run applies it', async () => {
    const u = 'bat_busy';
    const evs = spendPath(u, Date.now() - DAY_MS);
    await s.db().collection('events').add(evs);
    await drivePendingEvents(s.db(), () => Date.now(), log, { openid: u, limit: 1 }); // the profile exists
    // Another request holds the profile inside its open transaction.
    const other = await s.db().startTransaction();
    await other.collection('profiles').doc(profileIdOf(u)).update({ heldBy: 'another settler' });
    try {
      expect(await drivePendingEvents(s.db(), () => Date.now(), log, { openid: u, attempts: 2 })).toEqual({ applied: 0, failed: 0, busy: 1, more: false });
    } finally {
      await other.rollback();
    }
    expect(await drivePendingEvents(s.db(), () => Date.now(), log, { openid: u })).toEqual({ applied: 3, failed: 0, busy: 0, more: false });
    expect((await profile(u))!.eventsApplied).toBe(4);
  });
});
