import { Query } from 'mingo';
import type { CollectionDecl } from '../../shared/schemas/indexes';
import { DocIndex } from './doc-index';
import { idKey, type Doc } from './ejson';
import { ErrorCodes, fail } from './errors';
import { choosePlan, type Plan, type SortSpec } from './planner';
import { compareValues, sortValueAt } from './values';

export interface FindOptions {
  sort: SortSpec;
  offset: number;
  /** `Infinity` for count and update/remove-all. */
  limit: number;
}

export interface FindResult {
  docs: Doc[];
  plan: Plan;
  examined: number;
}

/**
 * The in-memory side of one collection: documents by id key, the declared indexes, and each
 * document's last commit sequence (what transactions compare their snapshot against).
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly indexes: DocIndex[];
  readonly seq = new Map<string, number>();

  constructor(
    readonly name: string,
    decl?: CollectionDecl,
  ) {
    this.indexes = (decl?.indexes ?? []).map((d) => new DocIndex(d));
  }

  bulkLoad(entries: Array<{ key: string; doc: Doc }>): void {
    for (const e of entries) this.docs.set(e.key, e.doc);
    const forIndex = entries.map((e) => ({ doc: e.doc, id: e.key }));
    for (const ix of this.indexes) ix.bulkLoad(forIndex);
  }

  /** Replace (or delete, with null) the committed version of one document. */
  put(key: string, doc: Doc | null, seq: number): void {
    const old = this.docs.get(key);
    if (old) for (const ix of this.indexes) ix.remove(old, key);
    if (doc) {
      this.docs.set(key, doc);
      for (const ix of this.indexes) ix.add(doc, key);
    } else this.docs.delete(key);
    this.seq.set(key, seq);
  }

  /**
   * Unique index check for a document about to be written. `pending` are other writes of the same
   * commit (a transaction), which replace their committed versions.
   */
  assertUnique(key: string, doc: Doc, pending: Map<string, Doc | null> = new Map()): void {
    for (const ix of this.indexes) {
      if (!ix.unique) continue;
      const other = ix.conflictingId(doc, key, (id) => pending.has(id));
      if (other !== null) fail(ErrorCodes.DATABASE_DUPLICATE_WRITE, `duplicate key in unique index ${this.name}.${ix.name}`);
      for (const [pk, pdoc] of pending) {
        if (pk === key || !pdoc) continue;
        const mine = ix.keysOf(doc);
        const theirs = ix.keysOf(pdoc);
        if (mine.some((a) => theirs.some((b) => ix.compare(a, b) === 0)))
          fail(ErrorCodes.DATABASE_DUPLICATE_WRITE, `duplicate key in unique index ${this.name}.${ix.name}`);
      }
    }
  }

  find(filter: Record<string, unknown>, opts: FindOptions): FindResult {
    const plan = choosePlan(filter, this.indexes, opts.sort);
    const query = matcher(filter);
    let examined = 0;
    const seen = new Set<string>();
    const candidates = this.candidates(plan, seen);
    const out: Doc[] = [];
    if (plan.ordered || opts.sort.length === 0) {
      let skipped = 0;
      for (const doc of candidates) {
        examined++;
        if (!query.test(doc)) continue;
        if (skipped < opts.offset) {
          skipped++;
          continue;
        }
        out.push(doc);
        if (out.length >= opts.limit) break;
      }
      return { docs: out, plan, examined };
    }
    const matched: Doc[] = [];
    for (const doc of candidates) {
      examined++;
      if (query.test(doc)) matched.push(doc);
    }
    sortDocs(matched, opts.sort);
    const end = opts.limit === Infinity ? undefined : opts.offset + opts.limit;
    return { docs: matched.slice(opts.offset, end), plan, examined };
  }

  /**
   * Counts matching documents. When the filter is nothing but equalities on scalars covering a
   * prefix of one index (e.g. `{segments: 'life:silent'}` on (segments, openid)), the index range
   * holds exactly one entry per matching document, so the count is read off the index without
   * visiting a document (MongoDB's COUNT_SCAN). Anything else counts what `find` matches.
   */
  count(filter: Record<string, unknown>): FindResult & { count: number; indexOnly?: boolean } {
    const plan = choosePlan(filter, this.indexes, []);
    if (plan.index instanceof DocIndex && coveredPrefix(filter, plan.index) && plan.ranges?.length === 1) {
      const [lo, hi] = plan.ranges[0];
      const count = plan.index.countRange(lo, hi);
      // `examined` in MongoDB's COUNT_SCAN sense: index keys, no document fetched.
      return { docs: [], plan, examined: count, count, indexOnly: true };
    }
    const res = this.find(filter, { sort: [], offset: 0, limit: Infinity });
    return { ...res, count: res.docs.length };
  }

  private *candidates(plan: Plan, seen: Set<string>): Generator<Doc> {
    if (plan.index === null) {
      yield* this.docs.values();
      return;
    }
    if (plan.index === '_id') {
      for (const id of plan.ids ?? []) {
        const key = idKey(id);
        const doc = this.docs.get(key);
        if (doc && !seen.has(key)) {
          seen.add(key);
          yield doc;
        }
      }
      return;
    }
    const reverse = plan.ordered === 'reverse';
    const ranges = reverse ? [...(plan.ranges ?? [])].reverse() : (plan.ranges ?? []);
    for (const [lo, hi] of ranges) {
      for (const key of plan.index.scan(lo, hi, reverse)) {
        if (seen.has(key)) continue;
        seen.add(key);
        const doc = this.docs.get(key);
        if (doc) yield doc;
      }
    }
  }
}

/** mingo compiles the filter once per request; an invalid operator is the caller's error. */
export function matcher(filter: Record<string, unknown>): { test: (d: Doc) => boolean } {
  if (Object.keys(filter).length === 0) return { test: () => true };
  try {
    return new Query(filter);
  } catch (e) {
    return fail(ErrorCodes.DATABASE_REQUEST_FAILED, `invalid query: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Stable sort by the spec (Array.prototype.sort is stable), MongoDB value order. */
export function sortDocs(docs: Doc[], sort: SortSpec): void {
  if (sort.length === 0) return;
  docs.sort((a, b) => {
    for (const [field, dir] of sort) {
      const c = compareValues(sortValueAt(a, field, dir), sortValueAt(b, field, dir)) * dir;
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Scalars whose equality match is exactly "the index holds this value" (no null/missing, arrays, objects, regex). */
const countableScalar = (v: unknown): boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/**
 * The filter is plain scalar equalities on exactly the first k fields of the index, and none of
 * the index's later fields ever held an array (one entry per document within the range).
 */
function coveredPrefix(filter: Record<string, unknown>, ix: DocIndex): boolean {
  const keys = Object.keys(filter);
  if (keys.length === 0 || keys.length > ix.fields.length) return false;
  const prefix = new Set(ix.fields.slice(0, keys.length));
  for (const k of keys) if (k.startsWith('$') || !prefix.has(k) || !countableScalar(filter[k])) return false;
  for (const f of ix.fields.slice(keys.length)) if (ix.multikeyFields.has(f)) return false;
  return true;
}
