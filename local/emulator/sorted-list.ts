/**
 * An ordered list kept as a list of small sorted chunks (the "sorted containers" layout).
 * Why not one sorted array: inserting into a million-entry array moves megabytes per write;
 * why not a tree: chunks of a few hundred entries are cache-friendly, simple to get right and
 * give O(log n) search plus O(chunk) insert/remove, which is what the in-memory indexes need.
 */
const LOAD = 256;

export interface Cursor {
  chunk: number;
  index: number;
}

export class SortedList<T> {
  private chunks: T[][] = [];
  private count = 0;

  constructor(private readonly cmp: (a: T, b: T) => number) {}

  get size(): number {
    return this.count;
  }

  /** Replace the whole content with `sorted` (already ordered by `cmp`, no duplicates). */
  bulkLoad(sorted: T[]): void {
    this.chunks = [];
    for (let i = 0; i < sorted.length; i += LOAD) this.chunks.push(sorted.slice(i, i + LOAD));
    this.count = sorted.length;
  }

  /** First position whose element is >= key (or > key when `strict`). */
  lowerBound(key: T, strict = false): Cursor {
    const { chunks, cmp } = this;
    // Find the first chunk whose last element is >= key (> key when strict).
    let lo = 0;
    let hi = chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const last = chunks[mid][chunks[mid].length - 1];
      const c = cmp(last, key);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === chunks.length) return { chunk: chunks.length, index: 0 };
    const chunk = chunks[lo];
    let a = 0;
    let b = chunk.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      const c = cmp(chunk[mid], key);
      if (c < 0 || (strict && c === 0)) a = mid + 1;
      else b = mid;
    }
    return { chunk: lo, index: a };
  }

  at(pos: Cursor): T | undefined {
    return this.chunks[pos.chunk]?.[pos.index];
  }

  /** The element equal to `key`, if any. */
  find(key: T): T | undefined {
    const pos = this.lowerBound(key);
    const v = this.at(pos);
    return v !== undefined && this.cmp(v, key) === 0 ? v : undefined;
  }

  insert(item: T): void {
    if (this.chunks.length === 0) {
      this.chunks.push([item]);
      this.count = 1;
      return;
    }
    let pos = this.lowerBound(item);
    if (pos.chunk === this.chunks.length) pos = { chunk: pos.chunk - 1, index: this.chunks[pos.chunk - 1].length };
    const chunk = this.chunks[pos.chunk];
    chunk.splice(pos.index, 0, item);
    this.count++;
    if (chunk.length > LOAD * 2) this.chunks.splice(pos.chunk, 1, chunk.slice(0, LOAD), chunk.slice(LOAD));
  }

  /** Remove the element equal to `key`; returns whether one was removed. */
  remove(key: T): boolean {
    const pos = this.lowerBound(key);
    const v = this.at(pos);
    if (v === undefined || this.cmp(v, key) !== 0) return false;
    const chunk = this.chunks[pos.chunk];
    chunk.splice(pos.index, 1);
    this.count--;
    if (chunk.length === 0) this.chunks.splice(pos.chunk, 1);
    return true;
  }

  /** How many elements lie in [lo, hi] (both inclusive): two searches plus a walk over chunk sizes, no element visited. */
  countRange(lo: T, hi: T): number {
    const a = this.lowerBound(lo, false);
    const b = this.lowerBound(hi, true);
    if (b.chunk < a.chunk || (b.chunk === a.chunk && b.index <= a.index)) return 0;
    let n = 0;
    for (let c = a.chunk; c < b.chunk; c++) n += this.chunks[c].length;
    return n - a.index + b.index;
  }

  /** Ascending iteration over [lo, hi] with per-side inclusivity. */
  *range(lo: T, loInclusive: boolean, hi: T, hiInclusive: boolean): Generator<T> {
    const { chunks, cmp } = this;
    const start = this.lowerBound(lo, !loInclusive);
    for (let c = start.chunk, i = start.index; c < chunks.length; c++, i = 0) {
      const chunk = chunks[c];
      for (; i < chunk.length; i++) {
        const v = chunk[i];
        const d = cmp(v, hi);
        if (d > 0 || (d === 0 && !hiInclusive)) return;
        yield v;
      }
    }
  }

  /** Descending iteration over [lo, hi]. */
  *rangeDesc(lo: T, loInclusive: boolean, hi: T, hiInclusive: boolean): Generator<T> {
    const { chunks, cmp } = this;
    // Start just past the last element <= hi (< hi when exclusive).
    const end = this.lowerBound(hi, hiInclusive);
    let c = end.chunk;
    let i = end.index - 1;
    if (c === chunks.length) {
      c = chunks.length - 1;
      i = c >= 0 ? chunks[c].length - 1 : -1;
    }
    for (; c >= 0; c--, i = c >= 0 ? chunks[c].length - 1 : -1) {
      const chunk = chunks[c];
      for (; i >= 0; i--) {
        const v = chunk[i];
        const d = cmp(v, lo);
        if (d < 0 || (d === 0 && !loInclusive)) return;
        yield v;
      }
    }
  }
}
