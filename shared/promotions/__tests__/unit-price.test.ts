import { priceLines, unitPrice } from '../pricing';

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
