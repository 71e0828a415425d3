import fc from 'fast-check';
import { couponTemplateInputSchema, couponBlock, offerLabel, validityWindow, type CouponDoc } from '../coupon';
import { missMessage, priceOrder, spread, type CouponStacking, type CouponTerms, type PricingLineInput } from '../pricing';
import { paidForUnits, refundForUnits } from '../../orders/refund-window';
import { DAY_MS } from '../../time';

const serum: PricingLineInput = { productId: 'prd_serum', qty: 1, kind: 'regular', priceFen: 68_800, memberPriceFen: 58_800, floorFen: 40_000 };
const mask: PricingLineInput = { productId: 'prd_mask', qty: 1, kind: 'regular', priceFen: 12_800, floorFen: 9_000 };
const trial: PricingLineInput = { productId: 'prd_trial', qty: 1, kind: 'trial', priceFen: 1_800, floorFen: 1_800 };
const off = (amountFen: number, minSpendFen = 0, productIds?: string[]): CouponTerms => ({ offer: { code: 'amount-off', args: { amountFen } }, minSpendFen, ...(productIds ? { productIds } : {}) });
const pct = (percent: number, maxOffFen?: number, minSpendFen = 0): CouponTerms => ({ offer: { code: 'percent-off', args: { percent, ...(maxOffFen ? { maxOffFen } : {}) } }, minSpendFen });
const OR: CouponStacking = 'member-price-or-coupon';

describe('stacking × member × coupon: the table', () => {
  test.each<[string, PricingLineInput[], boolean, CouponTerms | undefined, CouponStacking, number, string, number]>([
    // name, lines, member, coupon, stacking, total, basis, discount
    ['no coupon, not a member: list price', [serum], false, undefined, OR, 68_800, 'member', 0],
    ['no coupon, member: member price', [serum], true, undefined, OR, 58_800, 'member', 0],
    ['coupon, not a member: list − coupon', [serum], false, off(5_000), OR, 63_800, 'coupon', 5_000],
    ['coupon ¥50 < member saving ¥100: member price wins, coupon kept', [serum], true, off(5_000), OR, 58_800, 'member', 0],
    ['coupon ¥150 > member saving ¥100: coupon on LIST price', [serum], true, off(15_000), OR, 53_800, 'coupon', 15_000],
    ['both: coupon stacks on member price', [serum], true, off(5_000), 'both', 53_800, 'stacked', 5_000],
    ['both, not a member: coupon on list', [serum], false, off(5_000), 'both', 63_800, 'coupon', 5_000],
    ['floor caps the coupon (¥400 floor)', [serum], false, off(60_000), OR, 40_000, 'coupon', 28_800],
    ['both + floor: stacked stops at the floor', [serum], true, off(60_000), 'both', 40_000, 'stacked', 18_800],
    ['min spend not met: no coupon', [mask], false, off(2_000, 20_000), OR, 12_800, 'member', 0],
    ['min spend met by two lines', [serum, mask], false, off(10_000, 80_000), OR, 71_600, 'coupon', 10_000],
    ['percent-off 20%', [mask], false, pct(20), OR, 10_240, 'coupon', 2_560],
    ['percent-off 20% capped at ¥10', [mask], false, pct(20, 1_000), OR, 11_800, 'coupon', 1_000],
    ['percent-off rounds half up (1% of 12,850 = 128.5 → 129)', [{ ...mask, priceFen: 12_850 }], false, pct(1), OR, 12_721, 'coupon', 129],
    ['trial lines are never eligible', [trial], false, off(500), OR, 1_800, 'member', 0],
    ['product-restricted coupon only counts eligible lines for min spend', [serum, mask], false, off(1_000, 15_000, ['prd_mask']), OR, 81_600, 'member', 0],
    ['equal totals: coupon not used (kept for later)', [serum], true, off(10_000), OR, 58_800, 'member', 0],
  ])('%s', (_n, lines, isMember, coupon, stacking, total, basis, discount) => {
    const r = priceOrder({ lines, isMember, coupon, stacking });
    expect(r.totalFen).toBe(total);
    expect(r.basis).toBe(basis);
    expect(r.couponDiscountFen).toBe(discount);
  });

  test('why a coupon is not used, said plainly', () => {
    const miss = (lines: PricingLineInput[], isMember: boolean, c: CouponTerms) => {
      const o = priceOrder({ lines, isMember, coupon: c, stacking: OR }).coupon!;
      return o.applied ? 'applied' : missMessage(o.miss);
    };
    expect(miss([mask], false, off(2_000, 20_000))).toBe('满¥200可用，还差¥72');
    expect(miss([trial], false, off(500))).toBe('本单商品不在此券适用范围内（体验装不可用券）');
    expect(miss([{ ...mask, floorFen: 12_800 }], false, off(500))).toBe('商品已是最低成交价，不能再叠加优惠');
    expect(miss([serum], true, off(5_000))).toBe('会员价更省（用券反而多付¥50），本单不用券');
    expect(miss([serum], true, off(10_000))).toBe('会员价已同样优惠，本单无需用券');
  });

  test('the discount is spread over eligible lines by largest remainder, capped at each floor', () => {
    const r = priceOrder({ lines: [{ ...serum, qty: 2 }, mask], isMember: false, coupon: off(10_000), stacking: OR });
    // Weights 137,600 : 12,800 → 9,149.0 : 850.9 → largest remainder gives the spare fen to the mask line.
    expect(r.lines.map((l) => l.couponDiscountFen)).toEqual([9_149, 851]);
    // A line at its floor takes nothing; the other takes it all.
    const capped = priceOrder({ lines: [serum, { ...mask, floorFen: 12_800 }], isMember: false, coupon: off(3_000), stacking: OR });
    expect(capped.lines.map((l) => l.couponDiscountFen)).toEqual([3_000, 0]);
    expect(spread(10, [1, 1], [2, 100])).toEqual([2, 8]);
  });

  test('partial refunds of a discounted line add up to exactly what was paid', () => {
    const line = { qty: 3, unitFen: 1_000, couponDiscountFen: 100 };
    const parts = [refundForUnits(line, 0, 1), refundForUnits(line, 1, 1), refundForUnits(line, 2, 1)];
    expect(parts).toEqual([967, 966, 967]);
    expect(parts.reduce((a, b) => a + b)).toBe(paidForUnits(line, 3));
    expect(paidForUnits(line, 3)).toBe(2_900);
  });
});

describe('properties', () => {
  const line = fc
    .record({
      id: fc.integer({ min: 0, max: 5 }),
      qty: fc.integer({ min: 1, max: 5 }),
      trial: fc.boolean(),
      price: fc.integer({ min: 1, max: 200_000 }),
      memberRatio: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      floorRatio: fc.integer({ min: 0, max: 100 }),
    })
    .map(({ id, qty, trial, price, memberRatio, floorRatio }): PricingLineInput => {
      const memberPriceFen = memberRatio === undefined ? undefined : Math.max(1, Math.floor((price * memberRatio) / 100));
      const floorFen = Math.floor(((memberPriceFen ?? price) * floorRatio) / 100);
      return { productId: `prd_p${id}`, qty, kind: trial ? 'trial' : 'regular', priceFen: price, ...(memberPriceFen !== undefined ? { memberPriceFen } : {}), floorFen };
    });
  const lines = fc.uniqueArray(line, { minLength: 1, maxLength: 5, selector: (l) => l.productId });
  const coupon = fc.oneof(
    fc.record({ a: fc.integer({ min: 1, max: 300_000 }), m: fc.integer({ min: 0, max: 300_000 }) }).map(({ a, m }) => off(a, m)),
    fc.record({ p: fc.integer({ min: 1, max: 90 }), cap: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }), m: fc.integer({ min: 0, max: 300_000 }) }).map(({ p, cap, m }) => pct(p, cap, m)),
  );
  const stacking = fc.constantFrom<CouponStacking>('member-price-or-coupon', 'both');
  const face = (c: CouponTerms, eligibleFen: number) => (c.offer.code === 'amount-off' ? c.offer.args.amountFen : Math.min(Math.round((eligibleFen * c.offer.args.percent) / 100), c.offer.args.maxOffFen ?? Infinity));

  test('never below any line floor; Σ lines = total; discount ≤ face; lines consistent', () => {
    fc.assert(
      fc.property(lines, fc.boolean(), coupon, stacking, (ls, isMember, c, st) => {
        const r = priceOrder({ lines: ls, isMember, coupon: c, stacking: st });
        expect(r.lines.reduce((s, l) => s + l.lineTotalFen, 0)).toBe(r.totalFen);
        expect(r.subtotalFen - r.couponDiscountFen).toBe(r.totalFen);
        r.lines.forEach((l, i) => {
          expect(l.lineTotalFen).toBeGreaterThanOrEqual(ls[i].floorFen * ls[i].qty);
          expect(l.lineTotalFen).toBe(l.unitFen * l.qty - l.couponDiscountFen);
          expect(l.couponDiscountFen).toBeGreaterThanOrEqual(0);
          if (ls[i].kind === 'trial') expect(l.couponDiscountFen).toBe(0);
        });
        if (r.coupon?.applied) {
          const eligibleFen = r.lines.filter((_, i) => ls[i].kind === 'regular').reduce((s, l) => s + l.unitFen * l.qty, 0);
          expect(r.couponDiscountFen).toBe(r.coupon.discountFen);
          expect(r.couponDiscountFen).toBeLessThanOrEqual(face(c, eligibleFen));
          expect(eligibleFen).toBeGreaterThanOrEqual(c.minSpendFen);
        } else {
          expect(r.couponDiscountFen).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  test("'member-price-or-coupon' is the cheaper of the two options and never cheaper than 'both'", () => {
    fc.assert(
      fc.property(lines, fc.boolean(), coupon, (ls, isMember, c) => {
        const or = priceOrder({ lines: ls, isMember, coupon: c, stacking: OR });
        const both = priceOrder({ lines: ls, isMember, coupon: c, stacking: 'both' });
        const memberOnly = priceOrder({ lines: ls, isMember, stacking: OR });
        const couponOnList = priceOrder({ lines: ls, isMember: false, coupon: c, stacking: OR });
        expect(or.totalFen).toBe(Math.min(memberOnly.totalFen, couponOnList.totalFen));
        expect(or.totalFen).toBeGreaterThanOrEqual(both.totalFen);
        // Never both: with 'or', a coupon is applied only to list prices.
        if (or.coupon?.applied) expect(or.lines.every((l) => !l.memberPriceApplied)).toBe(true);
        expect(both.totalFen).toBeLessThanOrEqual(memberOnly.totalFen);
      }),
      { numRuns: 500 },
    );
  });

  test('refund parts of any line sum to what was paid for it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100 }), fc.array(fc.integer({ min: 1, max: 5 })), (qty, unitFen, pctOff, steps) => {
        const couponDiscountFen = Math.floor((unitFen * qty * pctOff) / 100);
        const l = { qty, unitFen, couponDiscountFen };
        let done = 0;
        let back = 0;
        for (const s of steps) {
          const k = Math.min(s, qty - done);
          if (k <= 0) break;
          const part = refundForUnits(l, done, k);
          expect(part).toBeGreaterThanOrEqual(0);
          back += part;
          done += k;
        }
        back += refundForUnits(l, done, qty - done);
        expect(back).toBe(unitFen * qty - couponDiscountFen);
      }),
    );
  });
});

describe('templates and coupons', () => {
  const base = { name: '新客满减', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000, validity: { kind: 'days', days: 7 } };

  test('schema: defaults, strictness, rules in Chinese', () => {
    const t = couponTemplateInputSchema.parse(base);
    expect(t).toMatchObject({ perCustomerLimit: 1, claimable: false, nextPurchaseOnly: false });
    expect(couponTemplateInputSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(couponTemplateInputSchema.safeParse({ ...base, offer: { code: 'amount-off', args: { amountFen: 5.5 } } }).success).toBe(false);
    const over = couponTemplateInputSchema.safeParse({ ...base, offer: { code: 'amount-off', args: { amountFen: 30_000 } } });
    expect(over.success ? '' : over.error.issues[0].message).toBe('减免金额须低于使用门槛（否则请把门槛设为 0）');
    const window = couponTemplateInputSchema.safeParse({ ...base, validity: { kind: 'fixed', from: 10, until: 5 } });
    expect(window.success ? '' : window.error.issues[0].message).toBe('有效期结束时间必须晚于开始时间');
    expect(couponTemplateInputSchema.safeParse({ ...base, offer: { code: 'percent-off', args: { percent: 95 } } }).success).toBe(false);
  });

  test('labels', () => {
    expect(offerLabel({ offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000 })).toBe('满¥300减¥50');
    expect(offerLabel({ offer: { code: 'amount-off', args: { amountFen: 2_000 } }, minSpendFen: 0 })).toBe('无门槛减¥20');
    expect(offerLabel({ offer: { code: 'percent-off', args: { percent: 15, maxOffFen: 10_000 } }, minSpendFen: 20_000 })).toBe('满¥200享8.5折，最多减¥100');
    expect(offerLabel({ offer: { code: 'percent-off', args: { percent: 20 } }, minSpendFen: 0 })).toBe('无门槛8折');
  });

  test('validity windows and what blocks a coupon', () => {
    const T = 1_800_000_000_000;
    expect(validityWindow({ kind: 'days', days: 7 }, T)).toEqual({ validFrom: T, validUntil: T + 7 * DAY_MS });
    expect(validityWindow({ kind: 'fixed', from: 5, until: 9 }, T)).toEqual({ validFrom: 5, validUntil: 9 });
    const c: Pick<CouponDoc, 'status' | 'validFrom' | 'validUntil' | 'rule' | 'nextPurchaseAfter'> = {
      status: 'available',
      validFrom: T,
      validUntil: T + DAY_MS,
      nextPurchaseAfter: T,
      rule: { name: 'x', offer: { code: 'amount-off', args: { amountFen: 1 } }, minSpendFen: 0, nextPurchaseOnly: true },
    };
    expect(couponBlock(c, T)).toBeNull();
    expect(couponBlock(c, T - 1)).toBe('not-started');
    expect(couponBlock(c, T + DAY_MS + 1)).toBe('expired');
    expect(couponBlock(c, T + 5, T - 1)).toBeNull(); // a purchase before the issue does not count
    expect(couponBlock(c, T + 5, T + 1)).toBe('next-purchase-passed');
    expect(couponBlock({ ...c, rule: { ...c.rule, nextPurchaseOnly: false } }, T + 5, T + 1)).toBeNull();
    expect(couponBlock({ ...c, status: 'reserved' }, T)).toBe('reserved');
  });
});
