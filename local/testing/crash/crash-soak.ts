import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocalSdkApp } from '../../emulator/sdk';
import { Acks } from './acks';
import { ChildStore, freePort } from './child-store';
import { StoreClient } from './client';
import { prng } from '../prng';
import { MixedLoad } from './load';
import { verifyStore, type Verification } from './verify';

export interface CrashSoakOptions {
  /** Stop starting rounds after this long (ms); at least `minKills` rounds run. */
  budgetMs: number;
  minKills: number;
  maxKills?: number;
  /** Load time before each kill: uniform in [min, max] ms… */
  roundMs: [number, number];
  /** …and at least this many acknowledged requests in the round (a slow machine still gets a real load). */
  minAcksPerRound?: number;
  customers: number;
  workers: number;
  seed: number;
  logFile: string;
  onRound?: (r: RoundReport) => void;
}

export interface RoundReport {
  round: number;
  loadMs: number;
  restartMs: number;
  lostInFlight: number;
  replayed: number;
  redeliveredAfterRestart: number;
  sweeps: number;
  violations: string[];
  counts: Verification['counts'];
}

export interface CrashSoakResult {
  seed: number;
  dataDir: string;
  kills: number;
  recoveries: number;
  ops: { attempted: number; acknowledged: number; refused: number; lostToKills: number; replayedOk: number; redeliveries: number; refusedByCode: Record<string, number>; conflictsByStep: Record<string, number> };
  acknowledged: { orders: number; paidOrders: number; refunds: number; coupons: number };
  restartMs: { first: number; mean: number; max: number };
  final: Verification['counts'];
  violations: string[];
  ms: number;
}

/**
 * Runs the scheduler sweep until it reports nothing more to do (events, refunds, uploads), with
 * WeChat finishing the refunds it accepted and delivering their results between sweeps (a refund
 * is only done when its result arrives) — until no refund result is owed either.
 */
async function sweepUntilDone(client: StoreClient, violations: string[]): Promise<number> {
  let runs = 0;
  for (let round = 0; round < 5; round++) {
    let done = false;
    for (let i = 1; i <= 40 && !done; i++) {
      runs++;
      const r = await client.trigger('scheduler');
      if (!r.ok) {
        violations.push(`scheduler sweep failed: ${JSON.stringify(r).slice(0, 200)}`);
        return runs;
      }
      done = !r.data.more && !r.data.eventsFailed && !r.data.reportEventsFailed;
    }
    if (!done) {
      violations.push('scheduler sweep still reports more work after 40 runs');
      return runs;
    }
    const results = await client.deliverRefundResults();
    if (!results.ok) {
      violations.push(`refund results could not be delivered: ${JSON.stringify(results).slice(0, 200)}`);
      return runs;
    }
    // Nothing was delivered this round: every refund the sweep sent has its result (and the events it wrote were swept).
    if (results.data.delivered === 0 && results.data.owed === 0) return runs;
  }
  violations.push('refund results still owed after 5 rounds of sweep + delivery');
  return runs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Crash recovery, for real: the store runs as a child process on a fresh data directory; a mixed
 * customer load runs against it; at a random moment the child gets `kill -9`, restarts on the same
 * directory and port, WeChat Pay redelivers what it took, the clients retry what was cut off, the
 * scheduler sweep runs — and then everything acknowledged must be there and every invariant hold
 * (verify.ts). Repeats until the time budget is spent.
 */
export async function runCrashSoak(opts: CrashSoakOptions): Promise<CrashSoakResult> {
  const started = Date.now();
  const random = prng(opts.seed);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'soak-store-'));
  const store = new ChildStore({ dataDir, port: await freePort(), logFile: opts.logFile });
  const violations: string[] = [];
  const restarts: number[] = [];
  const firstStart = await store.start();
  const client = new StoreClient(store.url);
  // Every start makes a new key pair: the verifier signs with the one the running child wrote.
  const db = () => createLocalSdkApp(`${store.url}/tcb`, store.credentials()).database();
  const acks = new Acks();
  const load = new MixedLoad(client, acks, { customers: opts.customers, workers: opts.workers, random });
  let kills = 0;
  let final: Verification['counts'] | null = null;
  try {
    await load.setup();
    load.start();
    while (kills < opts.minKills || (Date.now() - started < opts.budgetMs && kills < (opts.maxKills ?? Infinity))) {
      const roundStart = Date.now();
      const ackedBefore = load.stats.acked;
      await sleep(Math.round(opts.roundMs[0] + random() * (opts.roundMs[1] - opts.roundMs[0])));
      while (load.stats.acked - ackedBefore < (opts.minAcksPerRound ?? 0) && Date.now() - roundStart < 120_000) await sleep(50);
      const loadMs = Date.now() - roundStart;
      const lostBefore = load.stats.lost;
      // New steps wait; the ones in flight are cut by the kill.
      load.hold();
      await store.kill9();
      kills++;
      await load.settle();
      const restartMs = await store.start();
      restarts.push(restartMs);
      const rec = await load.recover();
      const roundViolations: string[] = [];
      const sweeps = await sweepUntilDone(client, roundViolations);
      const check = await verifyStore(db(), client, acks);
      roundViolations.push(...check.violations);
      violations.push(...roundViolations.map((x) => `round ${kills}: ${x}`));
      final = check.counts;
      opts.onRound?.({ round: kills, loadMs, restartMs, lostInFlight: load.stats.lost - lostBefore, replayed: rec.replayed, redeliveredAfterRestart: rec.redelivered, sweeps, violations: roundViolations, counts: check.counts });
      load.release();
    }
    // The last ops ran after the last kill: a final check covers them too. WeChat keeps retrying a
    // callback that was not acknowledged (e.g. it lost a write conflict) — do that first, as it would.
    load.hold();
    await load.settle();
    await load.recover();
    await sweepUntilDone(client, violations);
    const check = await verifyStore(db(), client, acks);
    violations.push(...check.violations.map((x) => `final: ${x}`));
    final = check.counts;
  } finally {
    await load.stop();
    await store.stop();
    await store.closeLog();
  }
  violations.push(...load.stats.faults);
  // A clean run's data is not needed; a failed one's stays for the post-mortem (its path is in the result).
  if (!violations.length) rmSync(dataDir, { recursive: true, force: true });
  const s = load.stats;
  const refused = Object.values(s.refused).reduce((a, b) => a + b, 0);
  return {
    seed: opts.seed,
    dataDir,
    kills,
    recoveries: restarts.length,
    ops: { attempted: s.attempted, acknowledged: s.acked, refused, lostToKills: s.lost, replayedOk: s.replayedOk, redeliveries: s.redeliveries, refusedByCode: s.refused, conflictsByStep: s.conflictsByStep },
    acknowledged: { orders: acks.orders.size, paidOrders: [...acks.orders.values()].filter((o) => o.paid).length, refunds: acks.refunds.size, coupons: acks.coupons.size },
    restartMs: { first: firstStart, mean: Math.round(restarts.reduce((a, b) => a + b, 0) / Math.max(1, restarts.length)), max: Math.max(0, ...restarts) },
    final: final ?? { orders: 0, paidOrders: 0, wallets: 0, entries: 0, refunds: 0, events: 0, coupons: 0, wechatPaymentsChecked: 0 },
    violations,
    ms: Date.now() - started,
  };
}
