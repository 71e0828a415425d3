import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { armFault, disarmFaults } from '../../_kit/faults';
import { getById } from '../../_kit/db';

/**
 * Order fulfilment and WeChat's shipping-info upload, end to end: the customer pays in the pay
 * simulator, the operator ships in ops, the upload goes to the local shipping recorder (WeChat's
 * side), failures are recorded and re-driven by the sweep or an operator — idempotently.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(async () => {
  disarmFaults();
  await s.failShipping(0);
  await s.clock(0);
});

const OP = 'op_admin';
const ops = (body: Record<string, unknown>) => s.call(OP, 'ops', body);
const ADDRESS = { method: 'address', name: '王芳', phone: '13900001234', address: '上海市徐汇区漕溪北路 88 号 1201' };

async function buy(openid: string, productId: string, opts: { qty?: number; delivery?: unknown; payWith?: 'wechat' | 'balance' } = {}) {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: opts.qty ?? 1 }], payWith: opts.payWith ?? 'wechat', ...(opts.delivery ? { delivery: opts.delivery } : {}), requestId: s.rid('o') });
  expect(r.ok).toBe(true);
  if ((opts.payWith ?? 'wechat') === 'wechat') expect((await s.pay(r.data.payment.outTradeNo)).data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
  return r.data.orderId as string;
}
const customerView = async (openid: string, orderId: string) => (await s.call(openid, 'order', { action: 'get', orderId })).data;
const upload = (orderId: string) => getById<Record<string, any>>(s.db(), 'shipping_uploads', `shp_${orderId}`);
const accepted = async (orderId: string) => (await s.shippingCalls(orderId)).filter((c) => c.errcode === 0);

describe('physical goods: the operator ships, WeChat is told, the customer sees 已发货', () => {
  test('to-ship list → ship with carrier + tracking no. → upload accepted → customer view; a double tap changes nothing', async () => {
    const u = 'ful_ship';
    const orderId = await buy(u, 'prd_cream', { delivery: ADDRESS });
    expect((await customerView(u, orderId)).fulfilment).toEqual({ state: 'pending', label: '待发货' });

    const list = await ops({ action: 'orders', state: 'to-ship' });
    const row = list.data.orders.find((o: { orderId: string }) => o.orderId === orderId);
    expect(row).toMatchObject({ openid: u, status: 'paid', delivery: ADDRESS, fulfilment: { state: 'pending', label: '待发货' }, shippingUpload: null, lines: [{ productId: 'prd_cream', physical: true, qty: 1 }] });

    const shipped = await ops({ action: 'shipOrder', orderId, carrier: 'SF', trackingNo: 'SF1234567890', requestId: s.rid('ship') });
    expect(shipped.ok).toBe(true);
    expect(shipped.data).toMatchObject({ fulfilment: { state: 'shipped', label: '已发货', carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1234567890', by: OP }, shippingUpload: { state: 'succeeded', logistics: 'express', attempts: 1 } });

    // WeChat's side got exactly what the API documents, with the receiver's phone masked (SF requires it).
    const [call] = await accepted(orderId);
    expect(call.logisticsType).toBe(1);
    expect(call.body).toMatchObject({
      order_key: { order_number_type: 2, transaction_id: expect.stringMatching(/^42/) },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: 'SF1234567890', express_company: 'SF', item_desc: '屏障修护面霜 50g ×1', contact: { receiver_contact: '139****1234' } }],
      payer: { openid: u },
    });

    expect((await customerView(u, orderId)).fulfilment).toMatchObject({ state: 'shipped', label: '已发货', carrierName: '顺丰速运', trackingNo: 'SF1234567890', at: expect.any(Number) });
    expect((await ops({ action: 'orders', state: 'to-ship' })).data.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    expect((await ops({ action: 'orders', state: 'shipped' })).data.orders.map((o: { orderId: string }) => o.orderId)).toContain(orderId);

    // The same shipment again (a double tap with a new request id): no change, no second upload.
    const again = await ops({ action: 'shipOrder', orderId, carrier: 'SF', trackingNo: 'SF1234567890', requestId: s.rid('ship') });
    expect(again.ok).toBe(true);
    // A different tracking number is refused rather than silently overwriting the first.
    const other = await ops({ action: 'shipOrder', orderId, carrier: 'ZTO', trackingNo: 'ZT99999999', requestId: s.rid('ship') });
    expect(other).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(other.error!.message).toContain('该订单已发货（顺丰速运 SF1234567890）');
    expect(await s.shippingCalls(orderId)).toHaveLength(1);

    const trail = (await ops({ action: 'audit', entity: 'order', entityId: orderId })).data.entries;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'order.ship', by: OP, before: { fulfilment: { state: 'pending' } }, after: { fulfilment: { state: 'shipped', trackingNo: 'SF1234567890' } } });
  });

  test('store pickup: shipping is refused, 确认已自提 reports logistics_type 4', async () => {
    const u = 'ful_pickup';
    const orderId = await buy(u, 'prd_mask', { delivery: { method: 'pickup' } });
    const ship = await ops({ action: 'shipOrder', orderId, carrier: 'YTO', trackingNo: 'YT12345678', requestId: s.rid('ship') });
    expect(ship.error).toMatchObject({ code: 'INVALID_STATE', message: '该订单选择了到店自提，请在顾客取货后点「确认已自提」。' });
    const picked = await ops({ action: 'markOrderPickedUp', orderId, requestId: s.rid('pick') });
    expect(picked.data).toMatchObject({ fulfilment: { state: 'picked-up', label: '已自提' }, shippingUpload: { state: 'succeeded', logistics: 'pickup' } });
    expect((await accepted(orderId))[0].body).toMatchObject({ logistics_type: 4, shipping_list: [{ item_desc: '深层补水面膜（10 片） ×1' }] });
    expect((await customerView(u, orderId)).fulfilment.label).toBe('已自提');
  });

  test('paid from balance: shipped and audited, but there is no WeChat payment to report', async () => {
    const u = 'ful_balance';
    const t = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
    await s.pay(t.data.payment.outTradeNo);
    const orderId = await buy(u, 'prd_tea', { payWith: 'balance', delivery: ADDRESS });
    const shipped = await ops({ action: 'shipOrder', orderId, carrier: 'ZTO', trackingNo: 'ZT12345678', requestId: s.rid('ship') });
    expect(shipped.data).toMatchObject({ fulfilment: { state: 'shipped' }, shippingUpload: null });
    expect(await s.shippingCalls(orderId)).toHaveLength(0);
    expect(await upload(orderId)).toBeNull();
  });

  test('refunded in full before shipping: off the to-ship list, shipping refused', async () => {
    const u = 'ful_refund';
    const orderId = await buy(u, 'prd_mask', { delivery: ADDRESS });
    await s.call(u, 'order', { action: 'refund', orderId, requestId: s.rid('rf') });
    expect((await customerView(u, orderId)).fulfilment).toMatchObject({ state: 'cancelled', label: '无需发货' });
    expect((await ops({ action: 'orders', state: 'to-ship' })).data.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(orderId);
    const ship = await ops({ action: 'shipOrder', orderId, carrier: 'YTO', trackingNo: 'YT12345678', requestId: s.rid('ship') });
    expect(ship.error).toMatchObject({ code: 'INVALID_STATE', message: '该订单已全额退款，无需发货。' });
  });

  test('SF without a phone to show WeChat is refused before anything is shipped (another carrier works)', async () => {
    const orderId = await buy('ful_nophone', 'prd_cream'); // an older checkout that sent no delivery
    expect((await ops({ action: 'order', orderId })).data.delivery).toBeNull();
    const sf = await ops({ action: 'shipOrder', orderId, carrier: 'SF', trackingNo: 'SF1234567', requestId: s.rid('ship') });
    expect(sf.error).toMatchObject({ code: 'INVALID_INPUT', message: '顺丰发货需要收件人手机号，请修改后再发货。' });
    expect((await ops({ action: 'order', orderId })).data.fulfilment.state).toBe('pending');
    const yto = await ops({ action: 'shipOrder', orderId, carrier: 'YTO', trackingNo: 'YT12345678', requestId: s.rid('ship') });
    expect(yto.data.shippingUpload.state).toBe('succeeded');
    const unknown = await ops({ action: 'shipOrder', orderId, carrier: '顺丰', trackingNo: 'YT12345678', requestId: s.rid('ship') });
    expect(unknown.error!.message).toContain('快递公司：请从列表中选择快递公司');
  });
});

describe('virtual goods are delivered — and reported to WeChat — when paid', () => {
  test('membership, top-up and an online course: delivered at once, logistics_type 3, nothing to ship', async () => {
    const u = 'ful_virtual';
    const m = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    await s.pay(m.data.payment.outTradeNo);
    const t = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
    await s.pay(t.data.payment.outTradeNo);
    const course = await buy(u, 'prd_course');
    for (const orderId of [m.data.orderId, t.data.orderId, course]) {
      expect((await upload(orderId))).toMatchObject({ state: 'succeeded', logistics: 'virtual', attempts: 1 });
      const calls = await accepted(orderId);
      expect(calls).toHaveLength(1);
      expect(calls[0].body).toMatchObject({ logistics_type: 3, shipping_list: [{ item_desc: expect.any(String) }], payer: { openid: u } });
      expect((await customerView(u, orderId)).fulfilment).toMatchObject({ state: 'delivered', label: '已发放' });
    }
    const delivered = (await ops({ action: 'orders', state: 'delivered' })).data.orders.map((o: { orderId: string }) => o.orderId);
    expect(delivered).toEqual(expect.arrayContaining([m.data.orderId, t.data.orderId, course]));
    const ship = await ops({ action: 'shipOrder', orderId: course, carrier: 'YTO', trackingNo: 'YT12345678', requestId: s.rid('ship') });
    expect(ship.error!.message).toContain('支付后已自动发放，无需发货');
  });
});

describe('failed uploads are recorded and re-driven, idempotently', () => {
  test('WeChat does not know the payment yet (10060001): the callback still succeeds, the sweep retries after the backoff', async () => {
    const u = 'ful_retry_sweep';
    await s.failShipping(1, 10060001, '支付单不存在');
    const m = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    const paid = await s.pay(m.data.payment.outTradeNo);
    expect(paid.data.callback).toEqual({ errcode: 0, errmsg: 'OK' }); // the payment itself is applied
    const failed = await upload(m.data.orderId);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, lastError: '10060001: 支付单不存在' });
    // The backoff counts from the attempt, not from when this test got round to looking.
    expect(failed!.nextAttemptAt! - failed!.lastAttemptAt!).toBeGreaterThan(50_000);
    const listed = (await ops({ action: 'shippingUploads', state: 'failed' })).data.uploads.find((x: { orderId: string }) => x.orderId === m.data.orderId);
    expect(listed).toMatchObject({ state: 'failed', lastError: '10060001: 支付单不存在', nextAttemptAt: expect.any(Number) });

    // Not due yet: the sweep leaves it alone.
    expect((await s.trigger('scheduler')).data.shippingUploadsDriven).toBe(0);
    await s.clock(61_000);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data).toMatchObject({ shippingUploadsDriven: 1, shippingUploadsSucceeded: 1 });
    expect(await upload(m.data.orderId)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(await accepted(m.data.orderId)).toHaveLength(1);
    // Once accepted, nothing sends it again: not the sweep, not an operator.
    await s.clock(10 * 60_000);
    expect((await s.trigger('scheduler')).data.shippingUploadsDriven).toBe(0);
    expect((await ops({ action: 'retryShippingUpload', orderId: m.data.orderId, requestId: s.rid('re') })).data.state).toBe('succeeded');
    expect(await s.shippingCalls(m.data.orderId)).toHaveLength(2); // one refused, one accepted
  });

  test('an operator retries at once; concurrent retries and the sweep send it exactly once', async () => {
    const u = 'ful_retry_op';
    await s.failShipping(1);
    const orderId = await buy(u, 'prd_tea', { delivery: ADDRESS });
    const shipped = await ops({ action: 'shipOrder', orderId, carrier: 'JD', trackingNo: 'JD0012345678', requestId: s.rid('ship') });
    // The shipment stands; the upload failed and says why.
    expect(shipped.data).toMatchObject({ fulfilment: { state: 'shipped' }, shippingUpload: { state: 'failed', attempts: 1, lastError: '-1: system error' } });

    await s.clock(2 * 60_000); // due for the sweep as well
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => ops({ action: 'retryShippingUpload', orderId, requestId: s.rid('re') })),
      s.trigger('scheduler'),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await upload(orderId)).toMatchObject({ state: 'succeeded', attempts: 2 });
    expect(await accepted(orderId)).toHaveLength(1);
    expect(await s.shippingCalls(orderId)).toHaveLength(2);
    const retries = (await ops({ action: 'audit', entity: 'shipping-upload', entityId: `shp_${orderId}` })).data.entries;
    expect(retries.length).toBeGreaterThanOrEqual(1);
    expect(retries[0]).toMatchObject({ action: 'shipping.retry', by: OP });
  });

  test('automatic retries back off and stop; the operator can still retry', async () => {
    const u = 'ful_giveup';
    await s.failShipping(100);
    const orderId = await buy(u, 'prd_course');
    let clock = 0;
    for (let i = 0; i < 12; i++) {
      clock += 61 * 60_000;
      await s.clock(clock);
      await s.trigger('scheduler');
    }
    const doc = await upload(orderId);
    expect(doc).toMatchObject({ state: 'failed', attempts: 10 });
    expect(doc!.nextAttemptAt).toBeUndefined();
    expect((await ops({ action: 'shippingUploads', state: 'failed' })).data.uploads.find((x: { orderId: string }) => x.orderId === orderId).nextAttemptAt).toBeUndefined();
    await s.failShipping(0);
    expect((await ops({ action: 'retryShippingUpload', orderId, requestId: s.rid('re') })).data).toMatchObject({ state: 'succeeded', attempts: 11 });
  });

  test('a crash right after WeChat accepted: the sweep finishes the job after the lease, the state ends succeeded', async () => {
    const u = 'ful_crash';
    armFault('shipping.after-upload');
    const orderId = await buy(u, 'prd_course'); // the callback still answers 0: the drive's failure is caught
    const stuck = await upload(orderId);
    expect(stuck).toMatchObject({ state: 'pending', attempts: 1, leaseUntil: expect.any(Number) });
    expect((await s.trigger('scheduler')).data.shippingUploadsDriven).toBe(1); // leased: looked at, not sent
    expect(await s.shippingCalls(orderId)).toHaveLength(1);
    await s.clock(61_000);
    await s.trigger('scheduler');
    expect(await upload(orderId)).toMatchObject({ state: 'succeeded', attempts: 2 });
    // WeChat got the same information twice — its one allowed re-upload — never anything different.
    const calls = await accepted(orderId);
    expect(calls.length).toBe(2);
    expect(calls[0].body.shipping_list).toEqual(calls[1].body.shipping_list);
  });

  test('refunded before WeChat accepted it: the pending upload is cancelled, never sent', async () => {
    const u = 'ful_cancel';
    await s.failShipping(1);
    const m = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    await s.pay(m.data.payment.outTradeNo);
    expect((await upload(m.data.orderId))!.state).toBe('failed');
    expect((await s.call(u, 'membership', { action: 'refund', requestId: s.rid('rf') })).ok).toBe(true);
    await s.clock(2 * 60_000);
    await s.trigger('scheduler');
    expect(await upload(m.data.orderId)).toMatchObject({ state: 'cancelled' });
    expect(await accepted(m.data.orderId)).toHaveLength(0);
    const retry = await ops({ action: 'retryShippingUpload', orderId: m.data.orderId, requestId: s.rid('re') });
    expect(retry.error).toMatchObject({ code: 'INVALID_STATE' });
  });
});

test('the operator lists, the audit trail and the upload sweep are served by indexes (no collection scans)', async () => {
  await buy('ful_index', 'prd_cream', { delivery: ADDRESS });
  const before = s.server.emulator.stats().fullScans;
  for (const state of ['to-ship', 'shipped', 'delivered']) expect((await ops({ action: 'orders', state })).ok).toBe(true);
  for (const state of ['failed', 'succeeded']) expect((await ops({ action: 'shippingUploads', state })).ok).toBe(true);
  expect((await ops({ action: 'audit' })).ok).toBe(true);
  expect((await ops({ action: 'audit', entity: 'order' })).ok).toBe(true);
  expect((await ops({ action: 'products' })).ok).toBe(true);
  await s.trigger('scheduler');
  expect(s.server.emulator.stats().fullScans).toBe(before);
});

describe('gift fulfilment is audited too', () => {
  test('shipGift and markPickedUp write who, when, before → after', async () => {
    const u = 'ful_gift';
    const m = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('m') });
    await s.pay(m.data.payment.outTradeNo);
    const status = (await s.call(u, 'membership', { action: 'status' })).data;
    const claim = await s.call(u, 'membership', { action: 'claimPack', entitlementId: status.giftPack.entitlementId, delivery: ADDRESS, requestId: s.rid('cl') });
    expect(claim.ok).toBe(true);
    const rid = s.rid('gs');
    const ship = await ops({ action: 'shipGift', entitlementId: status.giftPack.entitlementId, carrier: '顺丰', trackingNo: 'SF7654321', requestId: rid });
    expect(ship.ok).toBe(true);
    // The same request again (a network retry) applies nothing twice.
    expect((await ops({ action: 'shipGift', entitlementId: status.giftPack.entitlementId, carrier: '顺丰', trackingNo: 'SF7654321', requestId: rid })).ok).toBe(true);
    const trail = (await ops({ action: 'audit', entity: 'gift-claim', entityId: status.giftPack.entitlementId })).data.entries;
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'gift.ship', by: OP, before: { fulfilment: { state: 'pending' } }, after: { fulfilment: { state: 'shipped', carrier: '顺丰', trackingNo: 'SF7654321' } } });
    expect(trail[0].summary).toBe('礼品「入会礼包」发货：顺丰 SF7654321');
  });
});
