import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getById } from '../../_kit/db';

/**
 * Issue 15 item 4: one customer could take a product's whole stock off sale with unpaid orders
 * (3 unpaid orders held 200 units, renewed every 30 minutes). Units held per customer per product
 * and unpaid orders per customer are capped (settings.maxHeldUnitsPerProduct / maxUnpaidOrders).
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

const ops = (body: Record<string, unknown>) => s.call('op_admin', 'ops', body);
const stockOf = async (productId: string) => (await ops({ action: 'product', productId })).data.stock as number;
const buy = (u: string, productId: string, qty: number, payWith: 'wechat' | 'balance' = 'wechat') =>
  s.call(u, 'order', { action: 'create', items: [{ productId, qty }], payWith, ...(productId === 'prd_mask' || productId === 'prd_cream' ? { delivery: { method: 'pickup' } } : {}), requestId: s.rid('o') });

async function setLimits(patch: Record<string, unknown>) {
  const cur = await s.call('op_admin', 'settings', { action: 'get' });
  return s.call('op_admin', 'settings', { action: 'update', settings: { ...cur.data, ...patch }, requestId: s.rid('set') });
}

async function topUp(openid: string) {
  const r = await s.call(openid, 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true, requestId: s.rid('tu') });
  await s.pay(r.data.payment.outTradeNo);
}

describe('units held by one customer per product', () => {
  test('the issue: unpaid orders for 99 + 99 + 2 of a 200-unit product are refused beyond the cap; others can still buy', async () => {
    await ops({ action: 'setStock', productId: 'prd_mask', stock: 200, requestId: s.rid('st') });
    const hog = 'hold_hog';
    const big = await buy(hog, 'prd_mask', 99);
    expect(big).toMatchObject({ ok: false, error: { code: 'HOLD_LIMIT_REACHED' } });
    expect(big.error!.message).toBe('「深层补水面膜（10 片）」每位顾客最多保留 10 件待支付，您本单要 99 件。请减少数量，或改用余额支付（支付后不占用库存）。');
    expect(await stockOf('prd_mask')).toBe(200);

    expect((await buy(hog, 'prd_mask', 6)).ok).toBe(true);
    expect((await buy(hog, 'prd_mask', 4)).ok).toBe(true);
    const more = await buy(hog, 'prd_mask', 1);
    expect(more).toMatchObject({ ok: false, error: { code: 'HOLD_LIMIT_REACHED' } });
    expect(more.error!.message).toBe('「深层补水面膜（10 片）」每位顾客最多保留 10 件待支付，您的待支付订单已占 10 件。请先在「我的订单」中支付或取消待支付订单，再下新单。');
    expect(await stockOf('prd_mask')).toBe(190);

    // Another customer is not affected.
    expect((await buy('hold_other', 'prd_mask', 10)).ok).toBe(true);
    expect(await stockOf('prd_mask')).toBe(180);
  });

  test('paying or cancelling frees the hold; balance orders are paid at once and hold nothing', async () => {
    await ops({ action: 'setStock', productId: 'prd_cream', stock: 100, requestId: s.rid('st') });
    const u = 'hold_payer';
    const a = await buy(u, 'prd_cream', 10);
    expect(a.ok).toBe(true);
    expect((await buy(u, 'prd_cream', 1)).error?.code).toBe('HOLD_LIMIT_REACHED');
    await s.pay(a.data.payment.outTradeNo);
    const b = await buy(u, 'prd_cream', 10);
    expect(b.ok).toBe(true);
    expect((await s.call(u, 'order', { action: 'cancel', orderId: b.data.orderId })).ok).toBe(true);
    expect((await buy(u, 'prd_cream', 10)).ok).toBe(true);
    // A balance payment takes the units for good at once: it is not a hold.
    await topUp(u);
    expect((await buy(u, 'prd_cream', 2, 'balance')).ok).toBe(true);
    const hold = await getById<{ orders: Array<{ orderId: string }> }>(s.db(), 'order_holds', `hld_${u}`);
    expect(hold!.orders).toHaveLength(1);
  });

  test('concurrent orders by one customer never hold more than the cap', async () => {
    await ops({ action: 'setStock', productId: 'prd_tea', stock: 500, requestId: s.rid('st') });
    const u = 'hold_race';
    const results = await Promise.all(Array.from({ length: 8 }, () => buy(u, 'prd_tea', 4)));
    const okCount = results.filter((r) => r.ok).length;
    expect(okCount).toBe(2); // 2 × 4 = 8 ≤ 10; a third would be 12
    expect(results.filter((r) => !r.ok).every((r) => r.error!.code === 'HOLD_LIMIT_REACHED')).toBe(true);
    expect(await stockOf('prd_tea')).toBe(492);
  });
});

describe('unpaid orders per customer', () => {
  test('a fourth unpaid order is refused (pay or cancel one first); a lapsed one no longer counts', async () => {
    const u = 'hold_many';
    const placed = [];
    for (const p of ['prd_serum', 'prd_tea', 'prd_course']) {
      const r = await buy(u, p, 1);
      expect(r.ok).toBe(true);
      placed.push(r.data.orderId as string);
    }
    const fourth = await buy(u, 'prd_serum', 1);
    expect(fourth).toMatchObject({ ok: false, error: { code: 'UNPAID_ORDER_LIMIT' } });
    expect(fourth.error!.message).toBe('您已有 3 笔待支付订单，最多可同时保留 3 笔。请先在「我的订单」中支付或取消其中一笔，再下新单。');
    await s.call(u, 'order', { action: 'cancel', orderId: placed[0] });
    expect((await buy(u, 'prd_serum', 1)).ok).toBe(true);
    // Past the payment window (before the sweep ran) they are not held any more.
    await s.clock(31 * 60_000);
    expect((await buy(u, 'prd_serum', 1)).ok).toBe(true);
  });
});

describe('settings and the sweep', () => {
  test('limits are validated settings; a customer over lowered limits has the oldest holds released by the sweep', async () => {
    const bad = await setLimits({ maxUnpaidOrders: 0, maxHeldUnitsPerProduct: 1000 });
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad.error)).toContain('maxUnpaidOrders');
    expect((await setLimits({ maxUnpaidOrders: 5, maxHeldUnitsPerProduct: 50 })).ok).toBe(true);
    await ops({ action: 'setStock', productId: 'prd_mask', stock: 300, requestId: s.rid('st') });
    const u = 'hold_lowered';
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await buy(u, 'prd_mask', 8);
      expect(r.ok).toBe(true);
      ids.push(r.data.orderId);
      await s.clock((i + 1) * 1000);
    }
    expect(await stockOf('prd_mask')).toBe(276);
    expect((await setLimits({ maxUnpaidOrders: 2, maxHeldUnitsPerProduct: 10 })).ok).toBe(true);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data.holdsReleased).toBe(2);
    const orders = await Promise.all(ids.map((id) => getById<{ status: string; cancelReason?: string }>(s.db(), 'orders', id)));
    // The newest order (the one the customer is most likely paying) is kept; the older ones go.
    expect(orders.map((o) => o!.status)).toEqual(['cancelled', 'cancelled', 'created']);
    expect(orders[0]!.cancelReason).toBe('hold-limit');
    expect(await stockOf('prd_mask')).toBe(292);
    const view = await s.call(u, 'order', { action: 'get', orderId: ids[0] });
    expect(view.data.statusLabel).toBe('已关闭（超出待支付上限）');
    // WeChat must close those payments too.
    const closes = await getAll<{ _id: string; reason: string }>(s.db(), 'payment_closes', {}, { max: 1000 });
    expect(closes.filter((c) => ids.slice(0, 2).includes(c._id)).map((c) => c.reason)).toEqual(['hold-limit', 'hold-limit']);
    expect((await s.trigger('scheduler')).data.holdsReleased).toBe(0);
    expect((await setLimits({ maxUnpaidOrders: 3, maxHeldUnitsPerProduct: 10 })).ok).toBe(true);
  });
});
