import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { DAY_MS } from '../../../shared/time';

/**
 * Membership fee refunds (issue 15 #3, #5, #8) through the real path: the refund deducts the member
 * savings already enjoyed (list − member price on units kept, members-only products included); it
 * follows the window and rules the membership was sold with, whatever the settings say later; and
 * the quote says what claiming the welcome pack would give up.
 */

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

async function paid(openid: string, fn: string, body: Record<string, unknown>) {
  const r = await s.call(openid, fn, { ...body, requestId: s.rid('rq') });
  expect(r.error).toBeUndefined();
  if (r.data.payment) expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data;
}
const quote = async (openid: string) => (await s.call(openid, 'membership', { action: 'refundQuote' })).data;
const buy = (openid: string, productId: string, qty = 1) => paid(openid, 'order', { action: 'create', items: [{ productId, qty }], payWith: 'wechat', delivery: { method: 'pickup' } });

async function setSettings(patch: Record<string, unknown>) {
  const editor = await s.call('op_admin', 'settings', { action: 'editor' });
  const upd = await s.call('op_admin', 'settings', { action: 'update', settings: { ...editor.data.settings, ...patch }, expectedVersion: editor.data.version, requestId: s.rid('set') });
  expect(upd.error).toBeUndefined();
}

test('member prices used, pack unclaimed: the refund is the fee less the savings (¥100 × 2 serum + ¥30 members-only toner), and a refunded unit gives its saving back', async () => {
  const u = 'mr_saver';
  await paid(u, 'membership', { action: 'buy', planId: 'annual' });
  expect(await quote(u)).toMatchObject({ refundable: true, refundableFen: 100_000, savingsFen: 0, deductFen: 0 });
  const serum = await buy(u, 'prd_serum', 2); // ¥688 → ¥588 member
  await buy(u, 'prd_essence_new'); // members-only window: ¥328 → ¥298
  const q = await quote(u);
  expect(q).toMatchObject({ refundable: true, paidFen: 100_000, savingsFen: 23_000, deductFen: 0, refundableFen: 77_000, policy: { claimedPack: 'deduct-value', savings: 'deduct' } });
  // The unclaimed ¥1,500 pack: claiming it would leave nothing of the fee refundable.
  expect(q.ifPackClaimed).toEqual({ refundableFen: 0, forfeitFen: 77_000, denied: false });

  expect((await s.call(u, 'order', { action: 'refund', orderId: serum.orderId, lines: [{ productId: 'prd_serum', qty: 1 }], requestId: s.rid('rf') })).ok).toBe(true);
  expect(await quote(u)).toMatchObject({ savingsFen: 13_000, refundableFen: 87_000 });

  const r = await s.call(u, 'membership', { action: 'refund', requestId: s.rid('mrf') });
  expect(r.error).toBeUndefined();
  expect(r.data.amountFen).toBe(87_000);
  expect((await s.call(u, 'membership', { action: 'status' })).data.active).toBe(false);
});

test('savings at least the fee: not refundable, and the reason says so (never below ¥0)', async () => {
  const u = 'mr_big_saver';
  await paid(u, 'membership', { action: 'buy', planId: 'annual' });
  await buy(u, 'prd_serum', 10); // saves ¥1,000
  const q = await quote(u);
  expect(q).toMatchObject({ refundable: false, refundableFen: 0, savingsFen: 100_000 });
  expect(q.reason).toContain('不低于会员费');
  expect((await s.call(u, 'membership', { action: 'refund', requestId: s.rid('mrf') })).error).toMatchObject({ code: 'REFUND_NOT_ALLOWED' });
});

test('the window and rules are the ones the membership was sold with; a later settings change applies to memberships sold after it', async () => {
  const before = 'mr_sold_before';
  await paid(before, 'membership', { action: 'buy', planId: 'annual' });
  await buy(before, 'prd_serum');
  await setSettings({ refundWindowDays: 1, membershipRefundClaimedPack: 'deny', membershipRefundSavings: 'keep' });
  const after = 'mr_sold_after';
  await paid(after, 'membership', { action: 'buy', planId: 'annual' });
  await buy(after, 'prd_serum');
  await s.clock(3 * DAY_MS);
  // Sold under 60 days / deduct: still refundable after 3 days, savings deducted.
  expect(await quote(before)).toMatchObject({ refundable: true, refundableFen: 90_000, savingsFen: 10_000, policy: { claimedPack: 'deduct-value', savings: 'deduct' } });
  // Sold under 1 day: past its window.
  const late = await quote(after);
  expect(late).toMatchObject({ refundable: false });
  expect(late.reason).toContain('1 天');
  await s.clock(0);
  // Within its day: the fee in full (savings kept), and claiming the pack would forfeit it all (deny).
  expect(await quote(after)).toMatchObject({ refundable: true, refundableFen: 100_000, savingsFen: 0, policy: { claimedPack: 'deny', savings: 'keep' }, ifPackClaimed: { refundableFen: 0, forfeitFen: 100_000, denied: true } });
  await setSettings({ refundWindowDays: 60, membershipRefundClaimedPack: 'deduct-value', membershipRefundSavings: 'deduct' });
});
