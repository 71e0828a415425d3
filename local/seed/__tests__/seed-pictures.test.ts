import os from 'node:os';
import { getById, getDb } from '../../../cloudfunctions/_kit/db';
import { COLL } from '../../../cloudfunctions/_kit/collections';
import { imageIdOf } from '../../../cloudfunctions/ops/images';
import { MAX_IMAGE_BYTES, sniffImageType } from '../../../shared/catalog/images';
import { startLocalServer } from '../../server';
import { startTestStore, type TestStore } from '../../testing/store-harness';
import { seedDemo } from '../seed-demo';
import { SEED_ACTOR, seedPictures } from '../seed-pictures';

/**
 * The demo catalog's pictures, through the real local store: seeding stores them the way an
 * operator's upload is stored (upload target → PUT to the emulator's storage → registerImage),
 * customers get temp URLs that serve real PNGs, and seeding again changes nothing.
 */
type Stored = { _id: string; status: string; images: string[] };

async function storedProducts(s: TestStore): Promise<Stored[]> {
  return (await s.db().collection(COLL.products).limit(100).get()).data as Stored[];
}
const countOf = async (s: TestStore, coll: string, where: Record<string, unknown> = {}) => ((await s.db().collection(coll).where(where).count()) as { total: number }).total;

describe('seeded with the demo owner', () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await startTestStore();
  });
  afterAll(() => s.close());

  test('every active demo product has at least two registered images, each with its audit entry by the seed', async () => {
    const products = (await storedProducts(s)).filter((p) => p.status === 'active');
    expect(products.length).toBeGreaterThanOrEqual(5);
    for (const p of products) {
      expect(p.images.length).toBeGreaterThanOrEqual(2);
      expect(new Set(p.images).size).toBe(p.images.length);
      for (const fileID of p.images) {
        expect(fileID).toMatch(new RegExp(`^cloud://local\\.[^/]+/products/demo/${p._id}/`));
        const doc = await getById<{ fileID: string; contentType: string; size: number; by: string }>(s.db(), COLL.product_images, imageIdOf(fileID));
        expect(doc).toMatchObject({ fileID, contentType: 'image/png', by: SEED_ACTOR });
        expect(doc!.size).toBeGreaterThan(1_000);
      }
    }
    const all = products.reduce((n, p) => n + p.images.length, 0);
    expect(await countOf(s, COLL.product_images)).toBe(all);
    expect(await countOf(s, COLL.audit_log, { entity: 'image', action: 'image.register', by: SEED_ACTOR })).toBe(all);
  });

  test('catalog.list gives customers temp URLs that serve the PNGs, cover first', async () => {
    const listed = (await s.call('cust_pics', 'catalog', { action: 'list' })).data.products as Array<{ _id: string; images?: string[]; imageUrl?: string }>;
    expect(listed.length).toBeGreaterThanOrEqual(5);
    const sizes: number[] = [];
    for (const p of listed) {
      expect(p.images?.length).toBeGreaterThanOrEqual(2);
      expect(p.imageUrl).toBe(p.images![0]);
      const hashes = new Set<string>();
      for (const url of p.images!) {
        expect(url).toContain('/tcb/files/');
        const res = await fetch(url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(sniffImageType(bytes)).toBe('image/png');
        expect(bytes.length).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
        expect(bytes.length).toBeLessThan(40 * 1024);
        sizes.push(bytes.length);
        hashes.add(bytes.toString('base64'));
      }
      // Cover and detail views are different pictures, not one picture twice.
      expect(hashes.size).toBe(p.images!.length);
    }
    expect(sizes.length).toBeGreaterThanOrEqual(listed.length * 2);
  });

  test('seeding again leaves the same images, image records and audit entries', async () => {
    const before = new Map((await storedProducts(s)).map((p) => [p._id, p.images]));
    const records = await countOf(s, COLL.product_images);
    const audits = await countOf(s, COLL.audit_log, { entity: 'image' });
    const again = await seedDemo(s.db(), Date.now());
    expect(again.images).toBe(records);
    expect(new Map((await storedProducts(s)).map((p) => [p._id, p.images]))).toEqual(before);
    expect(await countOf(s, COLL.product_images)).toBe(records);
    expect(await countOf(s, COLL.audit_log, { entity: 'image' })).toBe(audits);
  });

  test('bytes the server would refuse stop the seed with a clear error, and nothing is recorded', async () => {
    const notPng = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const records = await countOf(s, COLL.product_images);
    await expect(seedPictures(s.db(), Date.now(), 'prd_serum', [{ view: 'cover', png: notPng, sha256: 'f'.repeat(64) }])).rejects.toThrow(
      'demo picture products/demo/prd_serum/cover-ffffffffffffffff.png would be refused: 图片格式不支持，请上传 JPG、PNG 或 WebP 图片。',
    );
    expect(await countOf(s, COLL.product_images)).toBe(records);
  });

  test('operators see the seeded images and can reorder them like their own uploads (they are registered)', async () => {
    const ops = (body: Record<string, unknown>) => s.call('op_admin', 'ops', body);
    const view = (await ops({ action: 'product', productId: 'prd_cream' })).data;
    expect(view.images.length).toBeGreaterThanOrEqual(2);
    expect(view.imageUrls.every((u: string) => u.includes('/tcb/files/'))).toBe(true);
    const keys = ['name', 'description', 'kind', 'category', 'priceFen', 'memberPriceFen', 'costFen', 'floorFen', 'physical', 'sort'];
    const form = Object.fromEntries(keys.filter((k) => view[k] !== undefined).map((k) => [k, view[k]]));
    const detailFirst = [...view.images].reverse();
    const saved = await ops({ action: 'saveProduct', productId: 'prd_cream', expectedRevision: view.revision, product: { ...form, images: detailFirst }, requestId: s.rid('pics') });
    expect(saved).toMatchObject({ ok: true, data: { product: { images: detailFirst } } });
    const listed = (await s.call('cust_pics', 'catalog', { action: 'list' })).data.products.find((p: { _id: string }) => p._id === 'prd_cream');
    expect(listed.images).toHaveLength(detailFirst.length);
    expect(listed.imageUrl).toContain(detailFirst[0].split('/').pop());
  });
});

describe('seeded with --no-demo-owner (no operator exists)', () => {
  let s: TestStore;
  beforeAll(async () => {
    s = await startTestStore({ demoOwner: false });
  });
  afterAll(() => s.close());

  test('the pictures are still stored and registered, and customers see them', async () => {
    const products = (await storedProducts(s)).filter((p) => p.status === 'active');
    expect(products.every((p) => p.images.length >= 2)).toBe(true);
    expect(await countOf(s, COLL.product_images)).toBe(products.reduce((n, p) => n + p.images.length, 0));
    const listed = (await s.call('cust_pics', 'catalog', { action: 'list' })).data.products as Array<{ images?: string[] }>;
    expect(listed.every((p) => (p.images?.length ?? 0) >= 2)).toBe(true);
    const res = await fetch(listed[0].images![0]);
    expect(sniffImageType(Buffer.from(await res.arrayBuffer()))).toBe('image/png');
  });
});

describe('restarting on an existing data directory (npm start again)', () => {
  test('seeds nothing twice and still serves the stored pictures', async () => {
    const first = await startTestStore();
    const dataDir = first.server.dataDir;
    const records = await countOf(first, COLL.product_images);
    await first.close();
    const again = await startLocalServer({ port: 0, dataDir, quiet: true, h5Dir: os.tmpdir() });
    try {
      expect(again.seededOwners).toBeUndefined();
      expect(((await getDb().collection(COLL.product_images).count()) as { total: number }).total).toBe(records);
      const res = await fetch(`${again.url}/fn/catalog`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': 'cust_pics' }, body: JSON.stringify({ action: 'list' }) });
      const listed = ((await res.json()) as { data: { products: Array<{ images?: string[] }> } }).data.products;
      expect(listed.every((p) => (p.images?.length ?? 0) >= 2)).toBe(true);
      const img = await fetch(listed[0].images![0]);
      expect(img.status).toBe(200);
      expect(sniffImageType(Buffer.from(await img.arrayBuffer()))).toBe('image/png');
    } finally {
      await again.close();
    }
  });
});
