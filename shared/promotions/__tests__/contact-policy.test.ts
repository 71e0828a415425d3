import fc from 'fast-check';
import { defaultSettings } from '../../settings';
import { DAY_MS } from '../../time';
import { campaignResults, type CampaignCounts } from '../campaign-report';
import { fnv1a, inAudience, firstClauseOf, inHoldout } from '../campaign';
import { contactDecision, offerAllowed, offerDepthOf, policyStageOf, sendsInWindow, WINDOW_MS } from '../contact-policy';

const s = defaultSettings();
const NOW = Date.UTC(2026, 10, 1);

describe('offer depth (settings.offerDepth: small ≤ 15 % or ≤ ¥30)', () => {
  test.each([
    ['no coupon', 'none', undefined],
    ['15 % off', 'small', { offer: { code: 'percent-off' as const, args: { percent: 15 } }, minSpendFen: 0 }],
    ['16 % off', 'big', { offer: { code: 'percent-off' as const, args: { percent: 16 } }, minSpendFen: 0 }],
    ['¥30 off, no minimum', 'small', { offer: { code: 'amount-off' as const, args: { amountFen: 3_000 } }, minSpendFen: 0 }],
    ['¥30.01 off, no minimum', 'big', { offer: { code: 'amount-off' as const, args: { amountFen: 3_001 } }, minSpendFen: 0 }],
    ['¥45 off ¥300 (15 %)', 'small', { offer: { code: 'amount-off' as const, args: { amountFen: 4_500 } }, minSpendFen: 30_000 }],
    ['¥46 off ¥300', 'big', { offer: { code: 'amount-off' as const, args: { amountFen: 4_600 } }, minSpendFen: 30_000 }],
  ] as const)('%s → %s', (_n, depth, rule) => {
    expect(offerDepthOf(rule, s)).toBe(depth);
  });
});

describe('offers a stage accepts', () => {
  test.each([
    ['none', 'none', false, true],
    ['none', 'small', false, false],
    ['small', 'small', false, true],
    ['small', 'big', false, false],
    ['big', 'big', false, true],
    ['big-sale-only', 'small', false, false],
    ['big-sale-only', 'big', true, true],
    ['big-sale-only', 'none', false, false],
  ] as const)('policy %s, offer %s, big sale %s → %s', (offers, depth, bigSale, allowed) => {
    expect(offerAllowed({ maxPer7Days: 2, offers }, depth, bigSale)).toBe(allowed);
  });
});

describe('stage and the rolling 7-day cap', () => {
  test('stage from the life key; no life key → prospect', () => {
    expect(policyStageOf(['purchases:1', 'life:silent'])).toBe('silent');
    expect(policyStageOf(['purchases:0', 'trial:unconverted'])).toBe('prospect');
    expect(policyStageOf(undefined)).toBe('prospect');
  });

  test('a send exactly 7 days old has left the window; one 1 ms younger has not', () => {
    expect(sendsInWindow([NOW - WINDOW_MS, NOW - WINDOW_MS + 1, NOW], NOW)).toEqual([NOW - WINDOW_MS + 1, NOW]);
  });

  test('defaults: active takes content only, silent 2 small per week, sleeping 1 big, churned only big sales', () => {
    const d = (segments: string[], sentAt: number[], depth: 'none' | 'small' | 'big', bigSale = false) => contactDecision({ segments, sentAt, depth, bigSale, now: NOW }, s);
    expect(d(['life:active'], [], 'small')).toEqual({ ok: false, reason: 'offer-too-deep' });
    expect(d(['life:active'], [NOW - DAY_MS], 'none')).toEqual({ ok: true });
    expect(d(['life:active'], [NOW - DAY_MS, NOW - 2 * DAY_MS], 'none')).toEqual({ ok: false, reason: 'capped' });
    expect(d(['life:silent'], [NOW - 8 * DAY_MS, NOW - 9 * DAY_MS, NOW - DAY_MS], 'small')).toEqual({ ok: true });
    expect(d(['life:sleeping'], [NOW - 6 * DAY_MS], 'big')).toEqual({ ok: false, reason: 'capped' });
    expect(d(['life:churned'], [], 'big')).toEqual({ ok: false, reason: 'offer-too-deep' });
    expect(d(['life:churned'], [], 'big', true)).toEqual({ ok: true });
  });

  test('property: following the decision never lets more than the cap through in any 7-day window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 * DAY_MS }), { maxLength: 60 }), fc.constantFrom('life:active', 'life:silent', 'life:sleeping', 'life:churned', 'purchases:0'), (times, stage) => {
        const sent: number[] = [];
        for (const t of [...times].sort((a, b) => a - b)) {
          if (contactDecision({ segments: [stage], sentAt: sent, depth: 'none', bigSale: true, now: t }, s).ok) sent.push(t);
        }
        const cap = s.contactPolicy[policyStageOf([stage])].maxPer7Days;
        for (const t of sent) expect(sent.filter((x) => x > t - WINDOW_MS && x <= t).length).toBeLessThanOrEqual(cap);
      }),
    );
  });
});

describe('audience and holdout', () => {
  const first3 = { anyOf: [['purchases:1'], ['purchases:2'], ['purchases:0', 'trial:unconverted']] };
  test('union of intersections; the first matching clause', () => {
    expect(inAudience(['purchases:2', 'life:silent'], first3)).toBe(true);
    expect(inAudience(['purchases:0'], first3)).toBe(false);
    expect(inAudience(['purchases:0', 'trial:unconverted'], first3)).toBe(true);
    expect(inAudience(['purchases:3plus'], first3)).toBe(false);
    expect(firstClauseOf(['purchases:0', 'trial:unconverted'], first3)).toBe(2);
    expect(firstClauseOf(['purchases:3plus'], first3)).toBe(-1);
  });

  test('holdout is deterministic per (campaign, customer) and close to its percentage', () => {
    expect(fnv1a('abc')).toBe(fnv1a('abc'));
    const ids = Array.from({ length: 10_000 }, (_, i) => `cust_${i}`);
    const held = ids.filter((id) => inHoldout('cmp_x', id, 10));
    expect(held.length).toBeGreaterThan(900);
    expect(held.length).toBeLessThan(1_100);
    expect(ids.filter((id) => inHoldout('cmp_x', id, 10))).toEqual(held);
    expect(ids.some((id) => inHoldout('cmp_x', id, 0))).toBe(false);
    // Another campaign holds out other customers (not always the same 10 %).
    const other = new Set(ids.filter((id) => inHoldout('cmp_y', id, 10)));
    expect(held.filter((id) => other.has(id)).length).toBeLessThan(200);
  });
});

describe('campaign results', () => {
  const zero: CampaignCounts = { audience: 0, holdout: 0, treated: 0, sent: 0, capped: 0, offerTooDeep: 0, noGrant: 0, noTemplate: 0, refused: 0, failed: 0, unknown: 0, couponsIssued: 0, couponsRefused: 0, couponsUsed: 0, contentOnly: 0, convertedTreated: 0, convertedHoldout: 0, ordersTreated: 0, ordersHoldout: 0, revenueTreatedFen: 0, revenueHoldoutFen: 0, cogsTreatedFen: 0, cogsHoldoutFen: 0, bonusTreatedFen: 0, bonusHoldoutFen: 0, couponCostFen: 0, optOuts: 0 };
  test('lift and incremental profit against a scaled holdout (revenue is after coupons: they are not deducted again; bonus spent is)', () => {
    const r = campaignResults({ ...zero, audience: 1_000, holdout: 100, treated: 900, convertedTreated: 180, convertedHoldout: 10, revenueTreatedFen: 9_000_000, revenueHoldoutFen: 500_000, cogsTreatedFen: 4_000_000, cogsHoldoutFen: 200_000, bonusTreatedFen: 400_000, couponCostFen: 900_000 });
    expect(r.conversionTreatedBp).toBe(2_000);
    expect(r.conversionHoldoutBp).toBe(1_000);
    expect(r.liftBp).toBe(1_000);
    expect(r.profitTreatedFen).toBe(4_600_000);
    expect(r.profitHoldoutFen).toBe(300_000);
    expect(r.incrementalRevenueFen).toBe(9_000_000 - 4_500_000);
    expect(r.incrementalProfitFen).toBe(4_600_000 - 2_700_000);
  });
  test('no holdout: no lift to claim', () => {
    const r = campaignResults({ ...zero, treated: 10, convertedTreated: 1 });
    expect(r.liftBp).toBeNull();
    expect(r.incrementalProfitFen).toBeNull();
    expect(r.conversionTreatedBp).toBe(1_000);
  });
});
