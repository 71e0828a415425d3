import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { consumeEvents } from '../cloudfunctions/_consumers/consume-event';
import { batchesByCustomer } from '../cloudfunctions/_consumers/drive-events';
import type { Db } from '../cloudfunctions/_kit/db';
import { createLogger } from '../cloudfunctions/_kit/logger';
import { loadSettings } from '../cloudfunctions/_kit/settings-store';
import { makeEvent } from '../cloudfunctions/_events/make-event';
import { segmentCounts, segmentPage, segmentTotal } from '../cloudfunctions/_segments/queries';
import { withSegments } from '../cloudfunctions/_segments/profile-segments';
import { runTransitions } from '../cloudfunctions/_segments/transitions';
import { Engine } from '../local/emulator/engine';
import { prng } from '../local/testing/prng';
import type { TcbCredentials } from '../local/emulator/credentials';
import { createLocalSdkApp } from '../local/emulator/sdk';
import type { PurchaseEvent } from '../shared/schemas/event';
import { defaultSettings } from '../shared/settings';
import { applyEvent, newProfile, type CustomerProfile } from '../shared/segments/profile';
import { DAY_MS } from '../shared/time';
import type { BenchFigure } from './emulator.bench';

/**
 * Issue 5 figures, all through the real SDK over HTTP against the emulator running in its own
 * process (two cores: client and database, as in production):
 * - replay: N events of M customers inserted (raw, one document per request) and then applied by
 *   the real profile consumer (consumeEvents: one transaction per customer batch with the profile, tier
 *   gifts and the event's pending list) — events/s and the ratio to the raw insert rate;
 * - transitions: P profiles, 1% due → the transition run's time; then 0 due and 0.1% due on the
 *   same store, showing the cost follows the due count, not P;
 * - a 100-row page of a large segment (half of P): p50/p99; and the segment's count.
 */
export interface SegmentBenchSizes {
  events: number;
  customers: number;
  profiles: number;
  /** Concurrent consumers (each owns a share of the customers, like per-customer settling). */
  workers?: number;
}

/** Deterministic PRNG (mulberry32): the same data every run. */
const rng = prng;

/** Long runs report as they go (stderr), so a run cut short still leaves its rates. */
function progress(phase: string, done: number, total: number, since: number): void {
  const secs = (performance.now() - since) / 1000;
  process.stderr.write(`PROGRESS ${JSON.stringify({ phase, done, total, seconds: Math.round(secs), perS: Math.round(done / secs) })}\n`);
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const pad = (n: number) => String(n).padStart(7, '0');

interface Child {
  url: string;
  credentials: TcbCredentials;
  openMs: number;
  documents: number;
  stats(): Promise<{ stats: { fullScans: number; queries: number; documents: number }; wire: Record<string, number>; rssMb: number }>;
  close(): Promise<void>;
}

async function startChild(dbPath: string): Promise<Child> {
  const child: ChildProcess = fork(path.join(__dirname, 'emulator-process.ts'), [dbPath], { execArgv: ['--import', 'tsx', '--max-old-space-size=12000'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(type: string) => new Promise<T>((resolve, reject) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.once('exit', (code) => reject(new Error(`emulator process exited (${code})`)));
  });
  const ready = await next<{ url: string; credentials: TcbCredentials; openMs: number; documents: number }>('ready');
  return {
    url: ready.url,
    credentials: ready.credentials,
    openMs: ready.openMs,
    documents: ready.documents,
    stats: async () => {
      const p = next<{ stats: { fullScans: number; queries: number; documents: number }; wire: Record<string, number>; rssMb: number }>('stats');
      child.send({ type: 'stats' });
      return p;
    },
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'close' });
      await exited;
    },
  };
}

const ZERO = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };

/** A realistic mix: half purchases, visits, refunds of earlier orders, survey, coupons, opens, top-ups, memberships. */
function generateEvents(n: number, customers: number, t0: number): PurchaseEvent[] {
  const r = rng(5);
  const orders = new Map<number, Array<{ id: string; at: number }>>();
  const out: PurchaseEvent[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.floor(r() * customers);
    const openid = `bc_${pad(c)}`;
    const at = t0 + Math.floor(r() * 400 * DAY_MS);
    const x = r();
    const mine = orders.get(c) ?? [];
    if (x < 0.5 || (x < 0.55 && mine.length === 0)) {
      const fen = 5_000 + Math.floor(r() * 100) * 1_000;
      const orderId = `ord_b${i}`;
      mine.push({ id: orderId, at });
      orders.set(c, mine);
      out.push(makeEvent({ factId: orderId, type: 'order.paid', openid, at, orderId, ...ZERO, amounts: { totalFen: fen, cashFen: fen, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: fen, productKinds: ['regular'], lines: [{ productId: 'prd_mask', kind: 'regular', qty: 1, amountFen: fen }] }));
    } else if (x < 0.55) {
      const o = mine.shift()!;
      out.push(makeEvent({ factId: `rfd_b${i}`, type: 'order.refunded', openid, at: Math.max(at, o.at + 1), orderId: o.id, ...ZERO, qualifyingDeltaFen: -5_000, productKinds: ['regular'], lines: [{ productId: 'prd_mask', kind: 'regular', qty: 1, amountFen: 5_000 }], data: { fullRefund: true, orderPaidAt: o.at, orderQualifying: true } }));
    } else if (x < 0.75) out.push(makeEvent({ factId: `${openid}_${i}`, type: 'customer.visited', openid, at, ...ZERO }));
    else if (x < 0.8) out.push(makeEvent({ factId: `sva_b${i}`, type: 'survey.answered', openid, at, ...ZERO, data: { answers: [{ questionId: 'industry', optionIds: ['beauty'], tags: ['industry-beauty'] }] } }));
    else if (x < 0.85) out.push(makeEvent({ factId: `cpn_b${i}`, type: 'coupon.claimed', openid, at, ...ZERO }));
    else if (x < 0.9) out.push(makeEvent({ factId: `msg_b${i}`, type: 'message.opened', openid, at, ...ZERO }));
    else if (x < 0.95) out.push(makeEvent({ factId: `top_b${i}`, type: 'wallet.topup', openid, at, ...ZERO, amounts: { totalFen: 50_000, cashFen: 50_000, principalFen: 50_000, bonusFen: 3_000 }, productKinds: ['topup'] }));
    else out.push(makeEvent({ factId: `mem_b${i}`, type: 'membership.purchased', openid, at, ...ZERO, qualifyingDeltaFen: 100_000, productKinds: ['membership'], data: { planId: 'annual', expiresAt: at + 365 * DAY_MS, membershipVersion: i, activeTerms: 1 } }));
  }
  return out;
}

/** Runs `work` for every item with `workers` concurrent lanes; items of one lane run in order. */
async function lanes<T>(items: T[][], work: (item: T) => Promise<void>): Promise<void> {
  await Promise.all(items.map(async (lane) => {
    for (const it of lane) await work(it);
  }));
}

async function benchReplay(dir: string, sizes: SegmentBenchSizes): Promise<BenchFigure[]> {
  const workers = sizes.workers ?? 8;
  const child = await startChild(path.join(dir, 'replay.sqlite'));
  const out: BenchFigure[] = [];
  try {
    const db = createLocalSdkApp(child.url, child.credentials).database() as unknown as Db;
    const t0 = Date.now() - 400 * DAY_MS;
    const events = generateEvents(sizes.events, sizes.customers, t0);
    const customers = new Set(events.map((e) => e.openid)).size;
    // Per-customer lanes: a customer's events are applied one after another (as settling does);
    // different customers in parallel.
    const byLane: PurchaseEvent[][] = Array.from({ length: workers }, () => []);
    for (const e of events) byLane[Number(e.openid.slice(3)) % workers].push(e);

    let t = performance.now();
    let inserted = 0;
    await lanes(byLane, async (e) => {
      await db.collection('events').add(e);
      if (++inserted % 50_000 === 0) progress('insert', inserted, events.length, t);
    });
    const insertS = (performance.now() - t) / 1000;
    const settings = await loadSettings(db);
    const wireTotal = async () => Object.values((await child.stats()).wire).reduce((a, b) => a + b, 0);
    const callsBefore = await wireTotal();
    t = performance.now();
    let applied = 0;
    // As the sweep drives a backlog: each customer's owed events in time order, in batches of one
    // transaction each (consumeEvents), customers of a lane one after another.
    const batches = byLane.map((lane) => batchesByCustomer([...lane].sort((a, b) => a.at - b.at)));
    let shown = 0;
    await lanes(batches, async (batch) => {
      const r = await consumeEvents(db, batch.map((e) => e._id), settings, Date.now());
      applied += r.applied.length;
      if (applied - shown >= 50_000) {
        shown = applied;
        progress('consume', applied, events.length, t);
      }
    });
    const consumeS = (performance.now() - t) / 1000;
    const calls = (await wireTotal()) - callsBefore;
    const left = ((await db.collection('events').where({ pending: 'profile' }).count()) as { total: number }).total;
    const profiles = ((await db.collection('profiles').count()) as { total: number }).total;
    if (applied !== events.length || left !== 0 || profiles !== customers) throw new Error(`replay incomplete: applied ${applied}/${events.length}, owed ${left}, profiles ${profiles}/${customers}`);
    const raw = events.length / insertS;
    const consumed = events.length / consumeS;
    out.push(
      { name: 'segments.replay_events', value: events.length, unit: 'events' },
      { name: 'segments.replay_customers', value: customers, unit: 'customers' },
      { name: 'segments.replay_workers', value: workers, unit: 'lanes' },
      { name: 'segments.raw_insert_same_docs_per_s', value: Math.round(raw), unit: 'docs/s' },
      { name: 'segments.consume_events_per_s', value: Math.round(consumed), unit: 'events/s' },
      { name: 'segments.replay_db_calls_per_event', value: +(calls / events.length).toFixed(2), unit: 'calls/event (goal ≤ 6)' },
      { name: 'segments.consume_vs_raw_insert_ratio', value: +(consumed / raw).toFixed(3), unit: 'ratio' },
      { name: 'segments.replay_insert_s', value: +insertS.toFixed(1), unit: 's' },
      { name: 'segments.replay_consume_s', value: +consumeS.toFixed(1), unit: 's' },
      { name: 'segments.replay_emulator_rss_mb', value: (await child.stats()).rssMb, unit: 'MB' },
    );
  } finally {
    await child.close();
  }
  return out;
}

/** Profiles written straight into the store file (what a year of traffic leaves), then served by the emulator. */
function writeProfiles(file: string, p: number, now: number): { paying: number } {
  const settings = defaultSettings();
  const r = rng(9);
  const e = new Engine(file);
  let paying = 0;
  const CH = 5_000;
  for (let i = 0; i < p; i += CH) {
    const docs: CustomerProfile[] = [];
    for (let j = i; j < Math.min(p, i + CH); j++) {
      const openid = `bp_${pad(j)}`;
      let prof = newProfile(openid, now - 400 * DAY_MS);
      const kind = r();
      const visit = (d: number): PurchaseEvent => makeEvent({ factId: `${openid}_${d}`, type: 'customer.visited', openid, at: now - d * DAY_MS, ...ZERO });
      if (kind < 0.5) {
        paying++;
        const at = now - Math.floor(r() * 25) * DAY_MS - 1;
        prof = applyEvent(prof, makeEvent({ factId: `o_${openid}`, type: 'order.paid', openid, at, orderId: `ord_${openid}`, ...ZERO, qualifyingDeltaFen: 12_800, productKinds: ['regular'], lines: [{ productId: 'prd_mask', kind: 'regular', qty: 1, amountFen: 12_800 }] }));
      } else if (kind < 0.8) prof = applyEvent(applyEvent(prof, visit(3)), visit(2));
      else prof = applyEvent(prof, visit(1));
      prof = withSegments(prof, settings, now - DAY_MS);
      // The queue: 1% due now, 0.1% due in a day, everyone else far in the future.
      const nextTransitionAt = j % 100 === 0 ? now - 3_600_000 : j % 1000 === 1 ? now + DAY_MS : now + 100 * DAY_MS;
      docs.push({ ...prof, nextTransitionAt, version: 1 });
    }
    e.insert('profiles', docs as never);
  }
  e.close();
  return { paying };
}

async function benchProfiles(dir: string, sizes: SegmentBenchSizes): Promise<BenchFigure[]> {
  const file = path.join(dir, 'profiles.sqlite');
  const now = Date.now();
  let t = performance.now();
  const { paying } = writeProfiles(file, sizes.profiles, now);
  const writeS = (performance.now() - t) / 1000;
  const child = await startChild(file);
  const out: BenchFigure[] = [
    { name: 'segments.profiles', value: sizes.profiles, unit: 'profiles' },
    { name: 'segments.profiles_write_s', value: +writeS.toFixed(1), unit: 's' },
    { name: 'segments.profiles_emulator_open_ms', value: child.openMs, unit: 'ms' },
  ];
  try {
    const db = createLocalSdkApp(child.url, child.credentials).database() as unknown as Db;
    const settings = await loadSettings(db);
    const log = createLogger();
    const scans0 = (await child.stats()).stats.fullScans;
    const runs: Array<[string, number]> = [
      ['1pct_due', now],
      ['0_due', now],
      ['0.1pct_due', now + DAY_MS + 1],
    ];
    for (const [label, at] of runs) {
      const rep = await runTransitions(db, at, settings, log, { budgetMs: Infinity });
      out.push({ name: `segments.transition_${label}_count`, value: rep.due, unit: 'profiles' });
      out.push({ name: `segments.transition_${label}_ms`, value: rep.ms, unit: 'ms' });
      if (rep.due) out.push({ name: `segments.transition_${label}_ms_per_due`, value: +(rep.ms / rep.due).toFixed(2), unit: 'ms' });
    }
    out.push({ name: 'segments.transition_full_scans', value: (await child.stats()).stats.fullScans - scans0, unit: 'count' });

    // A 100-row page of a big segment at random positions (the stable-cursor seek), and its count.
    const r = rng(3);
    const lat: number[] = [];
    for (let i = 0; i < 300; i++) {
      const cursor = `bp_${pad(Math.floor(r() * sizes.profiles))}`;
      const q0 = performance.now();
      const page = await segmentPage(db, 'layer:paying', cursor, 100);
      lat.push(performance.now() - q0);
      if (page.members.length === 0 && cursor < `bp_${pad(sizes.profiles - 200)}`) throw new Error('empty page in the middle of the segment');
    }
    lat.sort((a, b) => a - b);
    const counts: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      total = await segmentTotal(db, 'layer:paying');
      counts.push(performance.now() - t);
    }
    counts.sort((a, b) => a - b);
    // The dashboard's numbers: every key's size in one aggregation (segment.counts).
    t = performance.now();
    const all = await segmentCounts(db, defaultSettings());
    const allCountsMs = performance.now() - t;
    if (all['layer:paying'] !== total) throw new Error(`segment.counts says ${all['layer:paying']} paying, the index count ${total}`);
    if (Math.abs(total - paying) > paying * 0.05) throw new Error(`segment size ${total}, expected about ${paying}`);
    out.push(
      { name: 'segments.page_segment_size', value: total, unit: 'profiles' },
      { name: 'segments.page100_p50_ms', value: +pct(lat, 50).toFixed(2), unit: 'ms' },
      { name: 'segments.page100_p99_ms', value: +pct(lat, 99).toFixed(2), unit: 'ms' },
      { name: 'segments.segment_count_p50_ms', value: +pct(counts, 50).toFixed(1), unit: 'ms' },
      { name: 'segments.all_counts_one_call_ms', value: +allCountsMs.toFixed(1), unit: 'ms' },
      { name: 'segments.page_full_scans', value: (await child.stats()).stats.fullScans - scans0, unit: 'count' },
      { name: 'segments.profiles_emulator_rss_mb', value: (await child.stats()).rssMb, unit: 'MB' },
    );
  } finally {
    await child.close();
  }
  return out;
}

export async function benchSegments(sizes: SegmentBenchSizes): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-seg-'));
  const t = performance.now();
  try {
    // BENCH_PART=replay|profiles runs one half (the full-size replay alone takes over an hour here).
    const part = process.env.BENCH_PART;
    const figures = [...(part !== 'profiles' ? await benchReplay(dir, sizes) : []), ...(part !== 'replay' ? await benchProfiles(dir, sizes) : [])];
    figures.push({ name: 'segments.bench_total_s', value: +((performance.now() - t) / 1000).toFixed(1), unit: 's' });
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
