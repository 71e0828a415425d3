import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getById } from '../../_kit/db';
import { armFault, disarmFaults } from '../../_kit/faults';

/**
 * The address book through the real SDK and emulator: it is filled by what was really used — a
 * 快递到家 order, a welcome pack claimed to an address — never typed into it directly; used again
 * moves an address first without a duplicate; the 11th distinct one drops the least recently used;
 * the customer removes one; nobody else sees it; a pickup order records nothing.
 */
jest.setTimeout(90_000);
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());
afterEach(() => disarmFaults());

const U = 'adr_customer';
const addr = (i: number) => ({ name: `顾客${i}`, phone: `1390000${String(1000 + i)}`, address: `上海市徐汇区漕溪北路 ${i} 号` });
const ok = <T = any>(r: { ok: boolean; data: T; error?: unknown }): T => {
  expect(r.error).toBeUndefined();
  return r.data;
};
const book = async (openid: string) => ok(await s.call(openid, 'customer', { action: 'addresses' })).addresses as Array<{ name: string; phone: string; address: string; lastUsedAt: number }>;
const names = async (openid: string) => (await book(openid)).map((a) => a.name);
/** Places and pays an order (at most 3 may wait unpaid). */
const order = async (openid: string, delivery: Record<string, unknown> | undefined, productId = 'prd_cream') => {
  const placed = ok(await s.call(openid, 'order', { action: 'create', items: [{ productId, qty: 1 }], payWith: 'wechat', ...(delivery ? { delivery } : {}), requestId: s.rid('ad') }));
  await s.pay(placed.payment.outTradeNo);
  return placed;
};

test('an address used for an order is listed; used again it comes first, not twice', async () => {
  expect(await book(U)).toEqual([]);
  await order(U, { method: 'address', ...addr(1) });
  const first = await book(U);
  expect(first).toEqual([{ ...addr(1), lastUsedAt: expect.any(Number) }]);
  await s.clock(60_000);
  await order(U, { method: 'address', ...addr(2) });
  expect(await names(U)).toEqual(['顾客2', '顾客1']);
  await s.clock(120_000);
  // The same address again (with spaces the schema trims): moved first, its time bumped, one entry.
  await order(U, { method: 'address', ...addr(1), name: ` ${addr(1).name} ` });
  const again = await book(U);
  expect(again.map((a) => a.name)).toEqual(['顾客1', '顾客2']);
  expect(again[0].lastUsedAt).toBeGreaterThan(first[0].lastUsedAt);
});

test('到店自提 and an order refused record nothing', async () => {
  const before = await book(U);
  await order(U, { method: 'pickup' });
  const refused = await s.call(U, 'order', { action: 'create', items: [{ productId: 'prd_nope', qty: 1 }], payWith: 'wechat', delivery: { method: 'address', ...addr(9) }, requestId: s.rid('rf') });
  expect(refused.ok).toBe(false);
  expect(await book(U)).toEqual(before);
});

test('the book failing to record never fails the order: placed, paid, and the book unchanged', async () => {
  const before = await book(U);
  armFault('address-book.record');
  const placed = await order(U, { method: 'address', ...addr(7) });
  expect(placed.orderId).toMatch(/^ord_/);
  expect(await book(U)).toEqual(before);
});

test('a welcome pack claimed to an address is recorded too', async () => {
  const V = 'adr_member';
  const m = ok(await s.call(V, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') }));
  await s.pay(m.payment.outTradeNo);
  const st = ok(await s.call(V, 'membership', { action: 'status' }));
  const claim = { action: 'claimPack', entitlementId: st.giftPack.entitlementId, delivery: { method: 'address', ...addr(5) }, requestId: s.rid('cp') };
  ok(await s.call(V, 'membership', claim));
  expect(await book(V)).toEqual([{ ...addr(5), lastUsedAt: expect.any(Number) }]);
});

test('the 11th distinct address drops the least recently used', async () => {
  const W = 'adr_many';
  for (let i = 0; i < 11; i += 1) {
    await s.clock(200_000 + i * 1000);
    await order(W, { method: 'address', ...addr(i) }, 'prd_mask');
  }
  const got = await names(W);
  expect(got).toHaveLength(10);
  expect(got[0]).toBe('顾客10');
  expect(got).not.toContain('顾客0');
  expect(got.at(-1)).toBe('顾客1');
});

test('remove takes one out (again: no change); another customer sees nothing and cannot remove mine', async () => {
  expect(await book('adr_stranger')).toEqual([]);
  const other = ok(await s.call('adr_stranger', 'customer', { action: 'removeAddress', ...addr(2) }));
  expect(other.addresses).toEqual([]);
  expect(await names(U)).toEqual(['顾客1', '顾客2']);
  const removed = ok(await s.call(U, 'customer', { action: 'removeAddress', ...addr(2) }));
  expect(removed.addresses.map((a: { name: string }) => a.name)).toEqual(['顾客1']);
  const doc = await getById<{ version: number }>(s.db(), 'addresses', `adr_${U}`);
  ok(await s.call(U, 'customer', { action: 'removeAddress', ...addr(2) }));
  expect((await getById<{ version: number }>(s.db(), 'addresses', `adr_${U}`))!.version).toBe(doc!.version);
  // The same rules as a delivery: a bad phone is refused before anything is read.
  expect((await s.call(U, 'customer', { action: 'removeAddress', ...addr(1), phone: '123' })).error).toMatchObject({ code: 'INVALID_INPUT' });
});
