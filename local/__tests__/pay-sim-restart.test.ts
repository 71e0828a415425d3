import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getById } from '../../cloudfunctions/_kit/db';
import { armFault, disarmFaults } from '../../cloudfunctions/_kit/faults';
import { type OrderDoc } from '../../shared/documents';
import { startLocalServer, type LocalServer } from '../server';
import { COLL } from '../../cloudfunctions/_kit/collections';
import { waitUntil } from '../testing/wait-until';

afterEach(() => disarmFaults());

const post = async (s: LocalServer, p: string, body: unknown, openid?: string) =>
  (await (await fetch(s.url + p, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) }, body: JSON.stringify(body) })).json()) as { ok: boolean; data: any };

test('a payment whose callback was never acknowledged before the server stopped is delivered on the next start', async () => {
  process.env.LOG_LEVEL = 'silent';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'paysim-restart-'));
  let s = await startLocalServer({ port: 0, dataDir, fresh: true, quiet: true, h5Dir: os.tmpdir() });
  const order = await post(s, '/fn/order', { action: 'create', items: [{ productId: 'prd_mask', qty: 1 }], payWith: 'wechat', requestId: 'restart_req_01' }, 'cust_restart');
  expect(order.ok).toBe(true);
  // The shop fails to take the callback (a crash in the payment transaction): money taken, order unpaid.
  armFault('pay.after-order');
  expect((await post(s, `/local/pay/${order.data.payment.outTradeNo}/succeed`, {})).ok).toBe(true);
  const { getDb } = await import('../../cloudfunctions/_kit/db');
  expect((await getById<OrderDoc>(getDb(), COLL.orders, order.data.orderId))!.status).toBe('created');
  // Stopped before any retry timer fired (as a kill -9 would).
  await s.close();
  s = await startLocalServer({ port: 0, dataDir, quiet: true, h5Dir: os.tmpdir() });
  try {
    let status = '';
    await waitUntil(async () => (status = (await getById<OrderDoc>(getDb(), COLL.orders, order.data.orderId))!.status) === 'paid', () => `the restarted pay simulator to redeliver the callback (order still ${status})`);
    expect(status).toBe('paid');
  } finally {
    await s.close();
  }
});
