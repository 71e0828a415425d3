import { fen, type Fen } from './fen';

/**
 * The ONE place a rate meets money (DESIGN rule 1). Rates are rational (numerator/denominator,
 * e.g. 95/100 for 95%) so no binary float ever touches an amount; the result is rounded half-up
 * to the nearest fen. Negative amounts round symmetrically (half away from zero).
 */
export function applyRate(amount: number, numerator: number, denominator: number): Fen {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new RangeError('applyRate takes integers');
  }
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const sign = Math.sign(amount) * Math.sign(numerator) || 1;
  const num = BigInt(Math.abs(amount)) * BigInt(Math.abs(numerator));
  const den = BigInt(denominator);
  const q = num / den;
  const r = num % den;
  const rounded = r * 2n >= den ? q + 1n : q;
  return fen(sign * Number(rounded));
}

/**
 * Split `total` across `weights` so the parts sum to exactly `total` (largest remainder method;
 * ties go to the earlier index, so the result is deterministic).
 */
export function prorate(total: number, weights: readonly number[]): Fen[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError('prorate total must be a non-negative integer');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be non-negative integers');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) return [];
  if (sum === 0) {
    if (total === 0) return weights.map(() => fen(0));
    throw new RangeError('cannot prorate a positive total over zero weights');
  }
  const T = BigInt(total);
  const S = BigInt(sum);
  const floors = weights.map((w) => (T * BigInt(w)) / S);
  const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % S }));
  let left = T - floors.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of rems) {
    if (left === 0n) break;
    floors[i] += 1n;
    left -= 1n;
  }
  return floors.map((f) => fen(Number(f)));
}
