/**
 * JSON text for fuzz payloads. A platform event is JSON, and JSON can carry things a JS value built
 * in the test cannot: numbers that parse to Infinity, -0 or an imprecise double (`1e400`,
 * `9007199254740993`), own `__proto__` keys, nesting deeper than a recursive serializer survives.
 * `RawJson` is a piece of JSON text sent exactly as written.
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Like JSON.stringify, but keeps RawJson text, own `__proto__` keys, and sends ±Infinity as 1e999. */
export function toJsonText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'null';
    if (!Number.isFinite(value)) return value > 0 ? '1e999' : '-1e999';
    return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  }
  if (typeof value === 'bigint') return value.toString();
  if (value === null || value === undefined || typeof value === 'function' || typeof value === 'symbol') return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  // Object.keys lists an own "__proto__" key (made with defineProperty / fromEntries), unlike a setter.
  const parts: string[] = [];
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    parts.push(`${JSON.stringify(k)}:${toJsonText(v)}`);
  }
  return `{${parts.join(',')}}`;
}

/** An object with exactly these own keys, `__proto__` included (a literal or assignment would set the prototype). */
export const objectOf = (entries: Array<[string, unknown]>): Record<string, unknown> => {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
};

/** Nesting as raw text: `{"a":{"a":…1…}}` or `[[[…]]]`, `depth` levels (no recursion on either side of the wire). */
export function deepJson(depth: number, kind: 'object' | 'array'): RawJson {
  return kind === 'object' ? new RawJson('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)) : new RawJson('['.repeat(depth) + '1' + ']'.repeat(depth));
}
