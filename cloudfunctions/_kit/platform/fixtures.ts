import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Platform facts as data: every shape WeChat / CloudBase sends to our functions or expects from
 * them, one JSON file each in ./fixtures, with the documents it was read from (`doc`) and what is
 * inferred rather than documented (`inferred`). The local platform (gateway, pay simulator,
 * timers, recorders) must produce exactly these shapes — `shapeMismatches` is what the contract
 * test uses to say so — and production code is tested against the examples themselves.
 * Test and local-platform code only: deployed bundles never read these files.
 */
export interface PlatformFixture {
  name: string;
  what: string;
  doc: string[];
  inferred?: string;
  /** Fields whose string value is itself encoded: `json` (context.environment) or `kv` (context.environ). */
  encoding?: Record<string, 'json' | 'kv'>;
  /** Dotted paths that may be absent (`list[].key` inside arrays); every other key of the example is required. */
  optional?: string[];
  /** Paths of objects whose keys are free (template keywords…): every value has the first example value's shape. */
  maps?: string[];
  /** Process environment the platform sets for this kind of invocation (SCF timers). */
  processEnv?: Record<string, string>;
  example: unknown;
}

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function fixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export function loadFixture(name: string): PlatformFixture {
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  const f = JSON.parse(readFileSync(file, 'utf8')) as PlatformFixture;
  if (f.name !== name) throw new Error(`fixture ${file} is named ${f.name}`);
  return f;
}

/** A deep copy of a fixture's example (tests change fields without touching the cache). */
export const exampleOf = <T = Record<string, unknown>>(name: string): T => structuredClone(loadFixture(name).example) as T;

/** The SDK's legacy `environ` parsing (@cloudbase/node-sdk 3.18 tcbcontext.js parseContext). */
export function parseEnviron(environ: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const part of environ.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const value = part.slice(eq + 1);
    out[part.slice(0, eq)] = value.includes(',') ? value.split(',') : value;
  }
  return out;
}

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where `value` differs in shape from the fixture's example: a key the platform never sends, a
 * required key missing, or a value of another type (numbers stay numbers, strings strings).
 * Encoded strings (`environment` JSON, `environ` key=value) are compared decoded. Values are not
 * compared — ids and amounts differ — only the shape. Empty list = conforms.
 */
export function shapeMismatches(fixture: PlatformFixture, value: unknown): string[] {
  const optional = new Set(fixture.optional ?? []);
  const out: string[] = [];
  const walk = (expected: unknown, actual: unknown, at: string) => {
    const enc = fixture.encoding?.[at];
    if (enc && typeof expected === 'string') {
      if (typeof actual !== 'string') return void out.push(`${at}: expected an encoded string, got ${kindOf(actual)}`);
      let decodedExpected: unknown, decodedActual: unknown;
      try {
        decodedExpected = enc === 'json' ? JSON.parse(expected) : parseEnviron(expected);
        decodedActual = enc === 'json' ? JSON.parse(actual) : parseEnviron(actual);
      } catch {
        return void out.push(`${at}: not valid ${enc}`);
      }
      return walkObject(decodedExpected as Record<string, unknown>, decodedActual, at, enc === 'kv');
    }
    if (kindOf(expected) === 'object' && fixture.maps?.includes(at)) {
      if (kindOf(actual) !== 'object') return void out.push(`${at}: expected object, got ${kindOf(actual)}`);
      const first = Object.values(expected as Record<string, unknown>)[0];
      for (const [k, v] of Object.entries(actual as Record<string, unknown>)) walk(first, v, `${at}.${k}`);
      return;
    }
    if (kindOf(expected) === 'object') return walkObject(expected as Record<string, unknown>, actual, at, false);
    if (kindOf(expected) === 'array') {
      if (!Array.isArray(actual)) return void out.push(`${at}: expected array, got ${kindOf(actual)}`);
      const first = (expected as unknown[])[0];
      if (first !== undefined) actual.forEach((a) => walk(first, a, `${at}[]`));
      return;
    }
    if (kindOf(expected) !== kindOf(actual)) out.push(`${at}: expected ${kindOf(expected)}, got ${kindOf(actual)}`);
  };
  const walkObject = (expected: Record<string, unknown>, actual: unknown, at: string, kv: boolean) => {
    if (kindOf(actual) !== 'object') return void out.push(`${at || '(root)'}: expected object, got ${kindOf(actual)}`);
    const a = actual as Record<string, unknown>;
    const key = (k: string) => (at ? `${at}.${k}` : k);
    for (const k of Object.keys(a)) if (!(k in expected)) out.push(`${key(k)}: not sent by the platform`);
    for (const [k, e] of Object.entries(expected)) {
      if (!(k in a)) {
        if (!optional.has(key(k))) out.push(`${key(k)}: missing`);
        continue;
      }
      // In key=value form a value with a comma legitimately becomes an array.
      if (kv && (typeof e === 'string' || Array.isArray(e)) && (typeof a[k] === 'string' || Array.isArray(a[k]))) continue;
      walk(e, a[k], key(k));
    }
  };
  walk(fixture.example, value, '');
  return out;
}
