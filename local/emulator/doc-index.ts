import type { IndexDecl } from '../../shared/schemas/indexes';
import type { Doc } from './ejson';
import { SortedList } from './sorted-list';
import { compareValues, indexValuesAt, MAX_KEY, MIN_KEY } from './values';

/** An index entry: the key values in declared order, then the document's id key. */
export type Tuple = unknown[];

/** Compound keys over arrays fan out as a cross product; bound it like MongoDB refuses parallel arrays. */
const MAX_ENTRIES_PER_DOC = 1000;

/**
 * One declared index kept in memory as an ordered list of tuples. Sentinels (MIN_KEY/MAX_KEY)
 * bound range scans and ignore the key direction, so `[v, MIN…]..[v, MAX…]` is every entry for v.
 */
export class DocIndex {
  readonly name: string;
  readonly fields: string[];
  readonly dirs: Array<1 | -1>;
  readonly unique: boolean;
  /** Fields seen holding arrays: range bounds on them cannot be intersected (MongoDB multikey rule). */
  readonly multikeyFields = new Set<string>();
  private readonly list: SortedList<Tuple>;

  constructor(decl: IndexDecl) {
    this.name = decl.name;
    this.fields = Object.keys(decl.keys);
    this.dirs = this.fields.map((f) => decl.keys[f]);
    this.unique = decl.unique === true;
    this.list = new SortedList<Tuple>((a, b) => this.compare(a, b));
  }

  get size(): number {
    return this.list.size;
  }

  compare(a: Tuple, b: Tuple): number {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i];
      const y = b[i];
      const sentinel = x === MIN_KEY || x === MAX_KEY || y === MIN_KEY || y === MAX_KEY;
      const dir = i < this.dirs.length && !sentinel ? this.dirs[i] : 1;
      const c = compareValues(x, y) * dir;
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }

  /** Key tuples (without id) a document contributes; duplicates removed. */
  keysOf(doc: Doc): Tuple[] {
    let combos: Tuple[] = [[]];
    for (const field of this.fields) {
      const values = indexValuesAt(doc, field);
      if (values.length > 1) this.multikeyFields.add(field);
      const next: Tuple[] = [];
      for (const c of combos) for (const v of values) next.push([...c, v]);
      if (next.length > MAX_ENTRIES_PER_DOC) throw new Error(`index ${this.name}: too many keys for one document`);
      combos = next;
    }
    if (combos.length === 1) return combos;
    const uniq: Tuple[] = [];
    for (const c of combos) if (!uniq.some((u) => this.compare(u, c) === 0)) uniq.push(c);
    return uniq;
  }

  add(doc: Doc, id: string): void {
    for (const k of this.keysOf(doc)) this.list.insert([...k, id]);
  }

  remove(doc: Doc, id: string): void {
    for (const k of this.keysOf(doc)) this.list.remove([...k, id]);
  }

  bulkLoad(entries: Array<{ doc: Doc; id: string }>): void {
    const all: Tuple[] = [];
    for (const { doc, id } of entries) for (const k of this.keysOf(doc)) all.push([...k, id]);
    all.sort((a, b) => this.compare(a, b));
    this.list.bulkLoad(all);
  }

  /** For a unique index: the id of another document holding one of `doc`'s keys, if any. */
  conflictingId(doc: Doc, id: string, ignore: (otherId: string) => boolean = () => false): string | null {
    for (const k of this.keysOf(doc)) {
      for (const t of this.list.range([...k, MIN_KEY], true, [...k, MAX_KEY], true)) {
        const other = t[t.length - 1] as string;
        if (other !== id && !ignore(other)) return other;
      }
    }
    return null;
  }

  /** Number of entries in [lo, hi] (inclusive tuples, sentinel-padded), without visiting them. */
  countRange(lo: Tuple, hi: Tuple): number {
    return this.list.countRange(lo, hi);
  }

  /** Document ids in [lo, hi] (inclusive tuples, sentinel-padded), in index order or reversed. */
  *scan(lo: Tuple, hi: Tuple, reverse: boolean): Generator<string> {
    const it = reverse ? this.list.rangeDesc(lo, true, hi, true) : this.list.range(lo, true, hi, true);
    for (const t of it) yield t[t.length - 1] as string;
  }
}
