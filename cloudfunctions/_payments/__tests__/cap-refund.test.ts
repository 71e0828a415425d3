import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getById } from '../../_kit/db';
import { type EntryDoc, type OrderDoc, type RefundDoc } from '../../../shared/documents';
import { walletInvariants } from './invariants';
import { COLL } from '../../_kit/collections';

/**
 * The ¥5,000 named-balance cap holds through refunds (issue 15 #2), reproduced as found: 充3000送400,
 * 4 × ¥688 by balance, top up to exactly ¥5,000, refund the order. Before: ¥7,752 on the wallet.
 * Now the draws go back and what is over the cap leaves as principal to the top-ups' WeChat
 * payments; the customer keeps the bonus and loses nothing; the refund dialog says it beforehand.
 */

let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const U = 'cap_refunder';
async function topUp(body: Record<string, unknown>) {
  const r = await s.call(U, 'wallet', { action: 'topUp', acceptTerms: true, requestId: s.rid('tu'), ...body });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data.orderId as string;
}
const balance = async () => (await s.call(U, 'wallet', { action: 'balance' })).data as { principalFen: number; bonusFen: number; totalFen: number; capFen: number };

test('a refund that would take the wallet over ¥5,000 sends the excess principal back to WeChat; the cap holds, nothing is lost', async () => {
  const first = await topUp({ planId: 'topup-3000' });
  const buy = await s.call(U, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 4 }], payWith: 'balance', delivery: { method: 'pickup' }, requestId: s.rid('buy') });
  expect(buy.data.status).toBe('paid');
  const before = await balance();
  expect(before.totalFen).toBe(340_000 - 275_200);
  const second = await topUp({ amountFen: 500_000 - before.totalFen });
  expect((await balance()).totalFen).toBe(500_000);

  // The refund dialog's facts: ¥2,752 back, all of it over the cap.
  const view = (await s.call(U, 'order', { action: 'get', orderId: buy.data.orderId })).data;
  expect(view).toMatchObject({ refundableFen: 275_200, refundOverCapFen: 275_200, refundCapFen: 500_000 });

  const before2 = await balance();
  const rf = await s.call(U, 'order', { action: 'refund', orderId: buy.data.orderId, requestId: s.rid('rf') });
  expect(rf.error).toBeUndefined();
  const after = await balance();
  expect(after.totalFen).toBe(500_000);
  // The bonus the order drew is back on the wallet; only principal left it.
  expect(after.bonusFen).toBeGreaterThanOrEqual(before2.bonusFen);
  expect(before2.principalFen + before2.bonusFen + 275_200 - (after.principalFen + after.bonusFen)).toBe(275_200);
  await walletInvariants(s.db(), U);

  // The excess goes to the top-ups' WeChat payments (first the lots the order drew from), as refund parts.
  const refund = (await getById<RefundDoc>(s.db(), COLL.refunds, rf.data.refundId))!;
  expect(refund.toBalanceFen).toBe(0);
  expect(refund.parts.map((p) => p.outTradeNo)).toContain(first);
  expect(refund.parts.reduce((sum, p) => sum + p.refundFee, 0)).toBe(275_200);
  const topUps = await Promise.all([first, second].map((id) => getById<OrderDoc>(s.db(), COLL.orders, id)));
  expect(topUps.reduce((sum, o) => sum + o!.refundedFen, 0)).toBe(275_200);
  const entries = await getAll<EntryDoc>(s.db(), COLL.wallet_entries, { openid: U });
  expect(entries.filter((e) => e.refundId === rf.data.refundId).map((e) => e.type).sort()).toEqual(['spend-refund', 'withdraw']);
  await s.refundResults();
  expect((await getById<RefundDoc>(s.db(), COLL.refunds, rf.data.refundId))!.status).toBe('succeeded');
  const sim = await s.payState(first);
  expect(sim.data.refunds.length).toBeGreaterThan(0);
});

test('under the cap a refund goes back to the balance as before', async () => {
  const u = 'cap_room';
  const t = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-1000', acceptTerms: true, requestId: s.rid('tu') });
  await s.pay(t.data.payment.outTradeNo);
  const buy = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'balance', requestId: s.rid('buy') });
  expect((await s.call(u, 'order', { action: 'get', orderId: buy.data.orderId })).data.refundOverCapFen).toBeUndefined();
  const rf = await s.call(u, 'order', { action: 'refund', orderId: buy.data.orderId, requestId: s.rid('rf') });
  expect((await getById<RefundDoc>(s.db(), COLL.refunds, rf.data.refundId))!).toMatchObject({ toBalanceFen: 12_800, parts: [] });
  expect((await s.call(u, 'wallet', { action: 'balance' })).data.totalFen).toBe(110_000);
});
