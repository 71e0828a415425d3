import type { TrialFact } from '../segments/profile';

/**
 * Trial → full conversion (PRODUCT.md "Trial products", seed 001), per CUSTOMER:
 * - buyer: bought at least one trial;
 * - converted: bought a trial's full product at or after that trial (the profile records it);
 * - refunded: every trial refunded and none converted (they are buyers who walked away);
 * - time to convert: from the trial to the first full purchase, the customer's fastest.
 * The median is over converted customers (robust to the one who came back after a year).
 */
export interface TrialConversion {
  buyers: number;
  converted: number;
  refundedUnconverted: number;
  /** Converted share of buyers in percent, one decimal (null without buyers). */
  ratePct: number | null;
  medianTimeToConvertMs: number | null;
}

/** Percent with one decimal from integer counts (null when there is no base). */
export const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

/** Median of integers (mean of the middle two, rounded down, for an even count); null when empty. */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : Math.floor((s[mid - 1] + s[mid]) / 2);
}

/** Accumulates customers page by page (a profile scan), then summarises. */
export class TrialConversionTally {
  private buyers = 0;
  private converted = 0;
  private refunded = 0;
  private readonly times: number[] = [];

  add(trials: readonly TrialFact[] | undefined): void {
    if (!trials?.length) return;
    this.buyers++;
    const times = trials.filter((t) => t.timeToConvertMs !== undefined).map((t) => t.timeToConvertMs!);
    if (times.length) {
      this.converted++;
      this.times.push(Math.min(...times));
    } else if (trials.every((t) => t.refundedAt !== undefined)) {
      this.refunded++;
    }
  }

  result(): TrialConversion {
    return { buyers: this.buyers, converted: this.converted, refundedUnconverted: this.refunded, ratePct: pct(this.converted, this.buyers), medianTimeToConvertMs: median(this.times) };
  }
}

/**
 * The first-three-purchase funnel (seed 000/001): customers with at least 1, 2, 3 qualifying
 * purchases that still stand, from the segment counts `purchases:1|2|3plus` (index-only counts).
 */
export interface PurchaseFunnel {
  atLeast1: number;
  atLeast2: number;
  atLeast3: number;
  /** Step rates in percent: 1st → 2nd and 2nd → 3rd. */
  secondPct: number | null;
  thirdPct: number | null;
}

export function purchaseFunnel(counts: Readonly<Record<string, number>>): PurchaseFunnel {
  const c = (k: string) => counts[k] ?? 0;
  const atLeast3 = c('purchases:3plus');
  const atLeast2 = atLeast3 + c('purchases:2');
  const atLeast1 = atLeast2 + c('purchases:1');
  return { atLeast1, atLeast2, atLeast3, secondPct: pct(atLeast2, atLeast1), thirdPct: pct(atLeast3, atLeast2) };
}
