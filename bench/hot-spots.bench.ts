import { performance } from 'node:perf_hooks';
import { startTestStore, type Envelope, type TestStore } from '../local/testing/store-harness';
import { systemClock } from '../cloudfunctions/_kit/clock';
import { runStandalone, type BenchFigure } from './emulator.bench';

/**
 * Hot spots (issue 18): 200 customers, 50 at a time, going for something limited to 50 units — a
 * coupon dropped in a WeChat group, a limited product, a limited trial product, a popular gift —
 * against the same number of grants with no limit, in one run. Gifts always carry a stock, so
 * their "no limit" run is a gift whose stock outlasts its claimers. Figures: units handed out (must be exactly 50), grants/s both ways and
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

/**
 * Every claimer holds an available welcome-pack entitlement for one gift (written directly: the
 * bench measures claims, not how members got there). Limited: 50 units; no limit: 1,000,000.
 */
async function giftFigures(s: TestStore): Promise<BenchFigure[]> {
  const now = systemClock.now();
  const grant = async (giftId: string, who: string) => {
    await s.db().collection('entitlements').doc(`ent_hot_${who}`).set({ openid: who, source: 'welcome', giftId, name: '热门礼包', items: ['礼包'], valueFen: 10_000, costFen: 3_000, status: 'available', grantedAt: now, claimDeadline: now + 30 * 86_400_000, version: 1 });
  };
  await s.db().collection('gift_stock').doc('gst_hot_gift_limited').set({ giftId: 'hot_gift_limited', remaining: UNITS, claimed: 0, updatedAt: now });
  await s.db().collection('gift_stock').doc('gst_hot_gift_free').set({ giftId: 'hot_gift_free', remaining: 1_000_000, claimed: 0, updatedAt: now });
  const people = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}_${i}`);
  const [warm, free, limited] = [people('hot_gw', 10), people('hot_gf', UNITS), people('hot_gl', CUSTOMERS)];
  for (let i = 0; i < warm.length + free.length; i += WAVE) await Promise.all([...warm, ...free].slice(i, i + WAVE).map((w) => grant('hot_gift_free', w)));
  for (let i = 0; i < limited.length; i += WAVE) await Promise.all(limited.slice(i, i + WAVE).map((w) => grant('hot_gift_limited', w)));
  const claim = (who: string) => s.call(who, 'membership', { action: 'claimPack', entitlementId: `ent_hot_${who}`, delivery: { method: 'pickup' }, requestId: s.rid('hot') });
  await waves(warm.length, (i) => claim(warm[i]));
  const freeRun = await waves(free.length, (i) => claim(free[i]));
  const limitedRun = await waves(limited.length, (i) => claim(limited[i]));
  return figures('gift', limitedRun, freeRun);
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
    const out: BenchFigure[] = figures('coupon', limited, free);
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
    out.push(...figures('stock', limitedOrders, freeOrders));
    // A limited trial product (one per customer, so each order also writes its trial reservation).
    const trial = products.find((p) => p.kind === 'trial' && !p.memberEarlyAccessUntil && p.stock === undefined);
    if (!trial) throw new Error('the demo catalog has no open trial product');
    const { _id: _t, ...trialDoc } = ((await s.db().collection('products').doc(trial._id).get()) as { data: Array<Record<string, unknown>> }).data[0];
    void _t;
    await s.db().collection('products').doc('prd_hot_trial_limited').set({ ...trialDoc, stock: UNITS });
    await s.db().collection('products').doc('prd_hot_trial_free').set(trialDoc);
    await waves(10, (i) => order('prd_hot_trial_free', `hot_tw_${i}`));
    const freeTrials = await waves(UNITS, (i) => order('prd_hot_trial_free', `hot_tf_${i}`));
    const limitedTrials = await waves(CUSTOMERS, (i) => order('prd_hot_trial_limited', `hot_tl_${i}`));
    out.push(...figures('trial', limitedTrials, freeTrials));
    out.push(...(await giftFigures(s)));
    return out;
  } finally {
    await s.close();
  }
}

if (require.main === module) runStandalone(benchHotSpots);
