import { prorate } from '../money/rounding';

/**
 * Stored value is held in lots: each top-up is one lot {principal, bonus} (PRODUCT.md "Stored
 * value"). A spend records how much principal and bonus it took from which lots, so a refund can
 * put money back exactly where it came from and a withdrawal returns only unused principal.
 */
export interface Lot {
  lotId: string;
  createdAt: number;
  principalFen: number;
  bonusFen: number;
  principalLeftFen: number;
  bonusLeftFen: number;
}

export interface LotDraw {
  lotId: string;
  principalFen: number;
  bonusFen: number;
}

/** How a balance payment draws from lots (the setting `spendRule` offers exactly these). */
export const SPEND_RULES = ['proportional', 'principal-first', 'bonus-first'] as const;
export type SpendRule = (typeof SPEND_RULES)[number];
export const SPEND_RULE_LABELS: Readonly<Record<SpendRule, string>> = {
  proportional: '按比例扣减本金与赠送',
  'principal-first': '先扣本金',
  'bonus-first': '先扣赠送',
};

export interface Allocation {
  principalFen: number;
  bonusFen: number;
  draws: LotDraw[];
}

export const lotRemaining = (l: Lot) => l.principalLeftFen + l.bonusLeftFen;

/** Oldest lot first; ties by id so the order is total and replays allocate identically. */
export const byAge = (a: Lot, b: Lot) => a.createdAt - b.createdAt || (a.lotId < b.lotId ? -1 : a.lotId > b.lotId ? 1 : 0);

/**
 * Allocates `amountFen` across lots, oldest first. `proportional` (the default, as in the Supreme
 * People's Court 2025 draft on prepaid refunds) takes principal and bonus from each lot in the
 * ratio of what remains in it; the split is rounded by largest remainder so the parts always sum
 * to the amount. Returns null when the lots cannot cover the amount (nothing is allocated).
 */
export function allocateSpend(lots: readonly Lot[], amountFen: number, rule: SpendRule): Allocation | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new RangeError('spend amount must be a positive integer');
  const ordered = [...lots].filter((l) => lotRemaining(l) > 0).sort(byAge);
  const available = ordered.reduce((s, l) => s + lotRemaining(l), 0);
  if (available < amountFen) return null;

  if (rule === 'proportional') {
    const draws: LotDraw[] = [];
    let left = amountFen;
    for (const lot of ordered) {
      if (left === 0) break;
      const take = Math.min(left, lotRemaining(lot));
      const [p, b] = prorate(take, [lot.principalLeftFen, lot.bonusLeftFen]);
      draws.push({ lotId: lot.lotId, principalFen: p, bonusFen: b });
      left -= take;
    }
    return summarize(draws);
  }
  // principal-first / bonus-first: exhaust one kind across all lots (oldest first), then the other.
  const order: Array<'principal' | 'bonus'> = rule === 'principal-first' ? ['principal', 'bonus'] : ['bonus', 'principal'];
  const draws = new Map<string, LotDraw>(ordered.map((l) => [l.lotId, { lotId: l.lotId, principalFen: 0, bonusFen: 0 }]));
  let left = amountFen;
  for (const kind of order) {
    for (const lot of ordered) {
      if (left === 0) break;
      const avail = kind === 'principal' ? lot.principalLeftFen : lot.bonusLeftFen;
      const take = Math.min(left, avail);
      if (take === 0) continue;
      const d = draws.get(lot.lotId)!;
      if (kind === 'principal') d.principalFen += take;
      else d.bonusFen += take;
      left -= take;
    }
  }
  return summarize([...draws.values()].filter((d) => d.principalFen + d.bonusFen > 0));
}

const summarize = (draws: LotDraw[]): Allocation => ({
  principalFen: draws.reduce((s, d) => s + d.principalFen, 0),
  bonusFen: draws.reduce((s, d) => s + d.bonusFen, 0),
  draws,
});

/** Applies draws to lots (negative sign = spend, positive = give back on refund). Pure: returns new lots. */
export function applyDraws(lots: readonly Lot[], draws: readonly LotDraw[], sign: 1 | -1): Lot[] {
  const byId = new Map(draws.map((d) => [d.lotId, d]));
  return lots.map((l) => {
    const d = byId.get(l.lotId);
    if (!d) return l;
    const next = { ...l, principalLeftFen: l.principalLeftFen + sign * d.principalFen, bonusLeftFen: l.bonusLeftFen + sign * d.bonusFen };
    if (next.principalLeftFen < 0 || next.bonusLeftFen < 0 || next.principalLeftFen > l.principalFen || next.bonusLeftFen > l.bonusFen) {
      throw new RangeError(`draw on ${l.lotId} would leave the lot outside [0, original]`);
    }
    return next;
  });
}

/**
 * The part of an earlier balance payment to give back when refunding `refundFen` of it (partial
 * refunds by line): the original draws scaled down by largest remainder, so repeated partial
 * refunds never return more than was drawn from any lot.
 */
export function refundDraws(original: readonly LotDraw[], alreadyRefunded: readonly LotDraw[], refundFen: number): LotDraw[] {
  const refunded = new Map<string, { p: number; b: number }>();
  for (const d of alreadyRefunded) {
    const r = refunded.get(d.lotId) ?? { p: 0, b: 0 };
    refunded.set(d.lotId, { p: r.p + d.principalFen, b: r.b + d.bonusFen });
  }
  const remaining = original.map((d) => {
    const r = refunded.get(d.lotId) ?? { p: 0, b: 0 };
    return { lotId: d.lotId, p: d.principalFen - r.p, b: d.bonusFen - r.b };
  });
  const cells = remaining.flatMap((r) => [r.p, r.b]);
  const total = cells.reduce((s, x) => s + x, 0);
  if (refundFen > total) throw new RangeError('refund exceeds what is left of the payment');
  if (refundFen === 0) return [];
  const parts = prorate(refundFen, cells);
  return remaining
    .map((r, i) => ({ lotId: r.lotId, principalFen: parts[2 * i], bonusFen: parts[2 * i + 1] }))
    .filter((d) => d.principalFen + d.bonusFen > 0);
}

/** What a stored-value refund would pay out now: all unused principal; unused bonus is forfeited. */
export function refundQuote(lots: readonly Lot[]): { refundableFen: number; forfeitBonusFen: number } {
  return {
    refundableFen: lots.reduce((s, l) => s + l.principalLeftFen, 0),
    forfeitBonusFen: lots.reduce((s, l) => s + l.bonusLeftFen, 0),
  };
}

/**
 * A refund into a wallet may not take it over the named-balance cap (issue 15 #2). What is over goes
 * out as principal, each lot's share back to the WeChat payment that bought it (as a stored-value
 * refund does): first from the lots the refund returned to, then the newest others — so the
 * customer keeps the bonus (which cannot be paid out) and loses nothing. Only when the wallet holds
 * too little principal to cover the excess is the rest bonus, forfeited. Pure; `lots` are the
 * spendable lots after the refund's draws were put back (reserved balance is never touched).
 */
export function overCapWithdrawal(lots: readonly Lot[], returned: readonly LotDraw[], excessFen: number): { principal: LotDraw[]; forfeitBonus: LotDraw[] } {
  if (excessFen <= 0) return { principal: [], forfeitBonus: [] };
  const first = returned.map((d) => d.lotId);
  const order = [...lots].sort((a, b) => {
    const ia = first.indexOf(a.lotId);
    const ib = first.indexOf(b.lotId);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return -byAge(a, b);
  });
  let left = excessFen;
  const principal: LotDraw[] = [];
  for (const l of order) {
    const take = Math.min(l.principalLeftFen, left);
    if (take > 0) principal.push({ lotId: l.lotId, principalFen: take, bonusFen: 0 });
    left -= take;
    if (left === 0) break;
  }
  const forfeitBonus: LotDraw[] = [];
  for (const l of order) {
    if (left === 0) break;
    const take = Math.min(l.bonusLeftFen, left);
    if (take > 0) forfeitBonus.push({ lotId: l.lotId, principalFen: 0, bonusFen: take });
    left -= take;
  }
  return { principal, forfeitBonus };
}
