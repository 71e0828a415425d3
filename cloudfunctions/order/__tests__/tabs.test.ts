import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { CUSTOMER_ORDER_TABS, inTab, type CustomerOrderTab } from '../../../shared/orders/customer-tabs';
import type { OrderView } from '../../../shared/orders/order-view';

/**
 * 我的订单's tabs through the real SDK and emulator: one customer with an order in every state,
 * each tab lists exactly the orders `inTab` says (the query and the rule are one condition),
 * the counts agree, a pickup order says 待自提, and nobody else's orders ever show.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const U = 'tabs_customer';
const OTHER = 'tabs_other';
const ADDRESS = { method: 'address', name: '王芳', phone: '13900001234', address: '上海市徐汇区漕溪北路 88 号 1201' };

async function buy(openid: string, productId: string, delivery?: unknown, pay = true): Promise<string> {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', ...(delivery ? { delivery } : {}), requestId: s.rid('o') });
  expect(r.ok).toBe(true);
  if (pay) expect((await s.pay(r.data.payment.outTradeNo)).data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
  return r.data.orderId as string;
}

async function listAll(openid: string, tab?: CustomerOrderTab): Promise<OrderView[]> {
  const out: OrderView[] = [];
  let cursor: number | undefined;
  do {
    const r = await s.call(openid, 'order', { action: 'list', ...(tab ? { tab } : {}), ...(cursor ? { cursor } : {}) });
    expect(r.ok).toBe(true);
    out.push(...r.data.orders);
    cursor = r.data.nextCursor;
  } while (cursor);
  return out;
}

const ids = (orders: OrderView[]) => orders.map((o) => o.orderId).sort();

describe('我的订单 tabs', () => {
  const placed: Record<string, string> = {};

  beforeAll(async () => {
    placed.unpaid = await buy(U, 'prd_mask', ADDRESS, false);
    placed.toShip = await buy(U, 'prd_cream', ADDRESS);
    placed.toPickup = await buy(U, 'prd_serum', { method: 'pickup' });
    placed.shipped = await buy(U, 'prd_cream', ADDRESS);
    const shipped = await s.call('op_admin', 'ops', { action: 'shipOrder', orderId: placed.shipped, carrier: 'SF', trackingNo: 'SF1234567890', requestId: s.rid('ship') });
    expect(shipped.ok).toBe(true);
    placed.refunded = await buy(U, 'prd_mask', ADDRESS);
    const refund = await s.call(U, 'order', { action: 'refund', orderId: placed.refunded, requestId: s.rid('rf') });
    expect(refund.ok).toBe(true);
    await s.refundResults();
    placed.course = await buy(U, 'prd_course');
    await buy(OTHER, 'prd_cream', ADDRESS);
  });

  test('each tab lists exactly the orders its rule names, and the counts agree', async () => {
    const all = await listAll(U);
    expect(ids(all)).toEqual(Object.values(placed).sort());
    const counts = await s.call(U, 'order', { action: 'counts' });
    expect(counts.ok).toBe(true);
    for (const tab of CUSTOMER_ORDER_TABS) {
      const listed = await listAll(U, tab);
      expect(ids(listed)).toEqual(ids(all.filter((o) => inTab(tab, o))));
      if (tab !== 'all') expect(counts.data[tab]).toBe(listed.length);
    }
    expect(counts.data).toEqual({ unpaid: 1, 'to-ship': 1, 'to-pickup': 1, 'to-receive': 1, 'after-sales': 1 });
    expect(ids(await listAll(U, 'to-ship'))).toEqual([placed.toShip]);
    expect(ids(await listAll(U, 'to-pickup'))).toEqual([placed.toPickup]);
    expect(ids(await listAll(U, 'to-receive'))).toEqual([placed.shipped]);
    expect(ids(await listAll(U, 'after-sales'))).toEqual([placed.refunded]);
    expect(ids(await listAll(U, 'unpaid'))).toEqual([placed.unpaid]);
  });

  test('a pickup order waiting in store says 待自提, a courier one 待发货', async () => {
    const pickup = await s.call(U, 'order', { action: 'get', orderId: placed.toPickup });
    expect(pickup.data.fulfilment).toEqual({ state: 'pending', label: '待自提' });
    const courier = await s.call(U, 'order', { action: 'get', orderId: placed.toShip });
    expect(courier.data.fulfilment).toEqual({ state: 'pending', label: '待发货' });
    const ops = await s.call('op_admin', 'ops', { action: 'order', orderId: placed.toPickup });
    expect(ops.data.fulfilment).toMatchObject({ state: 'pending', label: '待自提' });
  });

  test("another customer's orders never show, and an unknown tab is refused", async () => {
    expect(await listAll(OTHER)).toHaveLength(1);
    expect((await s.call(OTHER, 'order', { action: 'counts' })).data).toEqual({ unpaid: 0, 'to-ship': 1, 'to-pickup': 0, 'to-receive': 0, 'after-sales': 0 });
    const bad = await s.call(U, 'order', { action: 'list', tab: 'shipped' });
    expect(bad.ok).toBe(false);
    expect(bad.error?.code).toBe('INVALID_INPUT');
    const extra = await s.call(U, 'order', { action: 'counts', tab: 'all' });
    expect(extra.error?.code).toBe('INVALID_INPUT');
  });
});
