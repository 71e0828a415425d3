import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { DOCUMENT_SCHEMAS } from '../../../shared/documents/registry';
import { productSchema } from '../../../shared/schemas/product';
import type { CollectionName } from '../collections';

/**
 * Reads are checked against their collection's schema as they happen (stored-docs.ts); this reads
 * back EVERY document of every registered collection after the demo seed and the flows that write
 * or rewrite money documents — top-up, balance and WeChat orders, partial and full refunds, a
 * membership and its welcome pack, shipping with its WeChat upload, a stored-value refund, the
 * sweep — so a writer whose document no read happened to touch still shows here. Each registered
 * collection must have had documents to check: a schema nothing exercised proves nothing.
 */
jest.setTimeout(90_000);
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const ADDRESS = { method: 'address', name: '王芳', phone: '13900001234', address: '上海市徐汇区漕溪北路 88 号 1201' };

test('every stored document of a registered collection, after seed and money flows, matches its schema', async () => {
  const u = 'doc_valid';
  const ok = <T extends { ok: boolean; error?: unknown }>(r: T) => {
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r as T & { data: any };
  };
  const top = ok(await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') }));
  await s.pay(top.data.payment.outTradeNo);
  const byBalance = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('ob') }));
  ok(await s.call(u, 'order', { action: 'refund', orderId: byBalance.data.orderId, requestId: s.rid('rb') }));
  const byWechat = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 2 }], payWith: 'wechat', requestId: s.rid('ow') }));
  await s.pay(byWechat.data.payment.outTradeNo);
  ok(await s.call(u, 'order', { action: 'refund', orderId: byWechat.data.orderId, requestId: s.rid('rw'), lines: [{ productId: 'prd_mask', qty: 1 }] }));
  const shipped = ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_cream', qty: 1 }], payWith: 'wechat', delivery: ADDRESS, requestId: s.rid('os') }));
  await s.pay(shipped.data.payment.outTradeNo);
  ok(await s.call('op_admin', 'ops', { action: 'shipOrder', orderId: shipped.data.orderId, carrier: 'SF', trackingNo: 'SF1234567890', requestId: s.rid('ship') }));
  ok(await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('unpaid') }));
  ok(await s.call(u, 'cart', { action: 'set', productId: 'prd_tea', qty: 2 }));
  ok(await s.call(u, 'cart', { action: 'set', productId: 'prd_serum_trial', qty: 1 }));
  ok(await s.call(u, 'customer', { action: 'saveProfile', nickname: '存储校验', consent: true }));
  const member = ok(await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') }));
  await s.pay(member.data.payment.outTradeNo);
  const st = ok(await s.call(u, 'membership', { action: 'status' }));
  ok(await s.call(u, 'membership', { action: 'claimPack', entitlementId: st.data.giftPack.entitlementId, delivery: { method: 'pickup' }, requestId: s.rid('cp') }));
  // The pack is collected in store on the member code (member_cards, member_card_numbers).
  const code = ok(await s.call(u, 'member', { action: 'code' }));
  ok(await s.call('op_admin', 'ops', { action: 'confirmPickup', code: code.data.code, orderIds: [], entitlementIds: [st.data.giftPack.entitlementId], requestId: s.rid('pk') }));
  // 一对一跟进: a hand-picked list for a 跟进专员, one contact with facts (lists, entries, contacts, holds).
  const list = ok(await s.call('op_admin', 'followup', { action: 'create', title: '存储校验', goal: 'repurchase', script: '您好', factKeys: ['mentioned-price', 'asked-validity'], dueDate: new Date(Date.now() + 8 * 86_400_000 + 7 * 86_400_000).toISOString().slice(0, 10), holdoutPercent: 0, staff: ['staff_li'], source: { kind: 'hand', openids: [u] }, requestId: s.rid('fl') }));
  ok(await s.call('staff_li', 'followup', { action: 'recordContact', listId: list.data.list.listId, openid: u, channel: 'phone', facts: { 'mentioned-price': 1, 'asked-validity': false }, outcome: 'declined', requestId: s.rid('fc') }));
  ok(await s.call(u, 'wallet', { action: 'refund', requestId: s.rid('wr') }));
  await s.refundResults();
  await s.trigger('scheduler');

  const db = s.db();
  const checked: Record<string, number> = {};
  const problems: string[] = [];
  // Products are read tolerantly (catalog.list skips a broken one instead of failing the shop), so
  // they are not in DOCUMENT_SCHEMAS; what the seed and the operators write must still match.
  const schemas = { ...DOCUMENT_SCHEMAS, products: productSchema };
  for (const [collection, schema] of Object.entries(schemas) as Array<[CollectionName, NonNullable<(typeof DOCUMENT_SCHEMAS)[CollectionName]>]>) {
    const { data } = (await db.collection(collection).limit(1000).get()) as { data: Array<{ _id: string }> };
    checked[collection] = data.length;
    for (const doc of data) {
      const r = schema.safeParse(doc);
      if (!r.success) problems.push(`${collection}/${doc._id}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
  }
  expect(problems).toEqual([]);
  const unexercised = Object.entries(checked).filter(([, n]) => n === 0).map(([c]) => c);
  expect(unexercised).toEqual([]);
});
