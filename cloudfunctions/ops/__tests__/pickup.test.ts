import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getById } from '../../_kit/db';
import { otpFor } from '../../_membership/member-card';
import { MEMBER_CODE_QR_PREFIX } from '../../../shared/membership/member-code';

/**
 * 到店自提 with the dynamic member code, through the real SDK and emulator: the code changes every
 * minute and is checked on the server, the operator sees exactly what this customer may collect,
 * confirming spends the code once, and nothing is handed over on a bad, old or reused code.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => s.clock(0));

const OP = 'op_admin';
const U = 'pick_customer';
const OTHER = 'pick_other';
const ADDRESS = { method: 'address', name: '王芳', phone: '13900001234', address: '上海市徐汇区漕溪北路 88 号 1201' };

async function buy(openid: string, productId: string, delivery?: unknown): Promise<string> {
  const r = await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', ...(delivery ? { delivery } : {}), requestId: s.rid('o') });
  expect(r.ok).toBe(true);
  expect((await s.pay(r.data.payment.outTradeNo)).data.callback).toEqual({ errcode: 0, errmsg: 'OK' });
  return r.data.orderId as string;
}
const codeOf = async (openid: string) => (await s.call(openid, 'member', { action: 'code' })).data as { cardNo: string; code: string; refreshAt: number };
const pickups = (code: string) => s.call(OP, 'ops', { action: 'memberPickups', code });
const confirm = (code: string, orderIds: string[], entitlementIds: string[], requestId = s.rid('pk')) => s.call(OP, 'ops', { action: 'confirmPickup', code, orderIds, entitlementIds, requestId });
const fulfilmentOf = async (orderId: string) => (await getById<{ fulfilment?: { state: string } }>(s.db(), 'orders', orderId))?.fulfilment?.state;

test('HOTP follows RFC 4226 (its test secret and counters 0–2)', () => {
  const secret = Buffer.from('12345678901234567890').toString('base64');
  expect([0, 1, 2].map((c) => otpFor(secret, c))).toEqual(['755224', '287082', '359152']);
});

describe('member code at the counter', () => {
  let pickupOrder: string;
  let courierOrder: string;
  let otherOrder: string;
  let giftId: string;

  beforeAll(async () => {
    pickupOrder = await buy(U, 'prd_serum', { method: 'pickup' });
    courierOrder = await buy(U, 'prd_cream', ADDRESS);
    otherOrder = await buy(OTHER, 'prd_serum', { method: 'pickup' });
    await buy(U, 'prd_course'); // ¥5,000 of spend: the tier gift, claimed for store pickup
    const claim = await s.call(U, 'member', { action: 'claimGift', giftId: 'tier-5k', delivery: { method: 'pickup' }, requestId: s.rid('cl') });
    expect(claim.ok).toBe(true);
    giftId = claim.data.entitlementId;
  });

  test('the card is made once; the code is the card number and six digits that change every minute', async () => {
    const a = await codeOf(U);
    expect(a.cardNo).toMatch(/^[1-9]\d{9}$/);
    expect(a.code).toMatch(new RegExp(`^${a.cardNo}\\d{6}$`));
    expect(a.refreshAt % 60_000).toBe(0);
    expect(await codeOf(U)).toEqual(a);
    await s.clock(60_000);
    const b = await codeOf(U);
    expect(b.cardNo).toBe(a.cardNo);
    expect(b.code).not.toBe(a.code);
    expect(b.refreshAt).toBe(a.refreshAt + 60_000);
    expect((await codeOf(OTHER)).cardNo).not.toBe(a.cardNo);
  });

  test('the operator sees what this customer may collect in store — not courier orders, not anyone else’s', async () => {
    const { code, cardNo } = await codeOf(U);
    expect((await s.call(U, 'customer', { action: 'saveProfile', nickname: '到店的小林', consent: true })).ok).toBe(true);
    const r = await pickups(code);
    expect(r.ok).toBe(true);
    // The counter greets them by the name they chose, never by an id.
    expect(r.data).toMatchObject({ openid: U, cardNo, customer: { nickname: '到店的小林', avatarUrl: null } });
    expect(r.data.orders.map((o: { orderId: string }) => o.orderId)).toEqual([pickupOrder]);
    expect(r.data.orders[0]).toMatchObject({ title: expect.any(String), lines: [{ qty: 1 }] });
    expect(r.data.gifts.map((g: { entitlementId: string }) => g.entitlementId)).toEqual([giftId]);
    expect(r.data.orders.map((o: { orderId: string }) => o.orderId)).not.toContain(courierOrder);
    // The QR payload and typed digits with spaces are the same code.
    expect((await pickups(`${MEMBER_CODE_QR_PREFIX}${code}`)).data.openid).toBe(U);
    expect((await pickups(code.replace(/(\d{4})/g, '$1 '))).data.openid).toBe(U);
  });

  test('a wrong, malformed or old code is refused; the previous minute’s still works', async () => {
    const { code } = await codeOf(U);
    const wrong = code.slice(0, 10) + String((Number(code.slice(10)) + 1) % 1_000_000).padStart(6, '0');
    for (const bad of [wrong, '123', 'hello', `${'9'.repeat(16)}`]) expect((await pickups(bad)).error?.code).toBe('MEMBER_CODE_INVALID');
    expect((await s.call(OP, 'ops', { action: 'memberPickups' })).error?.code).toBe('INVALID_INPUT');
    await s.clock(60_000);
    expect((await pickups(code)).ok).toBe(true);
    await s.clock(120_000);
    expect((await pickups(code)).error?.code).toBe('MEMBER_CODE_INVALID');
  });

  test('confirming hands over only this customer’s waiting items, spends the code once, and a retry is harmless', async () => {
    const { code } = await codeOf(U);
    const stray = await confirm(code, [otherOrder], []);
    expect(stray.error?.code).toBe('INVALID_STATE');
    expect(await confirm(code, [], [])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await fulfilmentOf(otherOrder)).toBe('pending');

    const rid = s.rid('pk');
    const done = await confirm(code, [pickupOrder], [giftId], rid);
    expect(done.ok).toBe(true);
    expect(done.data).toMatchObject({ orders: [], gifts: [] });
    expect(await fulfilmentOf(pickupOrder)).toBe('picked-up');
    expect((await getById<{ fulfilment?: { state: string } }>(s.db(), 'entitlements', giftId))?.fulfilment?.state).toBe('picked-up');
    expect((await s.call(U, 'order', { action: 'get', orderId: pickupOrder })).data.fulfilment).toMatchObject({ state: 'picked-up', label: '已自提' });

    // The same confirmation again (a lost answer) is fine; the same code for anything else is not.
    expect((await confirm(code, [pickupOrder], [giftId], rid)).ok).toBe(true);
    const reused = await confirm(code, [pickupOrder], [], s.rid('pk'));
    expect(reused.error?.code).toBe('MEMBER_CODE_USED');
    const audit = await s.call(OP, 'ops', { action: 'audit', entity: 'order', entityId: pickupOrder });
    expect(audit.data.entries.filter((e: { action: string }) => e.action === 'order.pickup')).toHaveLength(1);
  });

  test('customers cannot use the counter actions', async () => {
    const { code } = await codeOf(U);
    expect((await s.call(U, 'ops', { action: 'memberPickups', code })).error?.code).toBe('FORBIDDEN');
    expect((await s.call(OTHER, 'ops', { action: 'confirmPickup', code, orderIds: [otherOrder], entitlementIds: [], requestId: s.rid('pk') })).error?.code).toBe('FORBIDDEN');
  });
});
