import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchEmulator, type BenchFigure } from './emulator.bench';

/**
 * `npm run bench`: every benchmark, one JSON file of figures (bench-results/latest.json) plus a
 * table. Figures are measured, never asserted: speed goals live here, not in timed tests.
 * BENCH_QUICK=1 shrinks the sizes for a smoke run.
 */
async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  process.env.LOG_LEVEL = 'silent';
  const figures: BenchFigure[] = [];
  figures.push(...(await benchEmulator({ inserts: quick ? 5_000 : 100_000, loadDocs: quick ? 20_000 : 1_000_000 })));

  const result = { at: new Date().toISOString(), node: process.version, quick, figures };
  const dir = path.join(__dirname, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(result, null, 2));
  for (const f of figures) process.stdout.write(`BENCH ${JSON.stringify(f)}\n`);
  console.table(figures.map((f) => ({ benchmark: f.name, value: f.value, unit: f.unit })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
