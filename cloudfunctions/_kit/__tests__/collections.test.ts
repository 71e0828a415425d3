import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { collectionNames } from '../../../shared/schemas/indexes';
import { COLL } from '../collections';

/**
 * Collections are named in one place (shared/schemas/indexes.ts). `COLL` is derived from it, and
 * the read/write helpers take only a declared name (tsc); what the compiler cannot see is a raw
 * string handed to the SDK's own `collection(name)` — this test reads the source for those.
 */
const ROOT = path.resolve(__dirname, '../../..');
const declared = new Set(collectionNames());

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}
const isTest = (f: string) => f.includes(`${path.sep}__tests__${path.sep}`);

// A collection named by a literal: the SDK's `collection('x')`, the _kit helpers' first name
// argument, and `collection: 'x'` in tables (the privacy steps).
const LITERAL = /(?:\.collection\(\s*|(?:getById|getAll|txGet|txCreate|txReplace|pageNewestFirst|countMine|pageMine|firstMine|allMine)(?:<[^()]*?>)?\(\s*[\w.]+,\s*|\bcollection:\s*)['"`]([\w-]+)['"`]/g;
const NAMED = /\bCOLL\.(\w+)/g;

function scan(files: string[]) {
  const literals: string[] = [];
  const undeclared: string[] = [];
  let named = 0;
  for (const f of files) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const at = `${path.relative(ROOT, f)}:${i + 1}`;
      for (const m of line.matchAll(LITERAL)) {
        literals.push(`${at} '${m[1]}'`);
        if (!declared.has(m[1])) undeclared.push(`${at} '${m[1]}'`);
      }
      for (const m of line.matchAll(NAMED)) {
        named++;
        if (!declared.has(m[1])) undeclared.push(`${at} COLL.${m[1]}`);
      }
    });
  }
  return { literals, undeclared, named };
}

test('COLL names exactly the declared collections, each by itself', () => {
  expect(Object.keys(COLL).sort()).toEqual([...declared].sort());
  for (const [k, v] of Object.entries(COLL)) expect(v).toBe(k);
});

test('code names collections through COLL only, and only declared ones', () => {
  const files = [...sources(path.join(ROOT, 'cloudfunctions')), ...sources(path.join(ROOT, 'local'))].filter((f) => !isTest(f));
  const { literals, undeclared, named } = scan(files);
  // The scan sees the code it is meant to see (a wrong root or pattern would find nothing).
  expect(named).toBeGreaterThan(300);
  expect(undeclared).toEqual([]);
  expect(literals).toEqual([]);
});

test('tests name only declared collections', () => {
  const { literals, undeclared } = scan(sources(path.join(ROOT, 'cloudfunctions')).filter((f) => isTest(f) && f !== __filename));
  expect(literals.length).toBeGreaterThan(0);
  expect(undeclared).toEqual([]);
});

test('the scan catches a raw or undeclared name', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coll-'));
  const f = path.join(dir, 'x.ts');
  fs.writeFileSync(f, "db.collection('orders'); getById(db, 'nope', id); txGet<T>(tx, 'wallets', id); COLL.missing;\n");
  const { literals, undeclared } = scan([f]);
  expect(literals.map((l) => l.split(' ')[1])).toEqual(["'orders'", "'nope'", "'wallets'"]);
  expect(undeclared.map((l) => l.split(' ')[1])).toEqual(["'nope'", 'COLL.missing']);
  fs.rmSync(dir, { recursive: true });
});
