import { ObjectId } from 'bson';
import type { DocIndex, Tuple } from './doc-index';
import { isPlainObject } from './ejson';
import { compareValues, MAX_KEY, MIN_KEY } from './values';

/** What the filter says about one field, as far as an index can use it. */
interface FieldBounds {
  eq?: unknown[];
  lo?: unknown;
  hi?: unknown;
}

export type SortSpec = Array<[string, 1 | -1]>;

export interface Plan {
  /** `null` = scan the whole collection. */
  index: DocIndex | '_id' | null;
  ids?: unknown[];
  ranges?: Array<[Tuple, Tuple]>;
  /** Index order already satisfies the sort: stop after offset+limit matches. */
  ordered: 'forward' | 'reverse' | null;
}

/** Values an index can seek to: scalars, dates, ids. Regex, arrays and sub-documents are filtered only. */
const seekable = (v: unknown): boolean =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || v instanceof Date || v instanceof ObjectId;

const isOperatorObject = (v: unknown): v is Record<string, unknown> =>
  isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));

function addCondition(bounds: Map<string, FieldBounds>, field: string, cond: unknown): void {
  const b = bounds.get(field) ?? {};
  if (isOperatorObject(cond)) {
    for (const [op, v] of Object.entries(cond)) {
      if (op === '$eq' && seekable(v)) b.eq ??= [v];
      else if (op === '$in' && Array.isArray(v) && v.length > 0 && v.every(seekable)) b.eq ??= v;
      else if ((op === '$gt' || op === '$gte') && seekable(v) && v !== null)
        b.lo = b.lo === undefined || compareValues(v, b.lo) > 0 ? v : b.lo;
      else if ((op === '$lt' || op === '$lte') && seekable(v) && v !== null)
        b.hi = b.hi === undefined || compareValues(v, b.hi) < 0 ? v : b.hi;
    }
  } else if (seekable(cond)) b.eq ??= [cond];
  if (b.eq || b.lo !== undefined || b.hi !== undefined) bounds.set(field, b);
}

export function boundsOf(filter: Record<string, unknown>, out = new Map<string, FieldBounds>()): Map<string, FieldBounds> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) for (const sub of v) if (isPlainObject(sub)) boundsOf(sub, out);
    if (!k.startsWith('$')) addCondition(out, k, v);
  }
  return out;
}

/** Type-bracketed open ends, so `$gt: 5` does not walk every string in the index. */
function upperOf(v: unknown): unknown {
  if (typeof v === 'number') return Infinity;
  if (typeof v === 'string') return {};
  if (v instanceof Date) return new Date(8.64e15);
  return MAX_KEY;
}
function lowerOf(v: unknown): unknown {
  if (typeof v === 'number') return -Infinity;
  if (typeof v === 'string') return '';
  if (v instanceof Date) return new Date(-8.64e15);
  return MIN_KEY;
}

const MAX_RANGES = 500;

interface Candidate extends Plan {
  score: number;
}

function planIndex(ix: DocIndex, bounds: Map<string, FieldBounds>, sort: SortSpec): Candidate | null {
  let combos: Tuple[] = [[]];
  let score = 0;
  let i = 0;
  let range: [unknown, unknown] | null = null;
  for (; i < ix.fields.length; i++) {
    const b = bounds.get(ix.fields[i]);
    if (b?.eq && combos.length * b.eq.length <= MAX_RANGES) {
      combos = combos.flatMap((c) => b.eq!.map((v) => [...c, v]));
      score += 2;
      continue;
    }
    if (b && (b.lo !== undefined || b.hi !== undefined)) {
      let lo = b.lo;
      let hi = b.hi;
      if (ix.multikeyFields.has(ix.fields[i]) && lo !== undefined && hi !== undefined) hi = undefined;
      lo ??= lowerOf(hi);
      hi ??= upperOf(lo);
      range = ix.dirs[i] === 1 ? [lo, hi] : [hi, lo];
      score += 1;
    }
    break;
  }
  const eqCount = i;
  const ordered = orderedBy(ix, eqCount, combos.length, sort, bounds);
  if (score === 0 && !ordered) return null;
  if (score === 0 && sort.length === 0) return null;
  const pad = ix.fields.length + 1 - eqCount - (range ? 1 : 0);
  const ranges = combos.map((c): [Tuple, Tuple] => {
    const lo = range ? [...c, range[0]] : [...c];
    const hi = range ? [...c, range[1]] : [...c];
    for (let k = 0; k < pad; k++) {
      lo.push(MIN_KEY);
      hi.push(MAX_KEY);
    }
    return [lo, hi];
  });
  return { index: ix, ranges, ordered, score: score + (ordered ? 0.5 : 0) };
}

/** Can this index deliver documents already in the requested order? */
function orderedBy(ix: DocIndex, eqCount: number, combos: number, sort: SortSpec, bounds: Map<string, FieldBounds>): 'forward' | 'reverse' | null {
  if (combos > 1) return sort.length === 0 ? 'forward' : null;
  const eqFields = new Set(ix.fields.slice(0, eqCount));
  const rest = sort.filter(([f]) => !(eqFields.has(f) && bounds.get(f)?.eq?.length === 1));
  if (rest.length === 0) return 'forward';
  let sign = 0;
  for (let j = 0; j < rest.length; j++) {
    const pos = eqCount + j;
    if (pos >= ix.fields.length || ix.fields[pos] !== rest[j][0] || ix.multikeyFields.has(rest[j][0])) return null;
    const s = rest[j][1] * ix.dirs[pos];
    if (sign !== 0 && s !== sign) return null;
    sign = s;
  }
  return sign > 0 ? 'forward' : 'reverse';
}

/** Choose the index that narrows the most; `_id` lookups beat everything; no usable index = scan. */
export function choosePlan(filter: Record<string, unknown>, indexes: DocIndex[], sort: SortSpec): Plan {
  const bounds = boundsOf(filter);
  const idEq = bounds.get('_id')?.eq;
  if (idEq) return { index: '_id', ids: idEq, ordered: null };
  let best: Candidate | null = null;
  for (const ix of indexes) {
    const c = planIndex(ix, bounds, sort);
    if (c && (!best || c.score > best.score)) best = c;
  }
  return best ?? { index: null, ordered: null };
}
