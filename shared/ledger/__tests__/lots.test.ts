import fc from 'fast-check';
import { allocateSpend, applyDraws, refundDraws, refundQuote, type Lot, type LotDraw, type SpendRule } from '../lots';
import { balanceFromEntries, topUpWithinCap } from '../entries';

const lot = (lotId: string, createdAt: number, principalFen: number, bonusFen: number): Lot => ({
  lotId, createdAt, principalFen, bonusFen, principalLeftFen: principalFen, bonusLeftFen: bonusFen,
});

describe('allocateSpend', () => {
  const lots = [lot('lot_b', 2, 100_000, 10_000), lot('lot_a', 1, 50_000, 3_000)];

  test('proportional: oldest lot first, principal:bonus in the lot ratio, exact sum', () => {
    const a = allocateSpend(lots, 10_600, 'proportional')!;
    expect(a.draws).toEqual([{ lotId: 'lot_a', principalFen: 10_000, bonusFen: 600 }]);
    expect(a.principalFen + a.bonusFen).toBe(10_600);
  });

  test('proportional: spills into the next lot when the oldest runs out', () => {
    const a = allocateSpend(lots, 53_000 + 1_100, 'proportional')!;
    expect(a.draws).toEqual([
      { lotId: 'lot_a', principalFen: 50_000, bonusFen: 3_000 },
      { lotId: 'lot_b', principalFen: 1_000, bonusFen: 100 },
    ]);
  });

  test('principal-first and bonus-first', () => {
    expect(allocateSpend(lots, 60_000, 'principal-first')).toMatchObject({ principalFen: 60_000, bonusFen: 0 });
    expect(allocateSpend(lots, 14_000, 'bonus-first')).toMatchObject({ principalFen: 1_000, bonusFen: 13_000 });
  });

  test('insufficient lots → null; bad amounts throw', () => {
    expect(allocateSpend(lots, 163_001, 'proportional')).toBeNull();
    expect(allocateSpend([], 1, 'proportional')).toBeNull();
    expect(() => allocateSpend(lots, 0, 'proportional')).toThrow(RangeError);
    expect(() => allocateSpend(lots, 1.5, 'proportional')).toThrow(RangeError);
  });

  test('refund quote: unused principal refundable, bonus forfeited', () => {
    const after = applyDraws(lots, allocateSpend(lots, 10_600, 'proportional')!.draws, -1);
    expect(refundQuote(after)).toEqual({ refundableFen: 140_000, forfeitBonusFen: 12_400 });
  });

  test('cap check counts bonus as balance', () => {
    expect(topUpWithinCap({ principalFen: 400_000, bonusFen: 40_000, totalFen: 440_000 }, 50_000, 3_000, 500_000)).toBe(true);
    expect(topUpWithinCap({ principalFen: 400_000, bonusFen: 60_000, totalFen: 460_000 }, 50_000, 3_000, 500_000)).toBe(false);
  });
});

/**
 * Property: any sequence of top-ups, spends, partial refunds of spends and withdrawals keeps
 * balance ≥ 0, Σ entries = Σ lot remainders, and never pays out more principal than is unused.
 */
type Op =
  | { kind: 'topup'; principal: number; bonus: number }
  | { kind: 'spend'; amount: number; rule: SpendRule }
  | { kind: 'refund'; which: number; fraction: number }
  | { kind: 'withdraw' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('topup' as const), principal: fc.integer({ min: 1, max: 300_000 }), bonus: fc.integer({ min: 0, max: 40_000 }) }),
  fc.record({ kind: fc.constant('spend' as const), amount: fc.integer({ min: 1, max: 200_000 }), rule: fc.constantFrom<SpendRule>('proportional', 'principal-first', 'bonus-first') }),
  fc.record({ kind: fc.constant('refund' as const), which: fc.nat(), fraction: fc.integer({ min: 1, max: 100 }) }),
  fc.constant({ kind: 'withdraw' as const }),
);

test('ledger invariants hold over random operation sequences', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
      let lots: Lot[] = [];
      const entries: Array<{ principalDeltaFen: number; bonusDeltaFen: number }> = [];
      const spends: Array<{ amount: number; draws: LotDraw[]; refunded: LotDraw[] }> = [];
      let t = 0;
      for (const op of ops) {
        t++;
        if (op.kind === 'topup') {
          lots.push(lot(`lot_${t}`, t, op.principal, op.bonus));
          entries.push({ principalDeltaFen: op.principal, bonusDeltaFen: op.bonus });
        } else if (op.kind === 'spend') {
          const a = allocateSpend(lots, op.amount, op.rule);
          const before = balanceFromEntries(entries).totalFen;
          if (!a) {
            expect(before).toBeLessThan(op.amount);
            continue;
          }
          lots = applyDraws(lots, a.draws, -1);
          entries.push({ principalDeltaFen: -a.principalFen, bonusDeltaFen: -a.bonusFen });
          spends.push({ amount: op.amount, draws: a.draws, refunded: [] });
        } else if (op.kind === 'refund') {
          if (spends.length === 0) continue;
          const s = spends[op.which % spends.length];
          const left = s.amount - s.refunded.reduce((x, d) => x + d.principalFen + d.bonusFen, 0);
          const amount = Math.floor((left * op.fraction) / 100);
          const back = refundDraws(s.draws, s.refunded, amount);
          expect(back.reduce((x, d) => x + d.principalFen + d.bonusFen, 0)).toBe(amount);
          lots = applyDraws(lots, back, 1);
          s.refunded.push(...back);
          entries.push({ principalDeltaFen: back.reduce((x, d) => x + d.principalFen, 0), bonusDeltaFen: back.reduce((x, d) => x + d.bonusFen, 0) });
        } else {
          const q = refundQuote(lots);
          const unusedPrincipal = lots.reduce((x, l) => x + l.principalLeftFen, 0);
          expect(q.refundableFen).toBe(unusedPrincipal);
          lots = lots.map((l) => ({ ...l, principalLeftFen: 0, bonusLeftFen: 0 }));
          entries.push({ principalDeltaFen: -q.refundableFen, bonusDeltaFen: -q.forfeitBonusFen });
        }
        const bal = balanceFromEntries(entries);
        expect(bal.principalFen).toBeGreaterThanOrEqual(0);
        expect(bal.bonusFen).toBeGreaterThanOrEqual(0);
        expect(bal.principalFen).toBe(lots.reduce((x, l) => x + l.principalLeftFen, 0));
        expect(bal.bonusFen).toBe(lots.reduce((x, l) => x + l.bonusLeftFen, 0));
        for (const l of lots) {
          expect(l.principalLeftFen).toBeLessThanOrEqual(l.principalFen);
          expect(l.bonusLeftFen).toBeLessThanOrEqual(l.bonusFen);
        }
      }
    }),
    { numRuns: 300 },
  );
});
