/** One deduction of a waterfall. */
export interface WaterfallStep {
  key: string;
  label: string;
  value: number;
}

export interface WaterfallRow {
  key: string;
  label: string;
  kind: 'start' | 'step' | 'end';
  /** The bar spans [from, to] in value units. */
  from: number;
  to: number;
  /** What the row prints: the start/end value, or the deduction. */
  amount: number;
}

/**
 * The rows of a waterfall and the horizontal scale that fits them all (including 0 and a
 * negative end): start = [0, start], each step = [running − d, running], end = [0, running].
 */
export function waterfallRows(start: { label: string; value: number }, steps: readonly WaterfallStep[], end: { label: string }): { rows: WaterfallRow[]; scale: { lo: number; hi: number } } {
  const rows: WaterfallRow[] = [{ key: 'start', label: start.label, kind: 'start', from: 0, to: start.value, amount: start.value }];
  let running = start.value;
  for (const s of steps) {
    rows.push({ key: s.key, label: s.label, kind: 'step', from: running - s.value, to: running, amount: s.value });
    running -= s.value;
  }
  rows.push({ key: 'end', label: end.label, kind: 'end', from: 0, to: running, amount: running });
  const ends = rows.flatMap((r) => [r.from, r.to]);
  const lo = Math.min(0, ...ends);
  const hi = Math.max(0, ...ends);
  return { rows, scale: { lo, hi: hi === lo ? lo + 1 : hi } };
}
