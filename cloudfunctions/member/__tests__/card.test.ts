import { startTestStore, type TestStore } from '../../../local/testing/store-harness';

/**
 * 会员卡 through the real SDK and emulator: the card number is the member code's, the balance and
 * usable coupons are the customer's, and a member's 已省 is the member-price saving of the orders
 * paid this term (a refunded unit gives its saving back), shown against the fee.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const U = 'card_customer';

async function paid(fn: string, body: Record<string, unknown>) {
  const r = await s.call(U, fn, { ...body, requestId: s.rid('p') });
  expect(r.ok).toBe(true);
  if (r.data.payment) expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data;
}

const card = async () => {
  const r = await s.call(U, 'member', { action: 'card' });
  expect(r.ok).toBe(true);
  return r.data;
};

test('a customer who is not a member: card number, balance and coupons; no term', async () => {
  const c = await card();
  expect(c.cardNo).toMatch(/^\d{10}$/);
  expect(c).toEqual({ cardNo: c.cardNo, balanceFen: 0, couponsAvailable: 0 });
  const code = await s.call(U, 'member', { action: 'code' });
  expect(code.data.cardNo).toBe(c.cardNo);
});

test("a member's 已省 is the saving the paid orders recorded this term, less what was refunded", async () => {
  await paid('membership', { action: 'buy', planId: 'annual' });
  let c = await card();
  expect(c.term).toMatchObject({ planName: '年度会员', feeFen: 100_000, savedFen: 0, packValueFen: 150_000, packClaimed: false });
  expect(c.term.expiresAt).toBeGreaterThan(Date.now() + 364 * 86_400_000);

  await paid('wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true });
  // Two serums at the member price (¥588 for ¥688: ¥100 each) and a mask, which has no member price.
  const order = await paid('order', { action: 'create', items: [{ productId: 'prd_serum', qty: 2 }, { productId: 'prd_mask', qty: 1 }], payWith: 'wechat' });
  const tpl = await s.call('op_admin', 'coupon', { action: 'saveTemplate', template: { name: '满300减30', offer: { code: 'amount-off', args: { amountFen: 3_000 } }, minSpendFen: 30_000, validity: { kind: 'days', days: 7 } }, requestId: s.rid('t') });
  expect((await s.call('op_admin', 'coupon', { action: 'issue', templateId: tpl.data.templateId, openid: U, requestId: s.rid('i') })).ok).toBe(true);
  c = await card();
  expect(c.term.savedFen).toBe(20_000);
  expect(c.balanceFen).toBeGreaterThanOrEqual(50_000);
  expect(c.couponsAvailable).toBe(1);

  const refund = await s.call(U, 'order', { action: 'refund', orderId: order.orderId, lines: [{ productId: 'prd_serum', qty: 1 }], requestId: s.rid('r') });
  expect(refund.ok).toBe(true);
  await s.refundResults();
  c = await card();
  expect(c.term.savedFen).toBe(10_000);
});

test('a stray field is refused', async () => {
  const r = await s.call(U, 'member', { action: 'card', openid: 'someone_else' });
  expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});
