/**
 * The arithmetic behind the charts (no rendering): value → position in percent of the plot, for
 * values that may be negative (a day's profit can be). Charts are drawn with plain Views sized in
 * percent, so the same code renders in weapp and H5 and can be checked in miniprogram-simulate.
 */

/** The smallest "round" number (1, 2, 2.5, 5 × 10^k) at or above `n` (0 stays 0). */
export function niceCeil(n: number): number {
  if (n <= 0) return 0;
  const pow = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * pow >= n) return step * pow;
  return 10 * pow;
}

export interface Scale {
  /** Top and bottom of the plot in value units (lo ≤ 0 ≤ hi). */
  lo: number;
  hi: number;
  /** Where value 0 sits, in percent from the top of the plot. */
  zeroPct: number;
}

/** A scale that shows every value and 0; an all-zero chart gets a unit range so nothing divides by 0. */
export function scaleFor(values: readonly number[]): Scale {
  const lo = -niceCeil(-Math.min(0, ...values)) || 0;
  let hi = niceCeil(Math.max(0, ...values));
  if (hi === lo) hi = 1;
  return { lo, hi, zeroPct: (hi / (hi - lo)) * 100 };
}

const clampPct = (n: number) => Math.max(0, Math.min(100, n));

/**
 * A vertical bar for `value`: `top` and `height` in percent of the plot (positive values stand on
 * the zero line, negative ones hang from it).
 */
export function columnBar(value: number, s: Scale): { topPct: number; heightPct: number } {
  const span = s.hi - s.lo || 1;
  const heightPct = clampPct((Math.abs(value) / span) * 100);
  return value >= 0 ? { topPct: clampPct(s.zeroPct - heightPct), heightPct } : { topPct: s.zeroPct, heightPct };
}

/** A horizontal span [a, b] on a scale: `left` and `width` in percent of the track. */
export function spanBar(a: number, b: number, s: Pick<Scale, 'lo' | 'hi'>): { leftPct: number; widthPct: number } {
  const span = s.hi - s.lo || 1;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  return { leftPct: clampPct(((lo - s.lo) / span) * 100), widthPct: clampPct(((hi - lo) / span) * 100) };
}

/**
 * Which x labels to print so they do not run into each other: every k-th one, always the last.
 * `max` is how many fit under the plot.
 */
export function labelEvery(count: number, max: number): (i: number) => boolean {
  const k = Math.max(1, Math.ceil(count / Math.max(1, max)));
  return (i) => i === count - 1 || ((count - 1 - i) % k === 0 && count - 1 - i >= k / 2);
}

/**
 * Groups a long daily series into consecutive buckets when there are more days than columns fit:
 * whole weeks (or multiples of a week), counted back from the last day so the newest bucket is
 * always whole — e.g. 90 days → 13 weeks (the oldest holds the 6 days left over).
 */
export function bucketIndices(count: number, maxColumns: number): Array<{ first: number; last: number }> {
  const cols = Math.max(1, maxColumns);
  const size = count <= cols ? 1 : 7 * Math.ceil(count / (7 * cols));
  const out: Array<{ first: number; last: number }> = [];
  for (let last = count - 1; last >= 0; last -= size) out.push({ first: Math.max(0, last - size + 1), last });
  return out.reverse();
}
