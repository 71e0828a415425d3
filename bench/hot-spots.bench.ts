import { performance } from 'node:perf_hooks';
import { startTestStore, type Envelope, type TestStore } from '../local/testing/store-harness';
import { runStandalone, type BenchFigure } from './emulator.bench';

/**
 * Hot spots (issue 18): 200 customers, 50 at a time, going for something limited to 50 units — a
 * coupon dropped in a WeChat group, a limited product — against the same number of grants with
 * no limit, in one run. Figures: units handed out (must be exactly 50), grants/s both ways and
 * their ratio (goal ≥ 0.5), and how many answers were CONFLICT (goal 0: 当前操作繁忙 must never
 * reach a customer).
 */
const CUSTOMERS = 200;
const WAVE = 50;
const UNITS = 50;

interface Run {
  granted: number;
  conflicts: number;
  /** From the first request to the answer that handed out the last unit granted. */
  seconds: number;
}

async function waves(n: number, attempt: (i: number) => Promise<Envelope>): Promise<Run> {
  const t0 = performance.now();
  let granted = 0;
  let conflicts = 0;
  let lastGrantAt = t0;
  const timed = async (i: number) => {
    const r = await attempt(i);
    if (r.ok) lastGrantAt = Math.max(lastGrantAt, performance.now());
    return r;
  };
  for (let start = 0; start < n; start += WAVE) {
    const res = await Promise.all(Array.from({ length: Math.min(WAVE, n - start) }, (_, k) => timed(start + k)));
    granted += res.filter((r) => r.ok).length;
    conflicts += res.filter((r) => !r.ok && r.error?.code === 'CONFLICT').length;
  }
  return { granted, conflicts, seconds: (lastGrantAt - t0) / 1000 };
}

async function template(s: TestStore, totalQuantity?: number): Promise<string> {
  const r = await s.call('op_admin', 'coupon', {
    action: 'saveTemplate',
    template: { name: '群里的券', offer: { code: 'amount-off', args: { amountFen: 1_000 } }, minSpendFen: 5_000, validity: { kind: 'days', days: 7 }, claimable: true, ...(totalQuantity ? { totalQuantity } : {}) },
    requestId: s.rid('tpl'),
  });
  if (!r.ok) throw new Error(`template refused: ${r.error?.message}`);
  return r.data.templateId;
}

function figures(what: string, limited: Run, free: Run): BenchFigure[] {
  const limitedRate = limited.granted / limited.seconds;
  const freeRate = free.granted / free.seconds;
  return [
    { name: `hot.${what}.units_granted`, value: limited.granted, unit: `of ${UNITS} (${CUSTOMERS} customers, ${WAVE} at a time)` },
    { name: `hot.${what}.limited_grants_per_s`, value: +limitedRate.toFixed(1), unit: 'grants/s' },
    { name: `hot.${what}.unlimited_grants_per_s`, value: +freeRate.toFixed(1), unit: 'grants/s' },
    { name: `hot.${what}.rate_ratio`, value: +(limitedRate / freeRate).toFixed(2), unit: 'limited / unlimited (goal ≥ 0.5)' },
    { name: `hot.${what}.conflicts_to_customers`, value: limited.conflicts + free.conflicts, unit: 'answers (goal 0)' },
  ];
}

export async function benchHotSpots(): Promise<BenchFigure[]> {
  const s = await startTestStore();
  try {
    const limitedT = await template(s, UNITS);
    const freeT = await template(s);
    const claim = (t: string, who: string) => s.call(who, 'coupon', { action: 'claim', templateId: t, requestId: s.rid('hot') });
    await waves(10, (i) => claim(freeT, `hot_warm_${i}`)); // warm-up: both runs on a warm instance
    const free = await waves(UNITS, (i) => claim(freeT, `hot_free_${i}`));
    const limited = await waves(CUSTOMERS, (i) => claim(limitedT, `hot_lim_${i}`));
    const out = figures('coupon', limited, free);
    // A limited product: a copy of the cheapest open product with 50 units (and one without a limit).
    const products = (await s.call('bench_hot_probe', 'catalog', { action: 'list' })).data.products as Array<{ _id: string; kind: string; priceFen: number; memberEarlyAccessUntil?: number; stock?: unknown }>;
    const base = products.filter((p) => p.kind === 'regular' && !p.memberEarlyAccessUntil && p.stock === undefined).sort((a, b) => a.priceFen - b.priceFen)[0];
    const stored = (await s.db().collection('products').doc(base._id).get()) as { data: Array<Record<string, unknown>> };
    const { _id: _drop, ...doc } = stored.data[0];
    void _drop;
    await s.db().collection('products').doc('prd_hot_limited').set({ ...doc, stock: UNITS });
    await s.db().collection('products').doc('prd_hot_free').set(doc);
    const order = (productId: string, who: string) => s.call(who, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', requestId: s.rid('hot') });
    await waves(10, (i) => order('prd_hot_free', `hot_pw_${i}`));
    const freeOrders = await waves(UNITS, (i) => order('prd_hot_free', `hot_pf_${i}`));
    const limitedOrders = await waves(CUSTOMERS, (i) => order('prd_hot_limited', `hot_pl_${i}`));
    return [...out, ...figures('stock', limitedOrders, freeOrders)];
  } finally {
    await s.close();
  }
}

if (require.main === module) runStandalone(benchHotSpots);
