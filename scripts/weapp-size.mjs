#!/usr/bin/env node
// Prints the weapp main package size and fails when it exceeds the 2 MB platform limit.
// Subpackages (app.json "subPackages"/"subpackages" roots) are counted separately.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
if (!existsSync(path.join(root, 'app.json'))) {
  console.error('dist/weapp/app.json missing — run npm run build:weapp first');
  process.exit(1);
}
const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8'));
const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/$/, ''));
const sizes = { main: 0, ...Object.fromEntries(subRoots.map((r) => [r, 0])) };
(function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else {
      const rel = path.relative(root, p);
      if (rel.endsWith('.map')) continue;
      const sub = subRoots.find((r) => rel === r || rel.startsWith(r + '/'));
      sizes[sub ?? 'main'] += statSync(p).size;
    }
  }
})(root);
const LIMIT = 2 * 1024 * 1024;
const BUDGET = 800 * 1024;
for (const [k, v] of Object.entries(sizes)) console.log(`weapp ${k === 'main' ? 'main package' : `subpackage ${k}`}: ${v} bytes (${(v / 1024).toFixed(1)} KB)`);
console.log(`WEAPP_SIZE ${JSON.stringify(sizes)}`);
if (sizes.main > LIMIT) {
  console.error(`weapp main package ${sizes.main} bytes exceeds the 2 MB limit`);
  process.exit(1);
}
if (sizes.main > BUDGET) console.warn(`warning: main package above the 800 KB budget`);
