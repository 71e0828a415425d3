import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { createLogger } from '../../_kit/logger';
import { loadSettings } from '../../_kit/settings-store';
import { COLL } from '../../_kit/collections';
import { runMigrations } from '../run';
import { MIGRATION_STEPS } from '../steps';

/**
 * Old shapes, written with the real SDK the way an older version stored them, are rewritten by the
 * migration steps and then read through the normal paths (which have no fallback for them);
 * running again changes nothing.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const raw = async (collection: string, id: string) => ((await s.db().collection(collection).doc(id).get()) as { data: Array<Record<string, any>> }).data[0];
/** Replaces a stored document with `doc` minus the named top-level or `a.b` fields (what older code wrote). */
async function storeWithout(collection: string, id: string, fields: string[]) {
  const d = structuredClone(await raw(collection, id));
  for (const f of fields) {
    const [a, b] = f.split('.');
    if (b) delete d[a][b];
    else delete d[a];
  }
  const { _id, ...body } = d;
  await s.db().collection(collection).doc(_id).set(body);
}
/** As in a data directory from before the steps existed: nothing recorded as done. */
const forgetSteps = () => Promise.all(MIGRATION_STEPS.map((m) => s.db().collection(COLL.migrations).doc(m.id).remove()));
const migrate = async () => runMigrations(s.db(), Date.now(), await loadSettings(s.db()), createLogger({ fn: 'test' }));

test('local start recorded every step as done on a fresh store', async () => {
  for (const m of MIGRATION_STEPS) expect(await raw(COLL.migrations, m.id)).toMatchObject({ _id: m.id, migrated: 0 });
  expect(await migrate()).toEqual({ migrated: {}, unfinished: [] });
});

test('a membership order without its refund rules and a pending refund without driveAt: migrated, then read normally; twice = no change', async () => {
  const u = 'mig_old';
  const buy = await s.call(u, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(buy.data.payment.outTradeNo);
  const orderId = buy.data.orderId as string;
  await storeWithout(COLL.orders, orderId, ['membership.refundPolicy']);
  // The read path has no fallback any more: the old shape is refused where reads are checked.
  const before = await s.call(u, 'membership', { action: 'refundQuote' });
  expect(before.ok).toBe(false);

  await s.holdRefunds(1);
  const product = await s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
  await s.pay(product.data.payment.outTradeNo);
  const refund = await s.call(u, 'order', { action: 'refund', orderId: product.data.orderId, requestId: s.rid('rf') });
  expect(refund.ok).toBe(true);
  const refundId = refund.data.refundId as string;
  const held = await raw(COLL.refunds, refundId);
  expect(held.status).toBe('pending');
  await storeWithout(COLL.refunds, refundId, ['driveAt']);

  await forgetSteps();
  const first = await migrate();
  expect(first).toEqual({ migrated: { '2026-12-membership-refund-policy': 1, '2026-12-refund-drive-at': 1 }, unfinished: [] });
  const settings = await loadSettings(s.db());
  expect((await raw(COLL.orders, orderId)).membership.refundPolicy).toEqual({ claimedPack: settings.membershipRefundClaimedPack, savings: settings.membershipRefundSavings });
  expect((await raw(COLL.refunds, refundId)).driveAt).toEqual(expect.any(Number));
  const quote = await s.call(u, 'membership', { action: 'refundQuote' });
  expect(quote.ok).toBe(true);
  expect(quote.data.policy).toEqual({ claimedPack: settings.membershipRefundClaimedPack, savings: settings.membershipRefundSavings });

  const afterFirst = [await raw(COLL.orders, orderId), await raw(COLL.refunds, refundId)];
  expect(await migrate()).toEqual({ migrated: {}, unfinished: [] });
  await forgetSteps();
  expect(await migrate()).toEqual({ migrated: { '2026-12-membership-refund-policy': 0, '2026-12-refund-drive-at': 0 }, unfinished: [] });
  expect([await raw(COLL.orders, orderId), await raw(COLL.refunds, refundId)]).toEqual(afterFirst);
});
