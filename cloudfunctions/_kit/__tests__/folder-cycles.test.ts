import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The folders of cloudfunctions/ and shared/ form a layered graph: a folder may import another
 * only if that one never (even through others) imports it back. A cycle makes two contexts one in
 * all but name (neither can be read, tested or moved alone), so this test fails on any, naming
 * the folders in order and the import that makes each step. Tests are left out: they may import
 * across freely.
 */
type Graph = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '__tests__' && e.name !== 'node_modules') out.push(...sourceFiles(p));
    } else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

function resolve(from: string, spec: string): string | null {
  const base = path.resolve(path.dirname(from), spec);
  for (const ext of ['', '.ts', '.tsx', '/index.ts', '/index.tsx']) {
    const p = base + ext;
    if (fs.existsSync(p) && fs.statSync(p).isFile()) return p;
  }
  return null;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Folder graph over `<root>/<top>/<folder>/…` for each top (cloudfunctions, shared): edge a → b with one import that makes it. */
function folderGraph(root: string, tops: string[]): Graph {
  const folderOf = (f: string) => {
    const parts = path.relative(root, f).split(path.sep);
    return parts.length > 2 && tops.includes(parts[0]) ? `${parts[0]}/${parts[1]}` : null;
  };
  const g: Graph = new Map();
  for (const top of tops) {
    for (const f of sourceFiles(path.join(root, top))) {
      const a = folderOf(f);
      if (!a) continue;
      if (!g.has(a)) g.set(a, new Map());
      for (const m of fs.readFileSync(f, 'utf8').matchAll(IMPORT)) {
        const target = resolve(f, m[1]);
        const b = target && folderOf(target);
        if (!b || b === a || g.get(a)!.has(b)) continue;
        g.get(a)!.set(b, `${path.relative(root, f)} imports ${path.relative(root, target)}`);
      }
    }
  }
  return g;
}

/** One shortest cycle through each strongly connected group of folders, as a readable line. */
function cycles(g: Graph): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const start of [...g.keys()].sort()) {
    if (seen.has(start)) continue;
    // Shortest path start → … → start (BFS).
    const prev = new Map<string, string>();
    const queue = [start];
    let found = false;
    while (queue.length && !found) {
      const v = queue.shift()!;
      for (const w of g.get(v)?.keys() ?? []) {
        if (w === start) { prev.set(start, v); found = true; break; }
        if (!prev.has(w)) { prev.set(w, v); queue.push(w); }
      }
    }
    if (!found) continue;
    const loop = [start];
    for (let v = prev.get(start)!; v !== start; v = prev.get(v)!) loop.unshift(v);
    loop.unshift(start);
    loop.forEach((f) => seen.add(f));
    const steps = loop.slice(1).map((b, i) => g.get(loop[i])!.get(b)!);
    out.push(`${loop.join(' → ')}  (${steps.join('; ')})`);
  }
  return out;
}

const ROOT = path.resolve(__dirname, '../../..');

test('no import cycle between the folders of cloudfunctions/ and shared/', () => {
  const g = folderGraph(ROOT, ['cloudfunctions', 'shared']);
  // The graph is the real one (a wrong root would find nothing and pass).
  expect(g.size).toBeGreaterThan(30);
  expect([...g.values()].reduce((n, e) => n + e.size, 0)).toBeGreaterThan(100);
  expect(cycles(g)).toEqual([]);
});

test('a cycle is found and named, with the imports that make it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cycles-'));
  const write = (f: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), text);
  };
  write('cloudfunctions/_a/x.ts', "import { y } from '../_b/y';\n");
  write('cloudfunctions/_b/y.ts', "export { z } from '../_c/z';\n");
  write('cloudfunctions/_c/z.ts', "import type { x } from '../_a/x';\nimport { s } from '../../shared/s/s';\n");
  write('cloudfunctions/_c/__tests__/t.ts', "import '../../_d/d';\n");
  write('cloudfunctions/_d/d.ts', "import { z } from '../_c/z';\n");
  write('shared/s/s.ts', 'export const s = 1;\n');
  const g = folderGraph(dir, ['cloudfunctions', 'shared']);
  expect(cycles(g)).toEqual([
    'cloudfunctions/_a → cloudfunctions/_b → cloudfunctions/_c → cloudfunctions/_a  (cloudfunctions/_a/x.ts imports cloudfunctions/_b/y.ts; cloudfunctions/_b/y.ts imports cloudfunctions/_c/z.ts; cloudfunctions/_c/z.ts imports cloudfunctions/_a/x.ts)',
  ]);
  fs.rmSync(dir, { recursive: true });
});
