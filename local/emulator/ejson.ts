import { randomBytes } from 'node:crypto';
import { BSONError, BSONRegExp, EJSON, ObjectId } from 'bson';
import { EmulatorError, ErrorCodes } from './errors';
import { guardRegexOperators, safeRegExp } from './regex-guard';

/**
 * Extended JSON on the wire and on disk.
 *
 * The SDK sends every query, update and document as a *canonical* EJSON string
 * (`{"$numberInt":"1"}`, `{"$date":{"$numberLong":"…"}}`, `{"$regularExpression":…}`).
 * Relaxed parsing turns `$numberInt/$numberLong/$numberDouble` into plain JS numbers, so an
 * integer stays an integer (money is integer fen everywhere), and `$date` into a `Date`.
 * Replies go out as relaxed EJSON: the SDK parses each document string with its own bson 4
 * `EJSON.parse` (relaxed by default), which accepts both forms.
 */

export type Doc = Record<string, unknown> & { _id?: unknown };

/** `db.serverDate({offset})` arrives as `{"$tcb_server_date":{"offset":n}}` (n in ms). */
const SERVER_DATE = '$tcb_server_date';

/** Parse one EJSON string from a request, resolving server dates against the emulator clock. */
export function decodeEjson(text: unknown, now: () => number): unknown {
  if (typeof text !== 'string') return resolveSpecial(text, now);
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: true });
  } catch (e) {
    // bson refuses some values itself (a regex option it does not know, a malformed $date…):
    // the caller's mistake, answered as one rather than as a server fault.
    if (e instanceof BSONError || e instanceof SyntaxError) throw new EmulatorError(ErrorCodes.INVALID_PARAM, `not valid extended JSON: ${e.message}`);
    throw e;
  }
  return resolveSpecial(parsed, now);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * mingo evaluates native RegExp only. Every regex a request carries is checked first (options
 * CloudBase allows, shapes that cannot stall the process: regex-guard.ts).
 */
const toRegExp = (r: BSONRegExp): RegExp => safeRegExp(r.pattern, r.options);

function resolveSpecial(v: unknown, now: () => number): unknown {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = resolveSpecial(v[i], now);
    return v;
  }
  if (v instanceof BSONRegExp) return toRegExp(v);
  if (!isPlainObject(v)) return v;
  const sd = v[SERVER_DATE];
  if (sd !== undefined && Object.keys(v).length === 1) {
    const offset = isPlainObject(sd) && typeof sd.offset === 'number' ? sd.offset : 0;
    return new Date(now() + offset);
  }
  for (const k of Object.keys(v)) v[k] = resolveSpecial(v[k], now);
  guardRegexOperators(v);
  return v;
}

/** One document → the string the SDK expects inside `data.list`. */
export const encodeDoc = (doc: unknown): string => EJSON.stringify(doc as Doc, { relaxed: true });

/** Storage uses the same relaxed EJSON; plain documents are therefore plain JSON. */
export const encodeStored = encodeDoc;

/**
 * Fast path for loading a million rows: a document without any `"$` in its text has no EJSON
 * wrappers, so `JSON.parse` gives the identical result several times faster.
 */
export function decodeStored(text: string): Doc {
  return (text.includes('"$') ? EJSON.parse(text, { relaxed: true }) : JSON.parse(text)) as Doc;
}

/**
 * Copy-on-write clone: transactions keep references to pre-images, so a stored document object
 * is never mutated in place. BSON value objects (ObjectId, Binary, …) are immutable and shared.
 */
export function cloneDoc<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneDoc) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = cloneDoc(v[k]);
    return out as T;
  }
  return v;
}

/**
 * Map key for an `_id`. `doc(id)` accepts strings and numbers, so `123` and `"123"` are
 * different documents; strings (the common case) are used as-is.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return `\u0000n${id}`;
  if (id instanceof ObjectId) return `\u0000o${id.toHexString()}`;
  return `\u0000j${EJSON.stringify({ v: id as never }, { relaxed: false })}`;
}

/** CloudBase-style generated id: 32 lowercase hex characters. */
export const newId = (): string => randomBytes(16).toString('hex');

export { isPlainObject };
