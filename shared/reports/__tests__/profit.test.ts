import fc from 'fast-check';
import { allocateSpend, applyDraws, refundDraws, refundQuote, type Lot, type LotDraw } from '../../ledger/lots';
import type { EventEnvelope, EventLine, EventType } from '../../events/domain-event';
import { liabilityChangeOf, profitOf, PROFIT_STEPS } from '../profit';
import { addCounters, countersOf, emptyCounters, lineCost, sumCounters, type ReportedEvent } from '../rollup';

type Ev = ReportedEvent;
const money = (totalFen: number, principalFen = 0, bonusFen = 0): EventEnvelope['amounts'] => ({ totalFen, cashFen: totalFen - principalFen - bonusFen, principalFen, bonusFen });
// Only the fields the report reads (a gift claim's cost, not its gift id): built loosely, read as the report types it.
const ev = (type: EventType, amounts: EventEnvelope['amounts'], extra: { lines?: EventLine[]; data?: Record<string, number> } = {}): Ev => ({ type, amounts, ...extra }) as Ev;
const regular = (qty: number, unitFen: number, costFen: number): EventLine => ({ productId: 'prd_r', kind: 'regular', qty, amountFen: qty * unitFen, costFen });
const trial = (priceFen: number, costFen: number): EventLine => ({ productId: 'prd_t', kind: 'trial', qty: 1, amountFen: priceFen, costFen, fullProductId: 'prd_r' });

describe('lineCost: trial losses are never inside COGS', () => {
  test.each([
    ['regular: whole cost is COGS', regular(2, 10_000, 3_000), { cogsFen: 6_000, trialLossFen: 0 }],
    ['regular sold below cost is still COGS (a margin problem, not a trial loss)', regular(1, 1_000, 3_000), { cogsFen: 3_000, trialLossFen: 0 }],
    ['trial below cost: price covers part, the rest is the loss', trial(1_800, 6_000), { cogsFen: 1_800, trialLossFen: 4_200 }],
    ['trial at or above cost: no loss', trial(1_800, 1_500), { cogsFen: 1_500, trialLossFen: 0 }],
    ['cost unknown (older event): 0', { productId: 'x', kind: 'regular' as const, qty: 3, amountFen: 300 }, { cogsFen: 0, trialLossFen: 0 }],
  ])('%s', (_name, line, expected) => {
    expect(lineCost(line)).toEqual(expected);
  });
});

describe('countersOf: what each money event contributes', () => {
  test.each<[string, Ev, Partial<ReturnType<typeof emptyCounters>>]>([
    ['paid order by WeChat with a coupon', ev('order.paid', money(18_000), { lines: [regular(1, 20_000, 7_000)], data: { couponFen: 2_000 } }), { productOrders: 1, productSalesFen: 20_000, couponFen: 2_000, cogsFen: 7_000 }],
    ['paid order by balance', ev('order.paid', money(10_600, 10_000, 600), { lines: [regular(1, 10_600, 4_000)] }), { productOrders: 1, productSalesFen: 10_600, spentPrincipalFen: 10_000, spentBonusFen: 600, cogsFen: 4_000 }],
    ['trial order below cost', ev('order.paid', money(1_800), { lines: [trial(1_800, 6_000)] }), { productOrders: 1, productSalesFen: 1_800, cogsFen: 1_800, trialLossFen: 4_200, trialsSold: 1 }],
    ['refund to balance reverses cost, returns the draws', ev('order.refunded', money(10_600, 10_000, 600), { lines: [regular(1, 10_600, 4_000)] }), { refunds: 1, productRefundsFen: 10_600, returnedPrincipalFen: 10_000, returnedBonusFen: 600, cogsFen: -4_000 }],
    ['refunded trial reverses its loss', ev('order.refunded', money(1_800), { lines: [trial(1_800, 6_000)] }), { refunds: 1, productRefundsFen: 1_800, cogsFen: -1_800, trialLossFen: -4_200, trialsRefunded: 1 }],
    ['membership fee', ev('membership.purchased', money(100_000)), { membershipsSold: 1, membershipFeesFen: 100_000 }],
    ['membership refund (claimed pack deducted)', ev('membership.refunded', money(40_000)), { refunds: 1, membershipRefundsFen: 40_000 }],
    ['top-up: liability, not revenue', ev('wallet.topup', money(50_000), { data: { principalFen: 50_000, bonusFen: 3_000 } }), { topUps: 1, topUpPrincipalFen: 50_000, topUpBonusFen: 3_000 }],
    ['stored-value refund: principal out, bonus forfeited', ev('wallet.refunded', money(20_000, 20_000, 1_200), { data: { forfeitBonusFen: 1_200 } }), { withdrawnPrincipalFen: 20_000, forfeitedBonusFen: 1_200 }],
    ['gift claim costs the pack', ev('gift.claimed', money(0), { data: { costFen: 60_000, valueFen: 150_000 } }), { giftClaims: 1, giftCostFen: 60_000 }],
  ])('%s', (_name, e, expected) => {
    expect(countersOf(e)).toEqual({ ...emptyCounters(), events: 1, ...expected });
  });

  test('interactions move no money and fold to nothing', () => {
    expect(countersOf(ev('customer.visited', money(0)))).toEqual(emptyCounters());
    expect(countersOf(ev('lifecycle.changed', money(0)))).toEqual(emptyCounters());
  });
});

test('profit waterfall of a small day, by hand', () => {
  const day = sumCounters(
    [
      ev('order.paid', money(18_000), { lines: [regular(1, 20_000, 7_000)], data: { couponFen: 2_000 } }),
      ev('order.paid', money(10_600, 10_000, 600), { lines: [regular(1, 10_600, 4_000)] }),
      ev('order.paid', money(1_800), { lines: [trial(1_800, 6_000)] }),
      ev('membership.purchased', money(100_000)),
      ev('gift.claimed', money(0), { data: { costFen: 60_000 } }),
      ev('wallet.topup', money(50_000), { data: { principalFen: 50_000, bonusFen: 3_000 } }),
      ev('order.refunded', money(1_800), { lines: [trial(1_800, 6_000)] }),
    ].map(countersOf),
  );
  expect(profitOf(day)).toEqual({
    gmvFen: 20_000 + 10_600 + 1_800 + 100_000,
    productSalesFen: 32_400,
    membershipFeesFen: 100_000,
    refundsFen: 1_800,
    cogsFen: 7_000 + 4_000,
    trialLossFen: 0,
    giftCostFen: 60_000,
    bonusSpentFen: 600,
    couponFen: 2_000,
    profitFen: 132_400 - 1_800 - 11_000 - 60_000 - 600 - 2_000,
  });
  // The top-up is liability only.
  expect(liabilityChangeOf(day)).toMatchObject({ principalInFen: 50_000, principalOutFen: 10_000, bonusInFen: 3_000, bonusOutFen: 600, principalDeltaFen: 40_000, bonusDeltaFen: 2_400 });
});

// ---- properties ---------------------------------------------------------------------------

/**
 * A random customer history run through the real ledger rules (lots, proportional/other spend
 * rules, refunds into the same lots, stored-value withdrawal), emitting the events the money core
 * writes. Properties: (1) liability from the folded events equals what the lots still hold;
 * (2) profit equals money kept for goods and fees (cash + principal, net of refunds) minus the full
 * cost of goods and gifts — so no deduction is counted twice or forgotten; (3) folding in any
 * split and order (shards, days) gives the same counters.
 */
type Op =
  | { kind: 'topup'; principal: number; bonus: number }
  | { kind: 'buy'; unit: number; cost: number; qty: number; trial: boolean; balance: boolean; coupon: number }
  | { kind: 'refund'; which: number; qty: number }
  | { kind: 'fee'; amount: number; balance: boolean }
  | { kind: 'gift'; cost: number }
  | { kind: 'withdraw' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('topup' as const), principal: fc.integer({ min: 1, max: 300_000 }), bonus: fc.integer({ min: 0, max: 40_000 }) }),
  fc.record({
    kind: fc.constant('buy' as const),
    unit: fc.integer({ min: 1, max: 80_000 }),
    cost: fc.integer({ min: 0, max: 90_000 }),
    qty: fc.integer({ min: 1, max: 3 }),
    trial: fc.boolean(),
    balance: fc.boolean(),
    coupon: fc.integer({ min: 0, max: 5_000 }),
  }),
  fc.record({ kind: fc.constant('refund' as const), which: fc.nat(), qty: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('fee' as const), amount: fc.integer({ min: 1, max: 100_000 }), balance: fc.boolean() }),
  fc.record({ kind: fc.constant('gift' as const), cost: fc.integer({ min: 0, max: 60_000 }) }),
  fc.constant({ kind: 'withdraw' as const }),
);

interface Sale {
  line: EventLine;
  unit: number;
  balance: boolean;
  draws: LotDraw[];
  refunded: LotDraw[];
  refundedQty: number;
  paidFen: number;
  refundedFen: number;
}

function simulate(ops: Op[]) {
  let lots: Lot[] = [];
  const events: Ev[] = [];
  const sales: Sale[] = [];
  let kept = 0; // cash + principal received for goods and fees, net of refunds
  let fullCost = 0; // full cost of goods (net of refunded units) and gifts
  let t = 0;
  const pay = (amount: number, balance: boolean) => {
    if (!balance) return { amounts: money(amount), draws: [] as LotDraw[] };
    const a = allocateSpend(lots, amount, 'proportional');
    if (!a) return null;
    lots = applyDraws(lots, a.draws, -1);
    return { amounts: money(amount, a.principalFen, a.bonusFen), draws: a.draws };
  };
  for (const op of ops) {
    t++;
    if (op.kind === 'topup') {
      lots.push({ lotId: `lot_${t}`, createdAt: t, principalFen: op.principal, bonusFen: op.bonus, principalLeftFen: op.principal, bonusLeftFen: op.bonus });
      events.push(ev('wallet.topup', money(op.principal), { data: { principalFen: op.principal, bonusFen: op.bonus } }));
    } else if (op.kind === 'buy') {
      const qty = op.trial ? 1 : op.qty;
      const gross = op.unit * qty;
      const coupon = Math.min(op.coupon, gross - 1);
      const paid = pay(gross - coupon, op.balance);
      if (!paid) continue;
      const line: EventLine = { productId: `p${t}`, kind: op.trial ? 'trial' : 'regular', qty, amountFen: gross, costFen: op.cost };
      events.push(ev('order.paid', paid.amounts, { lines: [line], data: { couponFen: coupon } }));
      sales.push({ line, unit: op.unit, balance: op.balance, draws: paid.draws, refunded: [], refundedQty: 0, paidFen: paid.amounts.totalFen, refundedFen: 0 });
      kept += paid.amounts.totalFen - paid.amounts.bonusFen;
      fullCost += op.cost * qty;
    } else if (op.kind === 'refund') {
      if (!sales.length) continue;
      const s = sales[op.which % sales.length];
      const qty = Math.min(op.qty, s.line.qty - s.refundedQty);
      if (qty <= 0) continue;
      // Money back per unit, never more than was charged (the coupon stays a cost).
      const amount = Math.min(qty * s.unit, s.paidFen - s.refundedFen);
      if (amount <= 0) continue;
      s.refundedFen += amount;
      let amounts = money(amount);
      if (s.balance) {
        const back = refundDraws(s.draws, s.refunded, amount);
        lots = applyDraws(lots, back, 1);
        s.refunded.push(...back);
        amounts = money(amount, back.reduce((x, d) => x + d.principalFen, 0), back.reduce((x, d) => x + d.bonusFen, 0));
      }
      s.refundedQty += qty;
      events.push(ev('order.refunded', amounts, { lines: [{ ...s.line, qty, amountFen: qty * s.unit }] }));
      kept -= amounts.totalFen - amounts.bonusFen;
      fullCost -= (s.line.costFen ?? 0) * qty;
    } else if (op.kind === 'fee') {
      const paid = pay(op.amount, op.balance);
      if (!paid) continue;
      events.push(ev('membership.purchased', paid.amounts));
      kept += paid.amounts.totalFen - paid.amounts.bonusFen;
    } else if (op.kind === 'gift') {
      events.push(ev('gift.claimed', money(0), { data: { costFen: op.cost } }));
      fullCost += op.cost;
    } else {
      const q = refundQuote(lots);
      lots = lots.map((l) => ({ ...l, principalLeftFen: 0, bonusLeftFen: 0 }));
      if (q.refundableFen || q.forfeitBonusFen) events.push(ev('wallet.refunded', money(q.refundableFen, q.refundableFen, q.forfeitBonusFen), { data: { forfeitBonusFen: q.forfeitBonusFen } }));
    }
  }
  return { lots, events, kept, fullCost };
}

test('property: liability = what the lots hold; profit = money kept − full cost; any split folds the same', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 40 }), fc.array(fc.nat({ max: 7 }), { minLength: 40, maxLength: 40 }), (ops, shards) => {
      const { lots, events, kept, fullCost } = simulate(ops);
      const all = sumCounters(events.map(countersOf));
      const change = liabilityChangeOf(all);
      expect(change.principalDeltaFen).toBe(lots.reduce((x, l) => x + l.principalLeftFen, 0));
      expect(change.bonusDeltaFen).toBe(lots.reduce((x, l) => x + l.bonusLeftFen, 0));

      const p = profitOf(all);
      expect(p.profitFen).toBe(kept - fullCost);
      expect(p.cogsFen + p.trialLossFen).toBe(events.reduce((x, e) => x + (e.lines ?? []).reduce((y, l) => y + (e.type === 'order.refunded' ? -1 : 1) * (l.costFen ?? 0) * l.qty, 0), 0));
      expect(p.gmvFen - PROFIT_STEPS.reduce((x, s) => x + p[s.key], 0)).toBe(p.profitFen);

      // Shards × reversed order: the rollups add back up to the same counters.
      const byShard = new Map<number, ReturnType<typeof emptyCounters>>();
      [...events].reverse().forEach((e, i) => {
        const s = shards[i % shards.length];
        byShard.set(s, addCounters(byShard.get(s) ?? emptyCounters(), countersOf(e)));
      });
      expect(sumCounters([...byShard.values()])).toEqual(all);
    }),
    { numRuns: 300 },
  );
});
