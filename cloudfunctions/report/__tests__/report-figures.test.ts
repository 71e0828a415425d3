import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { addDay } from '../../../shared/reports/days';
import { businessDate, DAY_MS } from '../../../shared/time';
import { getAll } from '../../_kit/db';

/**
 * 经营报表 through the real path (gateway → handlers → emulator): customers buy, pay, refund, top
 * up, spend balance and claim gifts; the operator's `report` reads must show exactly the fen the
 * definitions (shared/reports/profit.ts) give — folded from events, never from re-reading orders.
 */

let s: TestStore;
/** Day 1 and day 2 of the scenario (Shanghai), 10:00 local time so nothing crosses midnight. */
let day1: string;
let day2: string;
let offset1: number;

beforeAll(async () => {
  s = await startTestStore();
  const tomorrow = addDay(businessDate(Date.now()), 1);
  // 10:00 in Shanghai = 02:00 UTC.
  const at = Date.parse(`${tomorrow}T02:00:00Z`);
  offset1 = at - Date.now();
  await s.clock(offset1);
  day1 = tomorrow;
  day2 = addDay(tomorrow, 1);
});
afterAll(() => s.close());

const OP = 'op_admin';
const report = (action: string, body: Record<string, unknown> = {}) => s.call(OP, 'report', { action, ...body });

async function buy(openid: string, items: Array<{ productId: string; qty: number }>, payWith: 'wechat' | 'balance' = 'wechat') {
  const r = await s.call(openid, 'order', { action: 'create', items, payWith, requestId: s.rid('buy') });
  expect(r.error).toBeUndefined();
  if (payWith === 'wechat') expect(await s.pay(r.data.payment.outTradeNo)).toMatchObject({ ok: true });
  return r.data.orderId as string;
}

async function topUp(openid: string, planId: string) {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId, acceptTerms: true, requestId: s.rid('tu') });
  expect(r.ok).toBe(true);
  expect(await s.pay(r.data.payment.outTradeNo)).toMatchObject({ ok: true });
}

async function refund(openid: string, orderId: string, lines?: Array<{ productId: string; qty: number }>) {
  const r = await s.call(openid, 'order', { action: 'refund', orderId, requestId: s.rid('rf'), ...(lines ? { lines } : {}) });
  expect(r.ok).toBe(true);
}

async function membershipWithPack(openid: string) {
  const buy = await s.call(openid, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  expect(buy.ok).toBe(true);
  await s.pay(buy.data.payment.outTradeNo);
  const st = await s.call(openid, 'membership', { action: 'status' });
  const claim = await s.call(openid, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: s.rid('cp') });
  expect(claim.ok).toBe(true);
}

test('a customer cannot read reports: FORBIDDEN, in Chinese', async () => {
  for (const action of ['overview', 'liability', 'conversion', 'segmentHistory']) {
    const r = await s.call('cust_curious', 'report', { action, from: '2026-01-01', to: '2026-01-07' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '仅限店铺运营人员操作。' } });
  }
});

test('periods are checked: order, format, at most 366 days (Chinese messages)', async () => {
  const backwards = await report('overview', { from: '2026-02-01', to: '2026-01-01' });
  expect(backwards).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(backwards.error!.message).toContain('开始日期不能晚于结束日期');
  expect((await report('overview', { from: '2024-01-01', to: '2026-01-01' })).error!.message).toContain('一次最多查看 366 天');
  expect((await report('liability', { from: '2026/01/01', to: '2026-01-02' })).error?.code).toBe('INVALID_INPUT');
  expect((await report('overview', { from: '2026-01-01', to: '2026-01-02', extra: 1 })).error?.code).toBe('INVALID_INPUT');
});

test('end to end: orders with cost, a trial below cost, a refund, balance spend with bonus, a gift claim → exact fen', async () => {
  // Day 1 ----------------------------------------------------------------------------------
  // A: 2 masks (¥128, cost ¥35) by WeChat, then 1 refunded; later a tea box (¥198, cost ¥60).
  const a = await buy('rpt_a', [{ productId: 'prd_mask', qty: 2 }]);
  await refund('rpt_a', a, [{ productId: 'prd_mask', qty: 1 }]);
  await buy('rpt_a', [{ productId: 'prd_tea', qty: 1 }]);
  // B: the ¥18 course trial (cost ¥60: ¥42 below cost), then converts to the ¥5,000 course (cost ¥1,200).
  await buy('rpt_b', [{ productId: 'prd_course_trial', qty: 1 }]);
  await buy('rpt_b', [{ productId: 'prd_course', qty: 1 }]);
  // C: tops up ¥3,000 (+¥400 bonus), pays 17 masks (¥2,176) from balance: 15:2 → ¥1,920 principal + ¥256 bonus.
  await topUp('rpt_c', 'topup-3000');
  await buy('rpt_c', [{ productId: 'prd_mask', qty: 17 }], 'balance');

  // Day 2 ----------------------------------------------------------------------------------
  await s.clock(offset1 + DAY_MS);
  // D: the ¥1,000 membership, and claims its welcome pack (cost ¥600).
  await membershipWithPack('rpt_d');

  const r = await report('overview', { from: day1, to: day2 });
  expect(r.ok).toBe(true);
  const productSalesFen = 25_600 + 19_800 + 1_800 + 500_000 + 217_600;
  const expected = {
    productSalesFen,
    membershipFeesFen: 100_000,
    gmvFen: productSalesFen + 100_000,
    refundsFen: 12_800,
    cogsFen: 2 * 3_500 - 3_500 + 6_000 + 1_800 + 120_000 + 17 * 3_500,
    trialLossFen: 4_200,
    giftCostFen: 60_000,
    bonusSpentFen: 25_600,
    couponFen: 0,
  };
  const profitFen = expected.gmvFen - expected.refundsFen - expected.cogsFen - expected.trialLossFen - expected.giftCostFen - expected.bonusSpentFen - expected.couponFen;
  expect(profitFen).toBe(571_400);
  expect(r.data.totals).toEqual({ ...expected, profitFen, productOrders: 5, membershipsSold: 1, refunds: 1, trialsSold: 1, giftClaims: 1, topUps: 1 });
  expect(r.data.catchingUp).toBe(false);
  // Per day: day 1 has every product sale; day 2 the fee and the pack.
  expect(r.data.days.map((d: { day: string }) => d.day)).toEqual([day1, day2]);
  expect(r.data.days[0]).toMatchObject({ gmvFen: productSalesFen, giftCostFen: 0, profitFen: productSalesFen - 12_800 - expected.cogsFen - 4_200 - 25_600 });
  expect(r.data.days[1]).toMatchObject({ gmvFen: 100_000, membershipFeesFen: 100_000, giftCostFen: 60_000, profitFen: 40_000 });

  // Liability: C's ¥3,000 + ¥400 less what the masks drew; the day-1 balance is carried into day 2.
  const l = await report('liability', { from: addDay(day1, -1), to: day2 });
  expect(l.data.now).toEqual({ principalFen: 108_000, bonusFen: 14_400, totalFen: 122_400 });
  expect(l.data.days).toEqual([
    { day: addDay(day1, -1), principalFen: 0, bonusFen: 0, principalInFen: 0, principalOutFen: 0, bonusInFen: 0, bonusOutFen: 0, principalDeltaFen: 0, bonusDeltaFen: 0 },
    { day: day1, principalFen: 108_000, bonusFen: 14_400, principalInFen: 300_000, principalOutFen: 192_000, bonusInFen: 40_000, bonusOutFen: 25_600, principalDeltaFen: 108_000, bonusDeltaFen: 14_400 },
    { day: day2, principalFen: 108_000, bonusFen: 14_400, principalInFen: 0, principalOutFen: 0, bonusInFen: 0, bonusOutFen: 0, principalDeltaFen: 0, bonusDeltaFen: 0 },
  ]);

  // Conversion: B bought the trial and converted a day 0 later; A (2 purchases), B and C have ≥ 1.
  const c = await report('conversion');
  expect(c.data.trial).toMatchObject({ buyers: 1, converted: 1, refundedUnconverted: 0, ratePct: 100 });
  expect(c.data.trial.medianTimeToConvertMs).toBeGreaterThanOrEqual(0);
  expect(c.data.trial.medianTimeToConvertMs).toBeLessThan(60_000);
  expect(c.data.funnel).toEqual({ atLeast1: 3, atLeast2: 1, atLeast3: 0, secondPct: 33.3, thirdPct: 0 });
  expect(c.data).toMatchObject({ scanned: 1, complete: true });
});

test('liability now equals Σ of every wallet after top-ups, spends, refunds to balance and stored-value refunds', async () => {
  const plans = ['topup-1000', 'topup-1000', 'topup-3000'];
  for (let i = 0; i < 6; i++) {
    const u = `rpt_w${i}`;
    await topUp(u, plans[i % 3]);
    if (i % 3 !== 0) await topUp(u, 'topup-500');
    const spent = await buy(u, [{ productId: i % 2 ? 'prd_serum' : 'prd_cream', qty: 1 }, { productId: 'prd_mask', qty: 1 + (i % 3) }], 'balance');
    if (i % 2 === 0) await refund(u, spent, [{ productId: 'prd_mask', qty: 1 }]);
    if (i === 3) await refund(u, spent);
    if (i === 4) expect((await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') })).ok).toBe(true);
  }
  const wallets = await getAll<{ principalFen: number; bonusFen: number }>(s.db(), 'wallets', {}, { max: 1000 });
  const principalFen = wallets.reduce((x, w) => x + w.principalFen, 0);
  const bonusFen = wallets.reduce((x, w) => x + w.bonusFen, 0);
  expect(principalFen).toBeGreaterThan(108_000);
  const l = await report('liability', { from: day1, to: day2 });
  expect(l.data.now).toEqual({ principalFen, bonusFen, totalFen: principalFen + bonusFen });
  // The last day's closing balance is "now" (nothing happened after the period).
  expect(l.data.days[l.data.days.length - 1]).toMatchObject({ principalFen, bonusFen });
});
