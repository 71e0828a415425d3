import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchEmulator, type BenchFigure } from './emulator.bench';
import { benchSegments } from './segments.bench';
import { benchService } from './service.bench';
import { benchDbCalls } from './db-calls.bench';
import { benchHotSpots } from './hot-spots.bench';
import { benchCampaignLaunch } from './campaign-launch.bench';

/**
 * `npm run bench`: every benchmark, one JSON file of figures (bench-results/latest.json) plus a
 * table. Figures are measured, never asserted: speed goals live here, not in timed tests.
 * BENCH_QUICK=1 shrinks the sizes for a smoke run; BENCH_FULL=1 runs the full sizes
 * (segments: 1,000,000 events of 200,000 customers, 1,000,000 profiles — tens of minutes);
 * BENCH_ONLY=db|hot|launch|emulator|segments|service runs one group, BENCH_PART=replay|profiles one half of segments;
 * BENCH_EVENTS / BENCH_CUSTOMERS / BENCH_PROFILES override the segment sizes.
 */
async function main(): Promise<void> {
  const quick = process.env.BENCH_QUICK === '1';
  process.env.LOG_LEVEL = 'silent';
  const figures: BenchFigure[] = [];
  const full = process.env.BENCH_FULL === '1';
  const only = process.env.BENCH_ONLY;
  // Issue 18: database calls per action at the SDK's wire (BENCH_DB_TRACE=1 lists each call).
  if (!only || only === 'db') figures.push(...(await benchDbCalls()));
  // Issue 18: limited coupons and stock under 200 customers, 50 at a time.
  if (!only || only === 'hot') figures.push(...(await benchHotSpots()));
  // Issue 18: a 20,000-customer campaign launch from the timer alone (BENCH_LAUNCH_CUSTOMERS overrides).
  if (!only || only === 'launch') figures.push(...(await benchCampaignLaunch(Number(process.env.BENCH_LAUNCH_CUSTOMERS) || (quick ? 2_000 : 20_000))));
  if (!only || only === 'emulator') figures.push(...(await benchEmulator({ inserts: quick ? 5_000 : 100_000, loadDocs: quick ? 20_000 : 1_000_000 })));
  if (!only || only === 'segments') {
    const sizes = quick ? { events: 4_000, customers: 1_000, profiles: 30_000 } : full ? { events: 1_000_000, customers: 200_000, profiles: 1_000_000 } : { events: 100_000, customers: 20_000, profiles: 200_000 };
    // Explicit sizes win (e.g. a mid-size replay between the default and the full run).
    const n = (v: string | undefined, d: number) => (v && Number.isSafeInteger(Number(v)) && Number(v) > 0 ? Number(v) : d);
    figures.push(...(await benchSegments({ events: n(process.env.BENCH_EVENTS, sizes.events), customers: n(process.env.BENCH_CUSTOMERS, sizes.customers), profiles: n(process.env.BENCH_PROFILES, sizes.profiles) })));
  }

  // Issue 7: wallet contention, checkout throughput, bundles (size, cold init), weapp sizes, H5 first render.
  if (!only || only === 'service') figures.push(...(await benchService(quick ? { spends: 200, customers: 10, orders: 200, maxMs: 20_000 } : { spends: 1_000, customers: 50, orders: 1_500, maxMs: 60_000 })));

  const result = { at: new Date().toISOString(), node: process.version, quick, full: process.env.BENCH_FULL === '1', figures };
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
