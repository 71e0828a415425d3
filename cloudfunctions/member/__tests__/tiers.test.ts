import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { consumeEvent } from '../../_consumers/consume-event';
import { armFault, disarmFaults } from '../../_kit/faults';
import { getAll, getById } from '../../_kit/db';
import { loadSettings } from '../../_kit/settings-store';
import { DAY_MS } from '../../../shared/time';

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const COURSE = 'prd_course'; // ¥5,000, the first threshold in one purchase
const ADDRESS = { method: 'address', name: '王芳', phone: '13900000000', address: '上海市徐汇区漕溪北路 88 号 1201' };

/** The customer buys `productId` and pays with WeChat Pay (simulator), like the H5 pay sheet does. */
async function buy(openid: string, productId = COURSE, qty = 1) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith: 'wechat', requestId: s.rid('buy') });
  expect(r.ok).toBe(true);
  const p = await s.pay(r.data.payment.outTradeNo);
  expect(p).toMatchObject({ ok: true, data: { callback: { errcode: 0 } } });
  return r.data.orderId as string;
}

const tiers = async (openid: string) => (await s.call(openid, 'member', { action: 'tiers' })).data;
const statusOf = async (openid: string, giftId: string) => (await tiers(openid)).tiers.find((t: { giftId: string }) => t.giftId === giftId);
const tierGifts = (openid: string) => getAll<{ _id: string; giftId: string; status: string }>(s.db(), 'entitlements', { openid, source: 'tier' }, { max: 100 });

describe('qualifying spend and tier gifts through the real payment path', () => {
  test('a new customer: ¥0, everything locked, ¥5,000 to the first gift', async () => {
    const t = await tiers('tier_new');
    expect(t.qualifyingSpendFen).toBe(0);
    expect(t.tiers.map((x: { status: string }) => x.status)).toEqual(['locked', 'locked', 'locked', 'locked']);
    expect(t.tiers.map((x: { thresholdFen: number }) => x.thresholdFen)).toEqual([500_000, 1_000_000, 5_000_000, 10_000_000]);
    expect(t).toMatchObject({ nextGapFen: 500_000, nextGift: { giftId: 'tier-5k', thresholdFen: 500_000 } });
  });

  test('paying ¥5,000 crosses the first threshold: the gift is available at once, with a 90-day deadline', async () => {
    const u = 'tier_cross';
    await buy(u, 'prd_mask'); // ¥128 first
    expect((await tiers(u)).nextGapFen).toBe(500_000 - 12_800);
    await buy(u);
    const t = await tiers(u);
    expect(t.qualifyingSpendFen).toBe(512_800);
    expect(t.tiers[0]).toMatchObject({ giftId: 'tier-5k', status: 'available', gapFen: 0, entitlementId: expect.any(String) });
    expect(t.tiers[0].claimDeadline - Date.now()).toBeGreaterThan(89 * DAY_MS);
    expect(t.tiers[1]).toMatchObject({ status: 'locked', gapFen: 1_000_000 - 512_800 });
    expect(t).toMatchObject({ nextGapFen: 487_200, nextGift: { giftId: 'tier-10k' } });
  });

  test('replayed events and redelivered callbacks grant nothing twice', async () => {
    const u = 'tier_replay';
    const orderId = await buy(u);
    await s.redeliver(orderId);
    await s.redeliver(orderId);
    const events = await getAll<{ _id: string; pending?: string[] }>(s.db(), 'events', { openid: u }, { max: 10 });
    expect(events).toHaveLength(1);
    // Applied by the profile consumer (the report consumer, which folds later, may still owe it).
    expect(events[0].pending ?? []).not.toContain('profile');
    const settings = await loadSettings(s.db());
    // The consumer delivered the same event again, ten times at once: nothing applies twice.
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => consumeEvent(s.db(), events[0]._id, settings, Date.now())));
    expect(outcomes.every((o) => o.outcome === 'already-applied')).toBe(true);
    await s.trigger('scheduler');
    expect((await tiers(u)).qualifyingSpendFen).toBe(500_000);
    expect(await tierGifts(u)).toHaveLength(1);
    const profile = await getById<{ eventsApplied: number }>(s.db(), 'profiles', `prf_${u}`);
    expect(profile!.eventsApplied).toBe(1);
  });

  test('a crash between the payment commit and the profile update loses nothing: the sweep applies it', async () => {
    const u = 'tier_crash';
    armFault('consume.before-mark');
    await buy(u); // the payment commits; applying the event fails once
    expect((await tiers(u)).qualifyingSpendFen).toBe(0);
    const owed = await getAll<{ pending?: string[] }>(s.db(), 'events', { openid: u, pending: 'profile' }, { max: 10 });
    expect(owed).toHaveLength(1);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data.eventsApplied).toBeGreaterThanOrEqual(1);
    expect((await statusOf(u, 'tier-5k')).status).toBe('available');
    expect(await tierGifts(u)).toHaveLength(1);
  });

  test('refund below the threshold suspends the unclaimed gift (claim refused, clock paused); buying again restores it', async () => {
    const u = 'tier_suspend';
    const first = await buy(u);
    const granted = await statusOf(u, 'tier-5k');
    expect(granted.status).toBe('available');
    const rf = await s.call(u, 'order', { action: 'refund', orderId: first, requestId: s.rid('rf') });
    expect(rf.ok).toBe(true);
    const t = await tiers(u);
    expect(t.qualifyingSpendFen).toBe(0);
    expect(t.tiers[0].status).toBe('suspended');
    expect(t).toMatchObject({ nextGapFen: 500_000, nextGift: { giftId: 'tier-5k' } });
    const refused = await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k', requestId: s.rid('cl') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'GIFT_NOT_CLAIMABLE' } });
    expect(refused.error!.message).toContain('再消费 ¥5,000 即可恢复');

    await s.clock(10 * DAY_MS); // ten days suspended do not count against the claim window
    await buy(u);
    const back = await statusOf(u, 'tier-5k');
    expect(back.status).toBe('available');
    expect(back.entitlementId).toBe(granted.entitlementId);
    expect(back.claimDeadline - granted.claimDeadline).toBeGreaterThanOrEqual(10 * DAY_MS - 60_000);
    expect(await tierGifts(u)).toHaveLength(1);
    await s.clock(0);
  });

  test('the profile lists the tier gifts that exist, so purchases below the next tier read none; a profile written before the list still suspends and restores', async () => {
    const u = 'tier_known';
    const profile = () => getById<{ tierGiftIds?: string[]; version: number }>(s.db(), 'profiles', `prf_${u}`);
    await buy(u, 'prd_mask');
    expect((await profile())!.tierGiftIds).toEqual([]);
    const first = await buy(u);
    expect((await profile())!.tierGiftIds).toEqual(['tier-5k']);
    // An older profile: the list is gone, as before this field existed.
    const p = (await profile())!;
    const { _id: _drop, tierGiftIds: _old, ...rest } = p as unknown as Record<string, unknown>;
    void _drop;
    void _old;
    await s.db().collection('profiles').doc(`prf_${u}`).set(rest);
    expect((await statusOf(u, 'tier-5k')).status).toBe('available');
    expect((await s.call(u, 'order', { action: 'refund', orderId: first, requestId: s.rid('rf') })).ok).toBe(true);
    expect((await statusOf(u, 'tier-5k')).status).toBe('suspended');
    expect((await profile())!.tierGiftIds).toEqual(['tier-5k']);
    await buy(u);
    expect((await statusOf(u, 'tier-5k')).status).toBe('available');
    expect(await tierGifts(u)).toHaveLength(1);
  });

  test('a threshold the operator lowers below a customer\'s spend: 消费礼 grants it on their next look, and the profile lists it', async () => {
    const u = 'tier_lowered';
    await buy(u, 'prd_mask'); // ¥128
    const setThreshold = async (thresholdFen: number) => {
      const editor = (await s.call('op_admin', 'settings', { action: 'editor' })).data;
      const tiersNext = editor.settings.tiers.map((t: { gift: { id: string } }, i: number) => (i === 0 ? { ...t, thresholdFen } : t));
      const r = await s.call('op_admin', 'settings', { action: 'update', settings: { ...editor.settings, tiers: tiersNext }, expectedVersion: editor.version, requestId: s.rid('thr') });
      expect(r.ok).toBe(true);
    };
    await setThreshold(10_000);
    try {
      expect((await statusOf(u, 'tier-5k')).status).toBe('available');
      expect((await getById<{ tierGiftIds?: string[] }>(s.db(), 'profiles', `prf_${u}`))!.tierGiftIds).toEqual(['tier-5k']);
      expect(await tierGifts(u)).toHaveLength(1);
    } finally {
      await setThreshold(500_000);
    }
  });

  test('a claimed gift is never taken back; after a refund the next gift waits until spend is regained', async () => {
    const u = 'tier_claimed';
    const o1 = await buy(u);
    const claim = await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: ADDRESS, requestId: s.rid('cl') });
    expect(claim).toMatchObject({ ok: true, data: { status: 'claimed', delivery: { method: 'address' }, fulfilment: { state: 'pending' } } });
    // Claiming again returns the same claim.
    const again = await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: { method: 'pickup' }, requestId: s.rid('cl') });
    expect(again.data).toMatchObject({ status: 'claimed', delivery: { method: 'address' } });
    await s.call(u, 'order', { action: 'refund', orderId: o1, requestId: s.rid('rf') });
    const t = await tiers(u);
    expect(t.tiers[0].status).toBe('claimed');
    expect(t).toMatchObject({ qualifyingSpendFen: 0, nextGapFen: 1_000_000, nextGift: { giftId: 'tier-10k' } });
    await buy(u);
    expect((await tiers(u)).tiers[0].status).toBe('claimed');
    expect(await tierGifts(u)).toHaveLength(1);
    const claimedEvents = await getAll(s.db(), 'events', { openid: u, type: 'gift.claimed' }, { max: 10 });
    expect(claimedEvents).toHaveLength(1);
  });

  test('claiming a gift not reached yet is refused with how much is missing; unknown gift NOT_FOUND', async () => {
    const u = 'tier_early';
    await buy(u, 'prd_mask');
    const r = await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-10k', requestId: s.rid('cl') });
    expect(r).toMatchObject({ ok: false, error: { code: 'GIFT_NOT_CLAIMABLE' } });
    expect(r.error!.message).toContain('还差 ¥9,872。');
    expect((await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-nope', requestId: s.rid('cl') })).error?.code).toBe('NOT_FOUND');
  });

  test('bonus-funded balance spend does not qualify; top-ups do not qualify', async () => {
    const u = 'tier_bonus';
    const tu = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true, requestId: s.rid('tu') });
    await s.pay(tu.data.payment.outTradeNo);
    expect((await tiers(u)).qualifyingSpendFen).toBe(0);
    const r = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'balance', requestId: s.rid() });
    expect(r.ok).toBe(true);
    // ¥688 from a 1000:100 lot → 625.45 principal qualifies, 62.55 bonus does not.
    expect((await tiers(u)).qualifyingSpendFen).toBe(62_545);
  });
});

describe('gift stock under concurrency', () => {
  test('50 members claim a gift with stock 10 at the same moment: exactly 10 claims, 40 GIFT_OUT_OF_STOCK', async () => {
    const cur = await s.call('op_admin', 'settings', { action: 'get' });
    const tiersSetting = cur.data.tiers.map((t: { gift: { id: string } }) => (t.gift.id === 'tier-5k' ? { ...t, gift: { ...t.gift, id: 'tier-5k-limited', stock: 10 } } : t));
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, tiers: tiersSetting }, requestId: s.rid() })).ok).toBe(true);
    const users = Array.from({ length: 50 }, (_, i) => `stock_${i}`);
    for (let i = 0; i < users.length; i += 10) await Promise.all(users.slice(i, i + 10).map((u) => buy(u)));
    for (const u of users.slice(0, 3)) expect((await statusOf(u, 'tier-5k-limited')).status).toBe('available');

    const results = await Promise.all(users.map((u) => s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k-limited', delivery: { method: 'pickup' }, requestId: s.rid('cl') })));
    const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c === 'GIFT_OUT_OF_STOCK')).toHaveLength(40);
    const stock = await getById<{ remaining: number; claimed: number }>(s.db(), 'gift_stock', 'gst_tier-5k-limited');
    expect(stock).toMatchObject({ remaining: 0, claimed: 10 });
    const claimed = await getAll(s.db(), 'entitlements', { giftId: 'tier-5k-limited', status: 'claimed' }, { max: 100 });
    expect(claimed).toHaveLength(10);
    expect(results.find((r) => !r.ok)!.error!.message).toContain('已领完');
    // Put the default tiers back for the other tests in this file.
    expect((await s.call('op_admin', 'settings', { action: 'update', settings: cur.data, requestId: s.rid() })).ok).toBe(true);
  }, 120_000);
});

describe('gift stock is taken before the claim and given back when the claim does not happen', () => {
  test('a fault after the unit was taken gives it back; the retry claims it; claiming again takes nothing', async () => {
    const u = 'stock_fault';
    await buy(u);
    const stockOf = () => getById<{ remaining: number; claimed: number }>(s.db(), 'gift_stock', 'gst_tier-5k');
    const before = await stockOf();
    armFault('claim.after-stock');
    const failed = await s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: { method: 'pickup' }, requestId: s.rid('cl') });
    expect(failed.ok).toBe(false);
    // Nothing is held: the stock is as before (no document at all if this is the gift's first claim).
    const afterFault = await stockOf();
    expect(afterFault?.claimed).toBe(before?.claimed);
    expect(afterFault?.remaining).toBe(before?.remaining);
    const rid = s.rid('cl');
    const claim = () => s.call(u, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: { method: 'pickup' }, requestId: rid });
    expect((await claim()).ok).toBe(true);
    const once = await stockOf();
    expect(once!.claimed).toBe((before?.claimed ?? 0) + 1);
    if (before) expect(once!.remaining).toBe(before.remaining - 1);
    expect((await claim()).ok).toBe(true);
    expect(await stockOf()).toEqual(once);
  });
});

describe('operator fulfilment of gift claims', () => {
  test('pending list → ship with tracking no. (address) / picked up (pickup) → the member sees it; customers are FORBIDDEN', async () => {
    const a = 'ful_address';
    const b = 'ful_pickup';
    await buy(a);
    await buy(b);
    await s.call(a, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: ADDRESS, requestId: s.rid('cl') });
    await s.call(b, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: { method: 'pickup', name: '李雷', phone: '13700000000' }, requestId: s.rid('cl') });

    for (const action of ['giftClaims', 'shipGift', 'markPickedUp']) {
      const r = await s.call(a, 'ops', { action, state: 'pending', entitlementId: 'x', carrier: '顺丰', trackingNo: 'SF1234567', requestId: s.rid() });
      expect(r.error?.code).toBe('FORBIDDEN');
    }
    expect((await s.call(a, 'ops', { action: 'role' })).data).toEqual({ operator: false, owner: false });
    expect((await s.call('op_admin', 'ops', { action: 'role' })).data).toEqual({ operator: true, owner: true });

    const pending = await s.call('op_admin', 'ops', { action: 'giftClaims', state: 'pending' });
    const ca = pending.data.claims.find((c: { openid: string }) => c.openid === a);
    const cb = pending.data.claims.find((c: { openid: string }) => c.openid === b);
    expect(ca).toMatchObject({ source: 'tier', giftId: 'tier-5k', delivery: ADDRESS, fulfilment: { state: 'pending' } });
    expect(cb).toMatchObject({ delivery: { method: 'pickup' } });

    // The wrong step for the delivery method is refused; a bad tracking number is INVALID_INPUT.
    expect((await s.call('op_admin', 'ops', { action: 'markPickedUp', entitlementId: ca.entitlementId, requestId: s.rid() })).error?.code).toBe('INVALID_STATE');
    expect((await s.call('op_admin', 'ops', { action: 'shipGift', entitlementId: ca.entitlementId, carrier: '顺丰', trackingNo: '#', requestId: s.rid() })).error?.code).toBe('INVALID_INPUT');

    const shipped = await s.call('op_admin', 'ops', { action: 'shipGift', entitlementId: ca.entitlementId, carrier: '顺丰速运', trackingNo: 'SF1234567890', requestId: s.rid() });
    expect(shipped).toMatchObject({ ok: true, data: { fulfilment: { state: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', by: 'op_admin' } } });
    // A double tap returns the same; another tracking number is not silently written over it.
    expect((await s.call('op_admin', 'ops', { action: 'shipGift', entitlementId: ca.entitlementId, carrier: '顺丰速运', trackingNo: 'SF1234567890', requestId: s.rid() })).ok).toBe(true);
    expect((await s.call('op_admin', 'ops', { action: 'markPickedUp', entitlementId: cb.entitlementId, requestId: s.rid() })).data.fulfilment.state).toBe('picked-up');

    expect((await statusOf(a, 'tier-5k')).fulfilment).toMatchObject({ state: 'shipped', trackingNo: 'SF1234567890' });
    expect((await statusOf(b, 'tier-5k')).fulfilment).toMatchObject({ state: 'picked-up' });
    const shippedList = await s.call('op_admin', 'ops', { action: 'giftClaims', state: 'shipped' });
    expect(shippedList.data.claims.map((c: { openid: string }) => c.openid)).toContain(a);
    const stillPending = await s.call('op_admin', 'ops', { action: 'giftClaims', state: 'pending' });
    expect(stillPending.data.claims.map((c: { openid: string }) => c.openid)).not.toContain(a);
  });
});
