import fc from 'fast-check';
import type { EventEnvelope, EventType } from '../../events/domain-event';
import type { PurchaseEvent } from '../../schemas/event';
import { defaultSettings, type Settings } from '../../settings';
import { DAY_MS } from '../../time';
import { FIXED_SEGMENT_KEYS, isSegmentKey, knownSegmentKeys, layerOf, lifeStage, memberState, nextTransitionAt, segmentKeys } from '../keys';
import { applyEvent, lastStandingPurchaseAt, MAX_ORDER_FACTS, newProfile, purchaseCount, type CustomerProfile } from '../profile';

const T0 = 1_800_000_000_000;
const S: Settings = defaultSettings();
const NO_MONEY = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };
// Fixtures name only the facts a test is about (the cast: a loose fixture, read as the stored type).
const ev = (e: Partial<EventEnvelope> & { _id: string; type: EventType; at: number; data?: object }): PurchaseEvent => ({ openid: 'o1', ...NO_MONEY, ...e }) as PurchaseEvent;

const paid = (orderId: string, at: number, fen = 12_800, kind: 'regular' | 'trial' = 'regular'): PurchaseEvent =>
  ev({ _id: `evt_order_paid_${orderId}`, type: 'order.paid', at, orderId, qualifyingDeltaFen: fen, productKinds: [kind], lines: [{ productId: kind === 'trial' ? 'prd_serum_trial' : 'prd_mask', kind, qty: 1, amountFen: fen, ...(kind === 'trial' ? { fullProductId: 'prd_serum' } : {}) }] });
const refunded = (orderId: string, at: number, paidAt: number, fen = 12_800, full = true): PurchaseEvent =>
  ev({ _id: `evt_order_refunded_${orderId}_${at}`, type: 'order.refunded', at, orderId, qualifyingDeltaFen: -fen, productKinds: ['regular'], lines: [{ productId: 'prd_mask', kind: 'regular', qty: 1, amountFen: fen }], data: { fullRefund: full, orderPaidAt: paidAt, orderQualifying: true } });
const member = (id: string, at: number, expiresAt: number, version: number, activeTerms = 1, type: PurchaseEvent['type'] = 'membership.purchased'): PurchaseEvent =>
  ev({ _id: `evt_${id}`, type, at, qualifyingDeltaFen: type === 'membership.purchased' ? 100_000 : -100_000, productKinds: ['membership'], data: { planId: 'annual', expiresAt, membershipVersion: version, activeTerms } });
const visit = (day: number) => ev({ _id: `evt_customer_visited_o1_${day}`, type: 'customer.visited', at: T0 + day * DAY_MS, data: {} });
const answered = (id: string, at: number, answers: Array<{ questionId: string; optionIds: string[]; tags: string[] }>) => ev({ _id: id, type: 'survey.answered', at, data: { answers } });
const simple = (type: PurchaseEvent['type'], id: string, at = T0) => ev({ _id: id, type, at });

const fold = (events: PurchaseEvent[]) => events.reduce(applyEvent, newProfile('o1', T0));
const keysAt = (events: PurchaseEvent[], now: number, s: Settings = S) => segmentKeys(fold(events), s, now);

describe('layer: new · engaged · paying · ironfan (exactly one)', () => {
  const ironfanSpend = paid('ord_big', T0, 1_000_000);
  test.each<[string, PurchaseEvent[], string]>([
    ['no events at all', [], 'new'],
    ['one visit only (a first visit is not engagement yet)', [visit(0)], 'new'],
    ['visits on two business days', [visit(0), visit(1)], 'engaged'],
    ['a survey answer', [answered('evt_s1', T0, [{ questionId: 'industry', optionIds: ['beauty'], tags: ['industry-beauty'] }])], 'engaged'],
    ['a coupon claim', [simple('coupon.claimed', 'evt_c1')], 'engaged'],
    ['a message opened', [simple('message.opened', 'evt_m1')], 'engaged'],
    ['a purchase, no interaction', [paid('ord_1', T0)], 'paying'],
    ['¥10,000 spend without interaction is still paying', [ironfanSpend], 'paying'],
    ['¥10,000 spend and engaged → ironfan', [ironfanSpend, simple('message.opened', 'evt_m1')], 'ironfan'],
    ['¥9,999.99 spend and engaged → paying', [paid('ord_x', T0, 999_999), simple('message.opened', 'evt_m1')], 'paying'],
    ['spend refunded to 0 while engaged → engaged', [paid('ord_1', T0), refunded('ord_1', T0 + 1, T0), simple('coupon.claimed', 'evt_c1')], 'engaged'],
  ])('%s → layer:%s', (_name, events, layer) => {
    const keys = keysAt(events, T0 + DAY_MS);
    expect(keys.filter((k) => k.startsWith('layer:'))).toEqual([`layer:${layer}`]);
    expect(layerOf(fold(events), S)).toBe(layer);
  });

  test('the ironfan threshold and engaged visit count are settings', () => {
    const s = { ...S, segmentRules: { ...S.segmentRules, ironFanSpendFen: 500_000, engagedMinVisits: 1 } };
    expect(layerOf(fold([paid('ord_1', T0, 500_000), visit(0)]), s)).toBe('ironfan');
    expect(layerOf(fold([visit(0)]), s)).toBe('engaged');
  });
});

describe('life stage after the first purchase: elapsed days, boundaries inclusive', () => {
  const events = [paid('ord_1', T0)];
  test.each<[string, number, string | undefined]>([
    ['right after the purchase', 0, 'active'],
    ['exactly 30 days', 30 * DAY_MS, 'active'],
    ['30 days + 1 ms', 30 * DAY_MS + 1, 'silent'],
    ['day 31', 31 * DAY_MS, 'silent'],
    ['exactly 90 days', 90 * DAY_MS, 'silent'],
    ['90 days + 1 ms', 90 * DAY_MS + 1, 'sleeping'],
    ['exactly 180 days', 180 * DAY_MS, 'sleeping'],
    ['180 days + 1 ms', 180 * DAY_MS + 1, 'churned'],
    ['two years', 730 * DAY_MS, 'churned'],
  ])('%s → %s', (_name, elapsed, stage) => {
    expect(lifeStage(fold(events), S, T0 + elapsed)).toBe(stage);
    expect(keysAt(events, T0 + elapsed).filter((k) => k.startsWith('life:'))).toEqual(stage ? [`life:${stage}`] : []);
  });

  test('no life key before a purchase, nor for trials-only, top-ups, membership fees or fully refunded orders', () => {
    const topup = ev({ _id: 'evt_wallet_topup_1', type: 'wallet.topup', at: T0, productKinds: ['topup'] });
    for (const evs of [[], [visit(0)], [paid('ord_t', T0, 1_800, 'trial')], [topup], [member('m1', T0, T0 + 365 * DAY_MS, 1)], [paid('ord_1', T0), refunded('ord_1', T0 + 1, T0)]]) {
      expect(keysAt(evs, T0 + DAY_MS).some((k) => k.startsWith('life:'))).toBe(false);
    }
  });

  test('the last purchase that still stands counts: refunding the newest falls back to the one before', () => {
    const evs = [paid('ord_1', T0), paid('ord_2', T0 + 20 * DAY_MS), refunded('ord_2', T0 + 21 * DAY_MS, T0 + 20 * DAY_MS)];
    expect(lastStandingPurchaseAt(fold(evs))).toBe(T0);
    expect(lifeStage(fold(evs), S, T0 + 31 * DAY_MS)).toBe('silent');
  });

  test('lifecycle days are settings', () => {
    const s = { ...S, lifecycleDays: { active: 7, silent: 14, sleeping: 28 } };
    expect(lifeStage(fold(events), s, T0 + 7 * DAY_MS)).toBe('active');
    expect(lifeStage(fold(events), s, T0 + 7 * DAY_MS + 1)).toBe('silent');
    expect(lifeStage(fold(events), s, T0 + 28 * DAY_MS + 1)).toBe('churned');
  });
});

describe('qualifying purchase count 0 / 1 / 2 / 3plus', () => {
  const t = (n: number) => T0 + n * DAY_MS;
  test.each<[string, PurchaseEvent[], string]>([
    ['nothing', [], '0'],
    ['a trial only', [paid('ord_t', t(0), 1_800, 'trial')], '0'],
    ['a top-up and a membership fee', [ev({ _id: 'evt_topup', type: 'wallet.topup', at: t(0), productKinds: ['topup'] }), member('m1', t(0), t(365), 1)], '0'],
    ['one order', [paid('ord_1', t(0))], '1'],
    ['two orders', [paid('ord_1', t(0)), paid('ord_2', t(1))], '2'],
    ['three orders', [paid('ord_1', t(0)), paid('ord_2', t(1)), paid('ord_3', t(2))], '3plus'],
    ['ten orders', Array.from({ length: 10 }, (_, i) => paid(`ord_${i}`, t(i))), '3plus'],
    ['three orders, one fully refunded', [paid('ord_1', t(0)), paid('ord_2', t(1)), paid('ord_3', t(2)), refunded('ord_2', t(3), t(1))], '2'],
    ['a partial refund still counts', [paid('ord_1', t(0)), refunded('ord_1', t(1), t(0), 100, false)], '1'],
    ['refund applied BEFORE its payment', [refunded('ord_1', t(1), t(0)), paid('ord_1', t(0)), paid('ord_2', t(2))], '1'],
  ])('%s → purchases:%s', (_n, events, bucket) => {
    expect(keysAt(events, t(3)).filter((k) => k.startsWith('purchases:'))).toEqual([`purchases:${bucket}`]);
  });

  test('the count stays exact past the bounded order list', () => {
    const many = Array.from({ length: MAX_ORDER_FACTS + 20 }, (_, i) => paid(`ord_${String(i).padStart(4, '0')}`, T0 + i * 1000));
    const p = fold(many);
    expect(p.orders).toHaveLength(MAX_ORDER_FACTS);
    expect(purchaseCount(p)).toBe(MAX_ORDER_FACTS + 20);
    expect(lastStandingPurchaseAt(p)).toBe(T0 + (MAX_ORDER_FACTS + 19) * 1000);
  });
});

describe('trial:unconverted', () => {
  const trial = paid('ord_t', T0, 1_800, 'trial');
  const full = (at: number) => ev({ ...paid('ord_f', at, 68_800), lines: [{ productId: 'prd_serum', kind: 'regular', qty: 1, amountFen: 68_800 }] });
  test.each<[string, PurchaseEvent[], boolean]>([
    ['trial bought, nothing after', [trial], true],
    ['trial then the full product', [trial, full(T0 + DAY_MS)], false],
    ['full product first, trial later (not a conversion)', [full(T0 - DAY_MS), trial], true],
    ['trial refunded', [trial, ev({ _id: 'evt_rf_t', type: 'order.refunded', at: T0 + 1, orderId: 'ord_t', productKinds: ['trial'], lines: [{ productId: 'prd_serum_trial', kind: 'trial', qty: 1, amountFen: 1_800 }], data: { fullRefund: true, orderPaidAt: T0, orderQualifying: false } })], false],
  ])('%s → %s', (_n, events, expected) => {
    expect(keysAt(events, T0 + 2 * DAY_MS).includes('trial:unconverted')).toBe(expected);
  });
});

describe('member: active · expiring (≤ 30 days) · lapsed', () => {
  const exp = T0 + 365 * DAY_MS;
  const evs = [member('m1', T0, exp, 1)];
  test.each<[string, number, string | undefined]>([
    ['just bought', T0, 'active'],
    ['31 days left', exp - 31 * DAY_MS, 'active'],
    ['30 days + 1 ms left', exp - 30 * DAY_MS - 1, 'active'],
    ['exactly 30 days left', exp - 30 * DAY_MS, 'expiring'],
    ['1 ms left', exp - 1, 'expiring'],
    ['at expiry', exp, 'lapsed'],
    ['a year later', exp + 365 * DAY_MS, 'lapsed'],
  ])('%s → %s', (_n, now, state) => {
    expect(memberState(fold(evs), S, now)).toBe(state);
    expect(keysAt(evs, now).filter((k) => k.startsWith('member:'))).toEqual(state ? [`member:${state}`] : []);
  });

  test('renewal extends (newest membership version wins in any order); refunding every term leaves no member key', () => {
    const renew = member('m2', T0 + DAY_MS, exp + 365 * DAY_MS, 2);
    expect(memberState(fold([renew, evs[0]]), S, exp)).toBe('active');
    const refundAll = member('m1r', T0 + 2 * DAY_MS, T0 + 2 * DAY_MS, 2, 0, 'membership.refunded');
    expect(keysAt([refundAll, evs[0]], T0 + 3 * DAY_MS).some((k) => k.startsWith('member:'))).toBe(false);
  });

  test('expiring window is a setting', () => {
    const s = { ...S, segmentRules: { ...S.segmentRules, memberExpiringDays: 7 } };
    expect(memberState(fold(evs), s, exp - 8 * DAY_MS)).toBe('active');
    expect(memberState(fold(evs), s, exp - 7 * DAY_MS)).toBe('expiring');
  });
});

describe('tier:near (within ¥1,000 of the next tier threshold)', () => {
  test.each<[number, boolean]>([
    [0, false],
    [399_999, false],
    [400_000, true],
    [499_999, true],
    [500_000, false], // on the ¥5,000 threshold: next is ¥10,000, ¥5,000 away
    [900_000, true],
    [10_000_000, false], // past the last tier
  ])('spend %i fen → %s', (spend, near) => {
    const p: CustomerProfile = { ...newProfile('o1', T0), qualifyingSpendFen: spend };
    expect(segmentKeys(p, S, T0).includes('tier:near')).toBe(near);
  });
});

describe('tags', () => {
  test('survey option tags and the trial tag become tag:<name>; the latest answer per question wins', () => {
    const a1 = answered('evt_s1', T0, [{ questionId: 'industry', optionIds: ['beauty'], tags: ['industry-beauty'] }, { questionId: 'interest', optionIds: ['skincare', 'makeup'], tags: ['interest-skincare', 'interest-makeup'] }]);
    const a2 = answered('evt_s2', T0 + 1, [{ questionId: 'industry', optionIds: ['office'], tags: ['industry-office'] }]);
    const keys = keysAt([a2, a1, paid('ord_t', T0, 1_800, 'trial')], T0 + 2);
    expect(keys.filter((k) => k.startsWith('tag:'))).toEqual(['tag:industry-office', 'tag:interest-makeup', 'tag:interest-skincare', 'tag:trial']);
  });

  test('known keys: every fixed key plus the survey tags and trial; key validation', () => {
    const known = knownSegmentKeys(S);
    expect(known).toEqual(expect.arrayContaining([...FIXED_SEGMENT_KEYS, 'tag:trial', 'tag:industry-beauty', 'tag:interest-wellness']));
    expect(known.filter((k) => k.startsWith('layer:'))).toEqual(['layer:new', 'layer:engaged', 'layer:paying', 'layer:ironfan']);
    for (const k of known) expect(isSegmentKey(k)).toBe(true);
    for (const bad of ['layer:vip', 'purchases:4', 'tag:', 'tag:a b', 'life', '']) expect(isSegmentKey(bad)).toBe(false);
  });
});

describe('nextTransitionAt: the earliest instant a key changes by time alone', () => {
  test.each<[string, PurchaseEvent[], number, number | undefined]>([
    ['no purchase, no membership: never', [visit(0)], T0, undefined],
    ['after a purchase: when it turns silent', [paid('ord_1', T0)], T0, T0 + 30 * DAY_MS + 1],
    ['on day 31: when it turns sleeping', [paid('ord_1', T0)], T0 + 31 * DAY_MS, T0 + 90 * DAY_MS + 1],
    ['sleeping: when it churns', [paid('ord_1', T0)], T0 + 100 * DAY_MS, T0 + 180 * DAY_MS + 1],
    ['churned: never again by itself', [paid('ord_1', T0)], T0 + 200 * DAY_MS, undefined],
    ['membership: when it becomes expiring', [member('m1', T0, T0 + 365 * DAY_MS, 1)], T0, T0 + 335 * DAY_MS],
    ['expiring: when it lapses', [member('m1', T0, T0 + 365 * DAY_MS, 1)], T0 + 340 * DAY_MS, T0 + 365 * DAY_MS],
    ['lapsed: never', [member('m1', T0, T0 + 365 * DAY_MS, 1)], T0 + 400 * DAY_MS, undefined],
    ['both: the earlier one', [paid('ord_1', T0 + 320 * DAY_MS), member('m1', T0, T0 + 365 * DAY_MS, 1)], T0 + 321 * DAY_MS, T0 + 335 * DAY_MS],
  ])('%s', (_n, events, now, expected) => {
    expect(nextTransitionAt(fold(events), S, now)).toBe(expected);
  });

  test('property: keys are constant strictly before nextTransitionAt and differ at it', () => {
    const T = (d: number) => T0 + d * DAY_MS;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 500 }), (buyDay, memberDay, nowDay) => {
        const p = fold([paid('ord_1', T(buyDay)), member('m1', T(memberDay), T(memberDay + 365), 1)]);
        const now = T(nowDay) + 12_345;
        const next = nextTransitionAt(p, S, now);
        const here = segmentKeys(p, S, now);
        if (next === undefined) {
          expect(segmentKeys(p, S, now + 1000 * DAY_MS)).toEqual(here);
          return;
        }
        expect(next).toBeGreaterThan(now);
        expect(segmentKeys(p, S, next - 1)).toEqual(here);
        expect(segmentKeys(p, S, next)).not.toEqual(here);
      }),
    );
  });
});

describe('order independence of every fact the keys read', () => {
  const events: PurchaseEvent[] = [
    paid('ord_t', T0, 1_800, 'trial'),
    paid('ord_1', T0 + DAY_MS),
    paid('ord_2', T0 + 2 * DAY_MS),
    paid('ord_3', T0 + 3 * DAY_MS),
    refunded('ord_3', T0 + 4 * DAY_MS, T0 + 3 * DAY_MS),
    refunded('ord_1', T0 + 5 * DAY_MS, T0 + DAY_MS, 100, false),
    member('m1', T0, T0 + 365 * DAY_MS, 1),
    member('m2', T0 + DAY_MS, T0 + 730 * DAY_MS, 2, 2),
    member('m2r', T0 + 2 * DAY_MS, T0 + 365 * DAY_MS, 3, 1, 'membership.refunded'),
    visit(0),
    visit(3),
    answered('evt_s1', T0, [{ questionId: 'industry', optionIds: ['beauty'], tags: ['industry-beauty'] }]),
    answered('evt_s2', T0 + DAY_MS, [{ questionId: 'industry', optionIds: ['retail'], tags: ['industry-retail'] }]),
    simple('coupon.claimed', 'evt_c1', T0 + 6 * DAY_MS),
    simple('message.opened', 'evt_m1', T0 + 7 * DAY_MS),
  ];
  const reference = fold(events);
  const now = T0 + 40 * DAY_MS;

  test('reference profile', () => {
    expect(purchaseCount(reference)).toBe(2);
    expect(reference.membership).toMatchObject({ expiresAt: T0 + 365 * DAY_MS, version: 3, activeTerms: 1 });
    expect(segmentKeys(reference, S, now)).toEqual(['layer:paying', 'life:silent', 'member:active', 'purchases:2', 'tag:industry-retail', 'tag:trial', 'trial:unconverted']);
  });

  test('property: any apply order gives the same keys, next transition and facts', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (order) => {
        const p = fold(order);
        expect(segmentKeys(p, S, now)).toEqual(segmentKeys(reference, S, now));
        expect(nextTransitionAt(p, S, now)).toBe(nextTransitionAt(reference, S, now));
        expect(p.orders).toEqual(reference.orders);
        expect([p.purchasesPaid, p.purchasesRefunded]).toEqual([reference.purchasesPaid, reference.purchasesRefunded]);
        expect(p.membership).toEqual(reference.membership);
        expect(p.survey).toEqual(reference.survey);
        expect(p.interactions).toEqual(reference.interactions);
        expect(p.qualifyingSpendFen).toBe(reference.qualifyingSpendFen);
      }),
      { numRuns: 300 },
    );
  });
});
