import { startTestStore, type TestStore } from '../../../local/testing/store-harness';

/**
 * The cart through the real SDK and emulator: quantities are absolute (a retry changes nothing),
 * trials hold one, archived products can't be added, the cart is the caller's alone, it is full at
 * 20 kinds, and a checkout's lines come out with remove.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const U = 'cart_customer';
const TEST_PRODUCT = { description: '', kind: 'regular', category: '测试', images: [], priceFen: 1000, costFen: 0, floorFen: 0, physical: true, status: 'active', sort: 100, revision: 0, createdAt: 1, updatedAt: 1 };
const lines = async (openid: string) => {
  const r = await s.call(openid, 'cart', { action: 'get' });
  expect(r.ok).toBe(true);
  return (r.data.lines as { productId: string; qty: number }[]).map((l) => `${l.productId}×${l.qty}`);
};

test('set is absolute, newest first, and the cart survives (it is stored)', async () => {
  expect(await lines(U)).toEqual([]);
  expect((await s.call(U, 'cart', { action: 'set', productId: 'prd_cream', qty: 1 })).ok).toBe(true);
  await s.clock(60_000);
  expect((await s.call(U, 'cart', { action: 'set', productId: 'prd_mask', qty: 2 })).ok).toBe(true);
  // The same request again (a retry): still 2.
  const again = await s.call(U, 'cart', { action: 'set', productId: 'prd_mask', qty: 2 });
  expect(again.ok).toBe(true);
  expect(await lines(U)).toEqual(['prd_mask×2', 'prd_cream×1']);
  expect((await s.call(U, 'cart', { action: 'set', productId: 'prd_cream', qty: 3 })).ok).toBe(true);
  // Changing the quantity keeps the line's place.
  expect(await lines(U)).toEqual(['prd_mask×2', 'prd_cream×3']);
  expect((await s.call(U, 'cart', { action: 'set', productId: 'prd_cream', qty: 0 })).ok).toBe(true);
  expect(await lines(U)).toEqual(['prd_mask×2']);
});

test('a trial holds one; a product not on sale is refused and changes nothing', async () => {
  const t = await s.call(U, 'cart', { action: 'set', productId: 'prd_serum_trial', qty: 5 });
  expect(t.ok).toBe(true);
  expect(await lines(U)).toContain('prd_serum_trial×1');
  const before = await lines(U);
  const missing = await s.call(U, 'cart', { action: 'set', productId: 'prd_nope', qty: 1 });
  expect(missing).toMatchObject({ ok: false, error: { code: 'PRODUCT_UNAVAILABLE' } });
  await s.db().collection('products').doc('prd_cart_gone').set({ ...TEST_PRODUCT, name: '已下架商品', status: 'archived' });
  const archived = await s.call(U, 'cart', { action: 'set', productId: 'prd_cart_gone', qty: 1 });
  expect(archived).toMatchObject({ ok: false, error: { code: 'PRODUCT_UNAVAILABLE' } });
  const bad = await s.call(U, 'cart', { action: 'set', productId: 'prd_cream', qty: 100 });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(await lines(U)).toEqual(before);
});

test("one customer's cart is not another's; remove takes out what an order took", async () => {
  expect(await lines('cart_other')).toEqual([]);
  const r = await s.call(U, 'cart', { action: 'remove', productIds: ['prd_mask', 'prd_tea'] });
  expect(r.ok).toBe(true);
  expect(await lines(U)).toEqual(['prd_serum_trial×1']);
});

test('20 kinds at most: the 21st is CART_FULL, changing one already in is fine', async () => {
  const V = 'cart_full';
  for (let i = 0; i < 20; i += 1) {
    const id = `prd_cart${i}`;
    await s.db().collection('products').doc(id).set({ ...TEST_PRODUCT, name: `测试商品${i}` });
    expect((await s.call(V, 'cart', { action: 'set', productId: id, qty: 1 })).ok).toBe(true);
  }
  const full = await s.call(V, 'cart', { action: 'set', productId: 'prd_cream', qty: 1 });
  expect(full).toMatchObject({ ok: false, error: { code: 'CART_FULL' } });
  expect(full.error!.message).toContain('20');
  expect((await s.call(V, 'cart', { action: 'set', productId: 'prd_cart3', qty: 4 })).ok).toBe(true);
  expect((await lines(V)).length).toBe(20);
});
