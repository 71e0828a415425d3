import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalServer, type LocalServer } from '../../../local/server';
import { getDb } from '../../_kit/db';
import { buildContext as platformContext } from '../../_kit/platform/contexts';
import { main } from '../index';

let server: LocalServer;
beforeAll(async () => {
  process.env.LOG_LEVEL = 'silent';
  server = await startLocalServer({ port: 0, dataDir: mkdtempSync(path.join(os.tmpdir(), 'cat-')), fresh: true, quiet: true });
});
afterAll(async () => {
  await server?.close();
});

const asCustomer = () => platformContext({ requestId: 'req_cat', functionName: 'catalog', source: 'wx_client', openid: 'cust_demo' });

describe('catalog.list', () => {
  test('returns active products in sort order with public fields only', async () => {
    const res = await main({ action: 'list' }, asCustomer());
    if (!res.ok) throw new Error(res.error.message);
    const { products } = res.data as { products: Array<Record<string, unknown>> };
    const sorts = products.map((p) => p._id);
    expect(sorts[0]).toBe('prd_essence_new'); // sort 5 comes first
    for (const p of products) {
      expect(p.costFen).toBeUndefined();
      expect(p.floorFen).toBeUndefined();
      expect(Number.isInteger(p.priceFen)).toBe(true);
    }
    const trial = products.find((p) => p._id === 'prd_serum_trial');
    expect(trial).toMatchObject({ kind: 'trial', fullProductId: 'prd_serum', priceFen: 1800 });
    expect(products.find((p) => p._id === 'prd_serum')).toMatchObject({ priceFen: 68800, memberPriceFen: 58800 });
  });

  test('uses the (status, sort) index: no collection scan', async () => {
    const before = server.emulator.stats().fullScans;
    await main({ action: 'list' }, asCustomer());
    expect(server.emulator.stats().fullScans).toBe(before);
    expect(server.emulator.stats().lastPlan?.index).toBe('status_sort');
  });

  test('archived products disappear and invalid documents are skipped, not fatal', async () => {
    const db = getDb();
    await db.collection('products').doc('prd_mask').update({ status: 'archived' });
    await db.collection('products').doc('prd_broken').set({ name: '坏数据', kind: 'regular', priceFen: 12.5, status: 'active', sort: 1, createdAt: 1, updatedAt: 1 });
    const res = await main({ action: 'list' }, asCustomer());
    if (!res.ok) throw new Error(res.error.message);
    const ids = (res.data as { products: Array<{ _id: string }> }).products.map((p) => p._id);
    expect(ids).not.toContain('prd_mask');
    expect(ids).not.toContain('prd_broken');
    expect(ids).toContain('prd_serum');
    await db.collection('products').doc('prd_mask').update({ status: 'active' });
    await db.collection('products').doc('prd_broken').remove();
  });
});

describe('catalog.settings', () => {
  test('returns the public settings: plans, top-ups, tiers, caps', async () => {
    const res = await main({ action: 'settings' }, asCustomer());
    if (!res.ok) throw new Error(res.error.message);
    const s = res.data as Record<string, any>;
    expect(s.membershipPlans[0]).toMatchObject({ id: 'annual', priceFen: 100_000, termDays: 365 });
    expect(s.topUpPlans).toHaveLength(3);
    expect(s.tiers.map((t: { thresholdFen: number }) => t.thresholdFen)).toEqual([500_000, 1_000_000, 5_000_000, 10_000_000]);
    expect(s.namedBalanceCapFen).toBe(500_000);
    expect(s.operators).toBeUndefined();
  });

  test('requires an identity', async () => {
    const anon = platformContext({ requestId: 'req_x', functionName: 'catalog', source: 'wx_client' });
    expect(await main({ action: 'settings' }, anon)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
