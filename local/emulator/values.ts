import { ObjectId } from 'bson';
import { isPlainObject } from './ejson';

/**
 * A total order over document values, following MongoDB's cross-type ordering
 * (null < numbers < strings < objects < arrays < ObjectId < booleans < dates < regex).
 * Index entries and `orderBy` both sort with it, so an index scan and a sort agree.
 */
export const MIN_KEY = Symbol('MinKey');
export const MAX_KEY = Symbol('MaxKey');

function typeRank(v: unknown): number {
  if (v === MIN_KEY) return 0;
  if (v === undefined || v === null) return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string') return 3;
  if (Array.isArray(v)) return 5;
  if (v instanceof ObjectId) return 6;
  if (typeof v === 'boolean') return 7;
  if (v instanceof Date) return 8;
  if (v instanceof RegExp) return 10;
  if (v === MAX_KEY) return 11;
  return 4; // plain objects and anything else object-like
}

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 2:
      return Number(a) - Number(b);
    case 3:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 5: {
      const x = a as unknown[];
      const y = b as unknown[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 6:
      return compareValues((a as ObjectId).toHexString(), (b as ObjectId).toHexString());
    case 7:
      return Number(a) - Number(b);
    case 8:
      return (a as Date).getTime() - (b as Date).getTime();
    case 4: {
      if (!isPlainObject(a) || !isPlainObject(b)) return 0;
      const ka = Object.keys(a);
      const kb = Object.keys(b);
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const k = compareValues(ka[i], kb[i]);
        if (k !== 0) return k;
        const c = compareValues(a[ka[i]], b[kb[i]]);
        if (c !== 0) return c;
      }
      return ka.length - kb.length;
    }
    default:
      return 0;
  }
}

/**
 * Values a dot path reaches in a document, the way a MongoDB index sees them: arrays fan out
 * (multikey), a missing field is `null`, an empty array indexes as `null` too.
 */
export function indexValuesAt(doc: unknown, path: string): unknown[] {
  const out: unknown[] = [];
  collect(doc, path.split('.'), 0, out);
  return out.length === 0 ? [null] : out;
}

function collect(v: unknown, parts: string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(null);
      for (const el of v) out.push(el === undefined ? null : el);
    } else out.push(v === undefined ? null : v);
    return;
  }
  if (Array.isArray(v)) {
    for (const el of v) if (isPlainObject(el)) collect(el, parts, i, out);
    return;
  }
  if (isPlainObject(v)) return collect(v[parts[i]], parts, i + 1, out);
  out.push(null);
}

/** The value used to sort by a path: the first value reached (arrays sort by min asc / max desc). */
export function sortValueAt(doc: unknown, path: string, dir: 1 | -1): unknown {
  const vals = indexValuesAt(doc, path);
  if (vals.length === 1) return vals[0];
  let best = vals[0];
  for (const v of vals) if (compareValues(v, best) * dir < 0) best = v;
  return best;
}
