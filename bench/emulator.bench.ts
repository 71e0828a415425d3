import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine } from '../local/emulator/engine';
import { createLocalSdkApp } from '../local/emulator/sdk';
import { sign } from '@cloudbase/signature-nodejs';
import { startEmulatorServer, type EmulatorServer } from '../local/emulator';
import { verifySignature } from '../local/emulator/signature';

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

const DECLS = [{ name: 'ev', purpose: 'bench', indexes: [{ name: 'who_at', keys: { who: 1 as const, at: -1 as const } }] }];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Emulator figures through the real SDK over HTTP (what tests and `npm start` pay), plus raw load time. */
export async function benchEmulator(opts: { inserts: number; loadDocs: number }): Promise<BenchFigure[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-emu-'));
  const file = path.join(dir, 'db.sqlite');
  const out: BenchFigure[] = [];
  try {
    const s = await startEmulatorServer({ dbPath: file, collections: DECLS });
    const db = createLocalSdkApp(s.url, s.credentials).database();
    const BATCH = 500;
    let t = performance.now();
    for (let i = 0; i < opts.inserts; i += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, opts.inserts - i) }, (_, j) => ({ who: `u${(i + j) % 1000}`, at: i + j, amountFen: 100 }));
      await db.collection('ev').add(docs);
    }
    let ms = performance.now() - t;
    out.push({ name: 'emulator.insert_batched_docs_per_s', value: Math.round(opts.inserts / (ms / 1000)), unit: 'docs/s' });

    t = performance.now();
    const singles = 2000;
    for (let i = 0; i < singles; i++) await db.collection('ev').add({ who: 'single', at: i });
    ms = performance.now() - t;
    out.push({ name: 'emulator.insert_single_ops_per_s', value: Math.round(singles / (ms / 1000)), unit: 'ops/s' });

    const lat: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const q0 = performance.now();
      await db.collection('ev').where({ who: `u${i % 1000}` }).orderBy('at', 'desc').limit(20).get();
      lat.push(performance.now() - q0);
    }
    lat.sort((a, b) => a - b);
    out.push({ name: 'emulator.indexed_query_p50_ms', value: +percentile(lat, 50).toFixed(2), unit: 'ms' });
    out.push({ name: 'emulator.indexed_query_p99_ms', value: +percentile(lat, 99).toFixed(2), unit: 'ms' });
    out.push({ name: 'emulator.full_scans_during_indexed_queries', value: s.emulator.stats().fullScans, unit: 'count' });
    out.push(...(await benchSignature(s)));
    await s.close();

    // Load time: write loadDocs rows straight through the engine, then reopen (what a restart costs).
    const big = path.join(dir, 'big.sqlite');
    const e = new Engine(big, DECLS);
    const CH = 5000;
    for (let i = 0; i < opts.loadDocs; i += CH) {
      e.insert('ev', Array.from({ length: Math.min(CH, opts.loadDocs - i) }, (_, j) => ({ who: `u${(i + j) % 5000}`, at: i + j, tags: ['a', 'b'] })));
    }
    e.close();
    const mem0 = process.memoryUsage().heapUsed;
    t = performance.now();
    const e2 = new Engine(big, DECLS);
    ms = performance.now() - t;
    out.push({ name: 'emulator.open_docs', value: e2.stats().documents, unit: 'docs' });
    out.push({ name: 'emulator.open_ms', value: Math.round(ms), unit: 'ms' });
    out.push({ name: 'emulator.heap_mb_after_open', value: Math.round((process.memoryUsage().heapUsed - mem0) / 1e6), unit: 'MB' });
    e2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/**
 * What the signature costs per emulator call: signing (the SDK always did it, with any key) and
 * verifying (new: the emulator checks every request), on a request shaped like the SDK's
 * doc().get(); plus one signed call over HTTP against the same call in-process (no HTTP, no check).
 */
async function benchSignature(s: EmulatorServer): Promise<BenchFigure[]> {
  const url = `${s.url}?env=local&tcb_sdk_version=3.18.3&seqId=1700000000000_0.123`;
  const host = new URL(s.url).host;
  const headers = { 'User-Agent': 'tcb-node-sdk/3.18.3', 'X-TCB-Source': ',not-scf', 'X-Client-Timestamp': 1700000000000, 'X-SDK-Version': 'tcb-node-sdk/3.18.3', Host: host, 'content-type': 'application/json' };
  const params = { action: 'database.getDocument', collectionName: 'ev', query: '{"_id":"d1"}', queryType: 'DOC', limit: 100, envName: 'local', wxCloudApiToken: '', tcb_sessionToken: '' };
  const N = 5000;
  let t = performance.now();
  let signed = { authorization: '', timestamp: 0 };
  for (let i = 0; i < N; i++) signed = sign({ secretId: s.credentials.secretId, secretKey: s.credentials.secretKey, method: 'post', url, params, headers, withSignedParams: true, timestamp: Math.floor(Date.now() / 1000) - 1 });
  const signUs = ((performance.now() - t) * 1000) / N;
  const arrived = {
    method: 'POST',
    host,
    rawUrl: url.slice(url.indexOf('/tcb')),
    headers: { ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)])), authorization: signed.authorization, 'x-timestamp': String(signed.timestamp), 'x-signature-expires': '600' },
    params,
  };
  t = performance.now();
  for (let i = 0; i < N; i++) if (!verifySignature(arrived, s.credentials, Date.now()).ok) throw new Error('bench request does not verify');
  const verifyUs = ((performance.now() - t) * 1000) / N;

  const db = createLocalSdkApp(s.url, s.credentials).database();
  await db.collection('ev').add({ _id: 'd1', who: 'x', at: 0 });
  const http: number[] = [];
  const inproc: number[] = [];
  for (let i = 0; i < 1000; i++) {
    let q0 = performance.now();
    await db.collection('ev').doc('d1').get();
    http.push(performance.now() - q0);
    q0 = performance.now();
    await s.emulator.handle(params);
    inproc.push(performance.now() - q0);
  }
  http.sort((a, b) => a - b);
  inproc.sort((a, b) => a - b);
  return [
    { name: 'emulator.sign_request_us', value: +signUs.toFixed(1), unit: 'µs' },
    { name: 'emulator.verify_signature_us', value: +verifyUs.toFixed(1), unit: 'µs' },
    { name: 'emulator.doc_get_sdk_http_p50_ms', value: +percentile(http, 50).toFixed(3), unit: 'ms' },
    { name: 'emulator.doc_get_in_process_p50_ms', value: +percentile(inproc, 50).toFixed(3), unit: 'ms' },
  ];
}

/** A bench file run on its own (`npx tsx bench/<file>.ts`): its figures as BENCH lines, exit 1 on a fault. */
export function runStandalone(bench: () => Promise<BenchFigure[]>): void {
  process.env.LOG_LEVEL = 'silent';
  bench().then(
    (figures) => {
      for (const f of figures) process.stdout.write(`BENCH ${JSON.stringify(f)}\n`);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
