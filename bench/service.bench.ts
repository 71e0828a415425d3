import { execFileSync, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getAll } from '../cloudfunctions/_kit/db';
import { txCounters } from '../cloudfunctions/_kit/transaction';
import { walletIdOf, type EntryDoc, type WalletDoc } from '../shared/documents';
import { startTestStore, type TestStore } from '../local/testing/store-harness';
import { balanceFromEntries } from '../shared/ledger/entries';
import type { BenchFigure } from './emulator.bench';
import { COLL } from '../cloudfunctions/_kit/collections';

/**
 * Issue 7 figures of the running service, all through the gateway on 127.0.0.1 (the same process
 * `npm start` runs): wallet contention (N concurrent spends on ONE wallet), checkout throughput
 * (orders/s of many customers, bounded in count and time), per-function bundle size and cold
 * module-init time, weapp package sizes, H5 first render in Chromium.
 */
const ROOT = path.resolve(__dirname, '..');

async function cheapestProduct(s: TestStore): Promise<{ _id: string; priceFen: number }> {
  const r = await s.call('bench_buyer', 'catalog', { action: 'list' });
  const open = (r.data.products as Array<{ _id: string; kind: string; priceFen: number; memberEarlyAccessUntil?: number; stock?: unknown }>).filter((p) => p.kind === 'regular' && !p.memberEarlyAccessUntil && p.stock === undefined);
  return open.sort((a, b) => a.priceFen - b.priceFen)[0];
}

async function fundWallet(s: TestStore, openid: string): Promise<void> {
  const r = await s.call(openid, 'wallet', { action: 'topUp', amountFen: 500_000, acceptTerms: true, requestId: s.rid('top') });
  if (!r.ok) throw new Error(`top-up failed: ${r.error?.message}`);
  const paid = await s.pay(r.data.payment.outTradeNo);
  if (!paid.ok) throw new Error('top-up payment failed');
}

/** N spends at once on one wallet: every one either pays or is refused; none overdraws. */
async function walletContention(s: TestStore, n: number): Promise<BenchFigure[]> {
  const who = 'bench_wallet';
  await fundWallet(s, who);
  const p = await cheapestProduct(s);
  const conflicts0 = txCounters.conflicts;
  const t0 = performance.now();
  const res = await Promise.all(Array.from({ length: n }, () => s.call(who, 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith: 'balance', requestId: s.rid('spend') })));
  const secs = (performance.now() - t0) / 1000;
  const paid = res.filter((r) => r.ok).length;
  const refused = res.filter((r) => !r.ok && r.error?.code === 'INSUFFICIENT_BALANCE').length;
  const other = n - paid - refused;
  const otherCodes = [...new Set(res.filter((r) => !r.ok && r.error?.code !== 'INSUFFICIENT_BALANCE').map((r) => r.error?.code))];
  if (otherCodes.length) console.warn(`wallet contention: other refusals ${otherCodes.join(', ')}`);
  const wallet = (await getAll<WalletDoc>(s.db(), COLL.wallets, { _id: walletIdOf(who) }))[0];
  const entries = await getAll<EntryDoc>(s.db(), COLL.wallet_entries, { walletId: walletIdOf(who) }, { max: 100_000 });
  const sum = balanceFromEntries(entries as never);
  const overdrafts = (wallet.principalFen < 0 || wallet.bonusFen < 0 ? 1 : 0) + (sum.principalFen !== wallet.principalFen || sum.bonusFen !== wallet.bonusFen ? 1 : 0);
  return [
    { name: 'wallet.concurrent_spends', value: n, unit: 'requests' },
    { name: 'wallet.spends_paid', value: paid, unit: 'orders' },
    { name: 'wallet.spends_refused_insufficient', value: refused, unit: 'orders' },
    { name: 'wallet.spends_other_errors', value: other, unit: 'orders' },
    { name: 'wallet.conflicts_to_customers', value: res.filter((r) => !r.ok && r.error?.code === 'CONFLICT').length, unit: 'answers (goal 0)' },
    { name: 'wallet.ops_per_s', value: +(n / secs).toFixed(1), unit: 'ops/s' },
    { name: 'wallet.conflicts_retried', value: txCounters.conflicts - conflicts0, unit: 'retries' },
    { name: 'wallet.overdrafts', value: overdrafts, unit: 'count' },
  ];
}

/** Many customers checking out at once (balance payment: one request per order), bounded by count and time. */
async function checkoutThroughput(s: TestStore, customers: number, orders: number, maxMs: number): Promise<BenchFigure[]> {
  const ids = Array.from({ length: customers }, (_, i) => `bench_c${i}`);
  for (const id of ids) await fundWallet(s, id);
  const p = await cheapestProduct(s);
  let next = 0;
  let ok = 0;
  let failed = 0;
  const codes = new Set<string>();
  const lat: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    ids.map(async (id) => {
      while (next < orders && performance.now() - t0 < maxMs) {
        next++;
        const q0 = performance.now();
        const r = await s.call(id, 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith: 'balance', requestId: s.rid('co') });
        lat.push(performance.now() - q0);
        if (r.ok) ok++;
        else {
          failed++;
          codes.add(r.error?.code ?? 'UNKNOWN');
        }
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  if (codes.size) console.warn(`checkout: refusals ${[...codes].join(', ')}`);
  lat.sort((a, b) => a - b);
  const pct = (q: number) => +lat[Math.min(lat.length - 1, Math.floor(q * lat.length))].toFixed(1);
  return [
    { name: 'checkout.customers', value: customers, unit: 'concurrent' },
    { name: 'checkout.orders', value: ok, unit: 'orders' },
    { name: 'checkout.failed', value: failed, unit: 'orders' },
    { name: 'checkout.orders_per_s', value: +(ok / secs).toFixed(1), unit: 'orders/s' },
    { name: 'checkout.latency_p50_ms', value: pct(0.5), unit: 'ms' },
    { name: 'checkout.latency_p99_ms', value: pct(0.99), unit: 'ms' },
  ];
}

/** Each deployable bundle: its size and the time a fresh node process takes to require it. */
function bundles(): BenchFigure[] {
  const dir = path.join(ROOT, 'dist', 'functions');
  // Always rebuilt: a stale dist/functions would measure yesterday's code (and miss new functions).
  execFileSync('npx', ['tsx', 'scripts/build-functions.ts'], { cwd: ROOT, stdio: 'ignore' });
  const out: BenchFigure[] = [];
  // Best of 3 fresh processes: module init only (require), no invocation.
  const coldMs = (what: string) => {
    const runs = [0, 1, 2].map(() => {
      const r = spawnSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(what)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } });
      return Number(r.stdout);
    });
    return +Math.min(...runs.filter((x) => Number.isFinite(x))).toFixed(1);
  };
  // What every function pays anyway: the SDK the platform installs beside each bundle.
  const sdkMs = coldMs('@cloudbase/node-sdk');
  out.push({ name: 'bundle.sdk_alone.cold_init_ms', value: sdkMs, unit: 'ms' });
  let worst = 0;
  let biggest = 0;
  for (const fn of readdirSync(dir).sort()) {
    const file = path.join(dir, fn, 'index.js');
    if (!existsSync(file)) continue;
    const bytes = statSync(file).size;
    biggest = Math.max(biggest, bytes);
    out.push({ name: `bundle.${fn}.bytes`, value: bytes, unit: 'bytes' });
    const ms = coldMs(file);
    worst = Math.max(worst, ms);
    out.push({ name: `bundle.${fn}.cold_init_ms`, value: ms, unit: 'ms' });
  }
  out.push(
    { name: 'bundle.max_bytes', value: biggest, unit: 'bytes (goal ≤ 204,800)' },
    { name: 'bundle.max_cold_init_ms', value: worst, unit: 'ms (goal ≤ 100 on an idle box)' },
    { name: 'bundle.max_cold_init_ratio_to_sdk', value: +(worst / sdkMs).toFixed(2), unit: 'bundle require / SDK require' },
  );
  return out;
}

/** Main package and every subpackage of the weapp build (builds it when missing). */
function weappSizes(): BenchFigure[] {
  if (!existsSync(path.join(ROOT, 'dist', 'weapp', 'app.json'))) execFileSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production', TCB_ENV_ID: process.env.TCB_ENV_ID || 'local-test' } });
  const text = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'weapp-size.mjs')], { encoding: 'utf8' });
  const line = text.split('\n').find((l) => l.startsWith('WEAPP_SIZE '))!;
  const sizes = JSON.parse(line.slice('WEAPP_SIZE '.length)) as Record<string, number>;
  return Object.entries(sizes).map(([k, v]) => ({ name: k === 'main' ? 'weapp.main_bytes' : `weapp.${k.replace(/\//g, '_')}_bytes`, value: v, unit: 'bytes' }));
}

/** Chromium opening the H5 store cold: until the first product card is on screen. */
async function h5FirstRender(): Promise<BenchFigure[]> {
  const { launchChromium } = await import('../e2e/support/browser');
  const { startStore } = await import('../e2e/support/local-store');
  if (!existsSync(path.join(ROOT, 'dist', 'h5', 'index.html'))) execFileSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production', TCB_ENV_ID: process.env.TCB_ENV_ID || 'local-test' } });
  const store = await startStore();
  const browser = await launchChromium();
  const runs: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
      // A signed-in customer (the dev-login choice the H5 app keeps), so the shop renders, not the login.
      await ctx.addInitScript(() => localStorage.setItem('devOpenid', 'cust_demo'));
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(store.url, { waitUntil: 'commit' });
      await page.waitForSelector('.product-card', { timeout: 60_000 });
      runs.push(performance.now() - t0);
      await ctx.close();
    }
  } finally {
    await browser.close();
    await store.close();
  }
  runs.sort((a, b) => a - b);
  return [
    { name: 'h5.first_product_card_ms_best', value: +runs[0].toFixed(0), unit: 'ms' },
    { name: 'h5.first_product_card_ms_median', value: +runs[1].toFixed(0), unit: 'ms' },
  ];
}

export async function benchService(opts: { spends: number; customers: number; orders: number; maxMs: number }): Promise<BenchFigure[]> {
  // Hundreds of concurrent requests share keep-alive sockets by design: not a listener leak.
  EventEmitter.defaultMaxListeners = Math.max(EventEmitter.defaultMaxListeners, opts.spends + opts.customers + 100);
  const out: BenchFigure[] = [];
  const s = await startTestStore();
  try {
    out.push(...(await walletContention(s, opts.spends)));
    out.push(...(await checkoutThroughput(s, opts.customers, opts.orders, opts.maxMs)));
  } finally {
    await s.close();
  }
  out.push(...bundles());
  out.push(...weappSizes());
  out.push(...(await h5FirstRender()));
  return out;
}
