import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { DASHBOARD_TODOS, type DashboardView } from '../../../shared/ops/dashboard';

/**
 * 运营后台 home through the real SDK and emulator: each thing that needs doing moves exactly its
 * to-do count, handling it moves it back, today's money follows the orders, and only operators see it.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(async () => {
  await s.failShipping(0);
  await s.clock(0);
});

const OP = 'op_admin';
const ADDRESS = { method: 'address', name: '王芳', phone: '13900001234', address: '上海市徐汇区漕溪北路 88 号 1201' };

const dashboard = async (): Promise<DashboardView> => {
  const r = await s.call(OP, 'ops', { action: 'dashboard' });
  expect(r.ok).toBe(true);
  return r.data;
};

async function buy(openid: string, productId: string, delivery?: unknown): Promise<string> {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', ...(delivery ? { delivery } : {}), requestId: s.rid('o') });
  expect(r.ok).toBe(true);
  expect((await s.pay(r.data.payment.outTradeNo)).data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
  return r.data.orderId as string;
}

/** How each to-do moved between two readings. */
const moved = (before: DashboardView, after: DashboardView) => Object.fromEntries(DASHBOARD_TODOS.map((t) => [t, after.todos[t] - before.todos[t]]));

describe('运营后台 dashboard', () => {
  test('courier and pickup orders, a gift claim, a failed upload and a stuck refund each count once, and leave when handled', async () => {
    const start = await dashboard();

    const courier = await buy('dash_a', 'prd_cream', ADDRESS);
    const pickup = await buy('dash_b', 'prd_serum', { method: 'pickup' });
    let now = await dashboard();
    expect(moved(start, now)).toEqual({ 'to-ship': 1, 'gifts-to-ship': 0, 'to-pickup': 1, 'upload-failed': 0, 'refunds-stuck': 0, 'followups-overdue': 0 });
    expect(now.today.productOrders - start.today.productOrders).toBe(2);
    expect(now.today.gmvFen - start.today.gmvFen).toBeGreaterThan(0);

    // ¥5,000 of spend reaches the tier gift; claiming it by courier is a gift to ship.
    await buy('dash_c', 'prd_course');
    const claim = await s.call('dash_c', 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: ADDRESS, requestId: s.rid('cl') });
    expect(claim.ok).toBe(true);
    const afterClaim = await dashboard();
    expect(afterClaim.todos['gifts-to-ship'] - now.todos['gifts-to-ship']).toBe(1);
    now = afterClaim;

    // Shipping while WeChat refuses the shipping info: the order leaves 待发货, the upload fails.
    await s.failShipping(10);
    expect((await s.call(OP, 'ops', { action: 'shipOrder', orderId: courier, carrier: 'SF', trackingNo: 'SF1234567890', requestId: s.rid('ship') })).ok).toBe(true);
    const afterShip = await dashboard();
    expect(moved(now, afterShip)).toMatchObject({ 'to-ship': -1, 'upload-failed': 1 });
    now = afterShip;

    expect((await s.call(OP, 'ops', { action: 'markOrderPickedUp', orderId: pickup, requestId: s.rid('pk') })).ok).toBe(true);
    const afterPickup = await dashboard();
    expect(moved(now, afterPickup)['to-pickup']).toBe(-1);
    now = afterPickup;

    // A refund WeChat has not finished after refundStuckHours (24 h) is a to-do.
    await s.holdRefunds(5);
    const serum = await buy('dash_d', 'prd_serum', { method: 'pickup' });
    expect((await s.call('dash_d', 'order', { action: 'refund', orderId: serum, requestId: s.rid('rf') })).ok).toBe(true);
    expect((await dashboard()).todos['refunds-stuck']).toBe(now.todos['refunds-stuck']);
    await s.clock(25 * 3_600_000);
    expect((await dashboard()).todos['refunds-stuck']).toBe(now.todos['refunds-stuck'] + 1);
  });

  test('customers are refused; bad input is refused', async () => {
    expect((await s.call('dash_a', 'ops', { action: 'dashboard' })).error?.code).toBe('FORBIDDEN');
    expect((await s.call(OP, 'ops', { action: 'dashboard', day: '2026-12-07' })).error?.code).toBe('INVALID_INPUT');
  });
});
