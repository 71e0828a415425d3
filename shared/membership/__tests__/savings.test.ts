import { memberSavingsFen } from '../refund';
import { shownPrice } from '../savings';

describe('member price as shown before ordering', () => {
  test.each([
    { name: 'member, product with a member price', p: { priceFen: 1000, memberPriceFen: 800 }, isMember: true, shown: { unitFen: 800, memberPriceApplies: true, savingPerUnitFen: 200 } },
    { name: 'not a member: the list price', p: { priceFen: 1000, memberPriceFen: 800 }, isMember: false, shown: { unitFen: 1000, memberPriceApplies: false, savingPerUnitFen: 0 } },
    { name: 'member, product without a member price', p: { priceFen: 1000 }, isMember: true, shown: { unitFen: 1000, memberPriceApplies: false, savingPerUnitFen: 0 } },
    { name: 'member price 0 (a gift for members) still applies', p: { priceFen: 500, memberPriceFen: 0 }, isMember: true, shown: { unitFen: 0, memberPriceApplies: true, savingPerUnitFen: 500 } },
  ])('$name', ({ p, isMember, shown }) => {
    expect(shownPrice(p, isMember)).toEqual(shown);
  });
});

describe('what an order saved with the member price (the success page and the fee refund use one rule)', () => {
  const line = { listUnitFen: 1000, unitFen: 800, qty: 3, refundedQty: 0, memberPriceApplied: true };
  test.each([
    { name: 'a paid order: (list − member) × qty', lines: [line], saved: 600 },
    { name: 'list-price lines save nothing', lines: [{ ...line, memberPriceApplied: false, unitFen: 1000 }], saved: 0 },
    { name: 'refunded units gave their saving back', lines: [{ ...line, refundedQty: 2 }], saved: 200 },
    { name: 'lines add up', lines: [line, { ...line, listUnitFen: 500, unitFen: 450, qty: 2 }], saved: 700 },
  ])('$name', ({ lines, saved }) => {
    expect(memberSavingsFen(lines)).toBe(saved);
  });
});
