import { ORDER_STATES, ORDER_TRANSITIONS, type OrderState } from '../states';
import { transitionOrder } from '../transitions';
import { priceLines, unitPrice } from '../pricing';

describe('order state table', () => {
  test.each([
    ['created', 'paid', true],
    ['created', 'cancelled', true],
    ['paid', 'partially_refunded', true],
    ['paid', 'refunded', true],
    ['partially_refunded', 'partially_refunded', true],
    ['partially_refunded', 'refunded', true],
    ['cancelled', 'paid', false],
    ['refunded', 'paid', false],
    ['paid', 'created', false],
    ['partially_refunded', 'paid', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => expect(transitionOrder({ status: from as OrderState }, to, 0).ok).toBe(allowed));

  test('terminal states have no way out and every target is a known state', () => {
    expect(ORDER_TRANSITIONS.refunded).toEqual([]);
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
    for (const s of ORDER_STATES) for (const t of ORDER_TRANSITIONS[s]) expect(ORDER_STATES).toContain(t);
  });
});

describe('pricing', () => {
  const serum = { _id: 'prd_serum', priceFen: 68_800, memberPriceFen: 58_800, floorFen: 40_000 };
  const mask = { _id: 'prd_mask', priceFen: 12_800, floorFen: 9_000 };

  test.each([
    ['non-member pays list price', serum, false, 68_800, false],
    ['member pays member price', serum, true, 58_800, true],
    ['member of a product without member price', mask, true, 12_800, false],
    ['floor wins over a too-low member price', { ...serum, memberPriceFen: 30_000 }, true, 40_000, true],
  ])('%s', (_n, p, member, unit, applied) => expect(unitPrice(p, member)).toEqual({ unitFen: unit, memberPriceApplied: applied }));

  test('lines and total', () => {
    const r = priceLines([{ product: serum, qty: 2 }, { product: mask, qty: 1 }], true);
    expect(r.totalFen).toBe(58_800 * 2 + 12_800);
    expect(r.lines[0]).toMatchObject({ listUnitFen: 68_800, unitFen: 58_800, lineTotalFen: 117_600 });
    expect(() => priceLines([{ product: mask, qty: 0 }], false)).toThrow(RangeError);
    expect(() => priceLines([{ product: mask, qty: 1.5 }], false)).toThrow(RangeError);
  });
});
