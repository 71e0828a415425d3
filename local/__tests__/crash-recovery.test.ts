import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestStore } from '../testing/store-harness';
import { Acks } from '../testing/crash/acks';
import { StoreClient } from '../testing/crash/client';
import { runCrashSoak } from '../testing/crash/crash-soak';
import { verifyStore } from '../testing/crash/verify';
import { closeIdleSockets } from '../testing/http-client';

/**
 * The fast variant of `npm run soak`'s crash recovery: the store (local/main.ts, as `npm start`
 * runs it) in a child process, a small mixed load, one `kill -9` at a random moment, restart on
 * the same data directory, WeChat redelivery + client retries + the scheduler sweep, then every
 * acknowledged order/refund/coupon must be there and every money invariant hold.
 */
afterAll(() => closeIdleSockets());

test('kill -9 during a mixed load: nothing acknowledged is lost, invariants hold after recovery', async () => {
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000);
  const logFile = path.join(os.tmpdir(), `crash-recovery-${process.pid}.log`);
  const r = await runCrashSoak({ budgetMs: 0, minKills: 1, maxKills: 1, roundMs: [1_000, 3_000], minAcksPerRound: 60, customers: 8, workers: 4, seed, logFile });
  expect({ seed, violations: r.violations }).toEqual({ seed, violations: [] });
  expect(r.kills).toBe(1);
  expect(r.recoveries).toBe(1);
  // The load really ran and really reached money paths (a vacuous run would prove nothing).
  expect(r.ops.acknowledged).toBeGreaterThanOrEqual(60);
  expect(r.acknowledged.paidOrders).toBeGreaterThan(5);
  expect(r.final.wechatPaymentsChecked).toBeGreaterThan(0);
  rmSync(logFile, { force: true }); // kept only when something failed
}, 180_000);

test('the verifier catches a lost order, a ledger that does not add up and an event left owed', async () => {
  const s = await startTestStore();
  try {
    const client = new StoreClient(s.server.url);
    const acks = new Acks();
    const u = 'cust_verify';
    const top = await s.call(u, 'wallet', { action: 'topUp', amountFen: 20_000, acceptTerms: true, requestId: s.rid('tu') });
    await s.pay(top.data.payment.outTradeNo);
    acks.order({ orderId: top.data.orderId, openid: u, kind: 'topup', payWith: 'wechat', totalFen: 20_000, paid: true });
    await s.trigger('scheduler'); // the report consumer folds money events in the sweep
    expect((await verifyStore(s.db(), client, acks)).violations).toEqual([]);

    acks.order({ orderId: 'ord_neverstored0000', openid: u, kind: 'product', payWith: 'balance', totalFen: 100, paid: true });
    await s.db().collection('wallets').doc(`wal_${u}`).update({ principalFen: 20_001 });
    await s.db().collection('events').doc(`evt_wallet_topup_${top.data.orderId}`).update({ pending: ['profile'] });
    const { violations } = await verifyStore(s.db(), client, acks);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining('acknowledged order ord_neverstored0000 (product) is missing'),
        expect.stringContaining(`wallet wal_${u}: Σ entries 20000+0 ≠ balance 20001+0`),
        expect.stringContaining('1 events still owed after the sweep'),
      ]),
    );
  } finally {
    await s.close();
  }
});

test('the verifier checks 组合支付: a reservation outliving its order, an unpaid order without one, a WeChat payment of the wrong part', async () => {
  const s = await startTestStore();
  try {
    const client = new StoreClient(s.server.url);
    const acks = new Acks();
    const u = 'cust_verify_cmb';
    const top = await s.call(u, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
    await s.pay(top.data.payment.outTradeNo);
    const create = () => s.call(u, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'combined', balanceFen: 20_000, requestId: s.rid('oc') });
    const paid = await create();
    await s.pay(paid.data.orderId);
    const unpaid = await create();
    acks.order({ orderId: paid.data.orderId, openid: u, kind: 'product', payWith: 'combined', totalFen: 68_800, paid: true });
    await s.trigger('scheduler');
    expect((await verifyStore(s.db(), client, acks)).violations).toEqual([]);

    // The paid order's reservation is back on the wallet and the unpaid one's is gone.
    const w = (await s.db().collection('wallets').doc(`wal_${u}`).get()).data[0] as { holds: Array<{ orderId: string }> };
    const paidOrder = (await s.db().collection('orders').doc(paid.data.orderId).get()).data[0] as { combined: { draws: unknown[] } };
    await s.db().collection('wallets').doc(`wal_${u}`).update({ holds: [{ orderId: paid.data.orderId, amountFen: 20_000, draws: paidOrder.combined.draws, at: 1 }] });
    expect(w.holds.map((h) => h.orderId)).toEqual([unpaid.data.orderId]);
    const { violations } = await verifyStore(s.db(), client, acks);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`reservation for ${paid.data.orderId}, which is combined paid`),
        expect.stringContaining(`unpaid 组合支付 order ${unpaid.data.orderId} holds no reservation`),
      ]),
    );
    await s.db().collection('orders').doc(paid.data.orderId).update({ combined: { ...paidOrder.combined, cashFen: 1 } });
    expect((await verifyStore(s.db(), client, acks)).violations).toEqual(expect.arrayContaining([expect.stringContaining(`WeChat Pay's payment for ${paid.data.orderId} is 48800, the order's WeChat part 1`)]));
  } finally {
    await s.close();
  }
});
