import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import { getAll, getApp, getById } from '../../_kit/db';
import { DAY_MS } from '../../../shared/time';

/**
 * Catalog management through the real local store (gateway → ops handlers → SDK → emulator):
 * create/edit/archive/restore with the catalog rules, stale edits, stock, images through cloud
 * storage, prices on existing orders, and the audit record of every change.
 */
let s: TestStore;
beforeAll(async () => {
  s = await startTestStore();
});
afterAll(() => s.close());

const OP = 'op_admin';
const ops = (body: Record<string, unknown>) => s.call(OP, 'ops', body);
const form = (patch: Record<string, unknown> = {}) => ({ name: '玫瑰护手霜 30ml', description: '随身滋润。', kind: 'regular', category: '护肤', priceFen: 8_800, memberPriceFen: 7_900, costFen: 2_000, floorFen: 6_000, physical: true, sort: 60, ...patch });
const create = (patch: Record<string, unknown> = {}) => ops({ action: 'saveProduct', product: form(patch), requestId: s.rid('new') });
const catalog = async (openid = 'cust_cat') => (await s.call(openid, 'catalog', { action: 'list' })).data.products as Array<Record<string, any>>;
const auditOf = async (entity: string, entityId?: string) => (await ops({ action: 'audit', entity, ...(entityId ? { entityId } : {}) })).data.entries as Array<Record<string, any>>;

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(2_000, 1)]);

describe('create, edit, archive, restore', () => {
  test('a new product is on sale at once, with its audit record (who, when, after)', async () => {
    const asked = Date.now();
    const r = await create();
    const answered = Date.now();
    expect(r.ok).toBe(true);
    const p = r.data.product;
    expect(p).toMatchObject({ _id: expect.stringMatching(/^prd_/), status: 'active', revision: 1, priceFen: 8_800, updatedBy: OP, images: [], imageUrls: [] });
    expect(r.data).toMatchObject({ created: true, warnings: ['还没有商品图片，建议至少上传一张封面图'] });
    const shop = await catalog();
    expect(shop.find((x) => x._id === p._id)).toMatchObject({ name: '玫瑰护手霜 30ml', priceFen: 8_800, memberPriceFen: 7_900 });
    expect(shop.find((x) => x._id === p._id)!.costFen).toBeUndefined();
    const [entry] = await auditOf('product', p._id);
    expect(entry).toMatchObject({ action: 'product.create', by: OP, entity: 'product', entityId: p._id, before: null, after: { priceFen: 8_800, name: '玫瑰护手霜 30ml' } });
    expect(entry.summary).toBe('新建商品「玫瑰护手霜 30ml」（原价 ¥88.00）');
    // Recorded while the request ran, however slow the box.
    expect(entry.at).toBeGreaterThanOrEqual(asked);
    expect(entry.at).toBeLessThanOrEqual(answered);
  });

  test('a retried create (same request id) returns the same product, never a twin', async () => {
    const body = { action: 'saveProduct', product: form({ name: '重试商品' }), requestId: s.rid('same') };
    const [a, b] = await Promise.all([ops(body), ops(body)]);
    expect(a.ok && b.ok).toBe(true);
    expect(a.data.product._id).toBe(b.data.product._id);
    const c = await ops(body);
    expect(c.data.product._id).toBe(a.data.product._id);
    expect((await ops({ action: 'products' })).data.products.filter((p: { name: string }) => p.name === '重试商品')).toHaveLength(1);
    expect(await auditOf('product', a.data.product._id)).toHaveLength(1);
  });

  test('an edit with the loaded revision applies; a stale copy is refused with CONFLICT and changes nothing', async () => {
    const p = (await create({ name: '编辑测试' })).data.product;
    const edit = await ops({ action: 'saveProduct', productId: p._id, expectedRevision: 1, product: form({ name: '编辑测试', priceFen: 9_800 }), requestId: s.rid('e1') });
    expect(edit).toMatchObject({ ok: true, data: { created: false, product: { revision: 2, priceFen: 9_800 } } });
    // A second operator still has revision 1 open.
    const stale = await ops({ action: 'saveProduct', productId: p._id, expectedRevision: 1, product: form({ name: '编辑测试', priceFen: 5_000, memberPriceFen: null, floorFen: 0 }), requestId: s.rid('e2') });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { currentRevision: 2 } } });
    expect(stale.error!.message).toContain('请刷新后重新编辑');
    expect((await ops({ action: 'product', productId: p._id })).data).toMatchObject({ priceFen: 9_800, revision: 2 });
    const [last] = await auditOf('product', p._id);
    expect(last).toMatchObject({ action: 'product.update', changed: ['priceFen'], before: { priceFen: 8_800 }, after: { priceFen: 9_800 } });
    expect(last.summary).toBe('修改商品「编辑测试」：原价 ¥88.00 → ¥98.00');
  });

  test('validation comes back in Chinese with the field path (the form puts it under the field)', async () => {
    const bad = await create({ memberPriceFen: 9_900 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(bad.error!.message).toBe('商品信息有误：会员价（¥99.00）不能高于原价（¥88.00）。请修改后再保存。');
    expect(bad.error!.details).toEqual([{ path: 'product.memberPriceFen', code: 'custom', message: '会员价（¥99.00）不能高于原价（¥88.00）' }]);

    const float = await create({ priceFen: 88.5 });
    expect(float.error!.code).toBe('INVALID_INPUT');
    expect(float.error!.message).toBe('提交的信息有误（商品 › 原价（分）：金额必须是整数（单位：分，如 ¥12.80 填 1280））。');
    expect((float.error!.details as Array<{ path: string }>)[0].path).toBe('product.priceFen');

    const trial = await create({ kind: 'trial', fullProductId: 'prd_serum', priceFen: 70_000, memberPriceFen: null, floorFen: 0 });
    expect(trial.error!.message).toContain('体验装价格（¥700.00）必须低于正装「焕颜修护精华 50ml」的价格（¥688.00）');
    const orphan = await create({ kind: 'trial', fullProductId: 'prd_nope', priceFen: 900, memberPriceFen: null, floorFen: 0 });
    expect(orphan.error!.message).toContain('关联的正装商品（prd_nope）不存在');
    // Nothing was created by any of them.
    expect((await ops({ action: 'products' })).data.products.filter((p: { name: string }) => p.name === '玫瑰护手霜 30ml')).toHaveLength(1);
  });

  test('a full product cannot drop to its trial\'s price, nor be archived while the trial is on sale', async () => {
    const serum = (await ops({ action: 'product', productId: 'prd_serum' })).data;
    const cheap = await ops({ action: 'saveProduct', productId: 'prd_serum', expectedRevision: serum.revision, product: { ...pick(serum), priceFen: 1_800, memberPriceFen: null, floorFen: 0 }, requestId: s.rid('cheap') });
    expect(cheap.error!.message).toContain('原价（¥18.00）必须高于关联体验装「焕颜修护精华 体验装 7ml」的价格（¥18.00）');
    const archive = await ops({ action: 'archiveProduct', productId: 'prd_serum', requestId: s.rid('arc') });
    expect(archive).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(archive.error!.message).toContain('请先下架这些体验装');
  });

  test('archive hides a product from customers (and refuses new orders) but keeps it for its orders; restore brings it back', async () => {
    const p = (await create({ name: '限时花茶' })).data.product;
    const order = await s.call('cust_arc', 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    expect(order.ok).toBe(true);
    const arc = await ops({ action: 'archiveProduct', productId: p._id, requestId: s.rid('arc') });
    expect(arc.data.product).toMatchObject({ status: 'archived', archivedAt: expect.any(Number), revision: 2 });
    expect((await catalog()).map((x) => x._id)).not.toContain(p._id);
    expect((await s.call('cust_arc', 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith: 'wechat', requestId: s.rid('o') })).error?.code).toBe('PRODUCT_UNAVAILABLE');
    // The order made before still shows its line, and the product still exists for the operator.
    expect((await s.call('cust_arc', 'order', { action: 'get', orderId: order.data.orderId })).data.lines[0]).toMatchObject({ productId: p._id, name: '限时花茶' });
    expect((await ops({ action: 'products', status: 'archived' })).data.products.map((x: { _id: string }) => x._id)).toContain(p._id);
    // Archiving twice is harmless.
    expect((await ops({ action: 'archiveProduct', productId: p._id, requestId: s.rid('arc') })).data.product.revision).toBe(2);
    const back = await ops({ action: 'restoreProduct', productId: p._id, requestId: s.rid('res') });
    expect(back.data.product).toMatchObject({ status: 'active', revision: 3 });
    expect(back.data.product.archivedAt).toBeUndefined();
    expect((await catalog()).map((x) => x._id)).toContain(p._id);
    expect((await auditOf('product', p._id)).map((e) => e.action)).toEqual(['product.restore', 'product.archive', 'product.create']);
  });
});

/** The editable fields of a stored product (what the edit form sends back). */
function pick(p: Record<string, any>) {
  const keys = ['name', 'description', 'kind', 'category', 'images', 'priceFen', 'memberPriceFen', 'costFen', 'floorFen', 'fullProductId', 'memberEarlyAccessUntil', 'refundWindowDays', 'physical', 'sort'];
  return Object.fromEntries(keys.filter((k) => p[k] !== undefined).map((k) => [k, p[k]]));
}

describe('prices change for new orders only', () => {
  test('an order keeps the prices it was made with through the price change, payment and refund; new orders get the new price', async () => {
    const p = (await create({ name: '调价测试', priceFen: 10_000, memberPriceFen: null, floorFen: 5_000 })).data.product;
    const u = 'cust_price';
    const before = await s.call(u, 'order', { action: 'create', items: [{ productId: p._id, qty: 2 }], payWith: 'wechat', requestId: s.rid('o') });
    expect(before.data.totalFen).toBe(20_000);

    const edit = await ops({ action: 'saveProduct', productId: p._id, expectedRevision: p.revision, product: form({ name: '调价测试', priceFen: 15_000, memberPriceFen: null, floorFen: 5_000 }), requestId: s.rid('up') });
    expect(edit.ok).toBe(true);
    expect((await catalog(u)).find((x) => x._id === p._id)!.priceFen).toBe(15_000);

    // The old order is paid after the change: same total, same unit price.
    expect((await s.pay(before.data.payment.outTradeNo)).ok).toBe(true);
    const old = (await s.call(u, 'order', { action: 'get', orderId: before.data.orderId })).data;
    expect(old).toMatchObject({ status: 'paid', totalFen: 20_000, lines: [{ unitFen: 10_000, listUnitFen: 10_000, lineTotalFen: 20_000 }] });
    const refund = await s.call(u, 'order', { action: 'refund', orderId: before.data.orderId, lines: [{ productId: p._id, qty: 1 }], requestId: s.rid('rf') });
    expect(refund.data.amountFen).toBe(10_000); // refunded at what was paid, not the new price

    const after = await s.call(u, 'order', { action: 'create', items: [{ productId: p._id, qty: 2 }], payWith: 'wechat', requestId: s.rid('o') });
    expect(after.data.totalFen).toBe(30_000);
  });

  test('a members-only window set by the operator applies to the next order at once', async () => {
    const p = (await create({ name: '抢先购新品', memberEarlyAccessUntil: Date.now() + 7 * DAY_MS })).data.product;
    const r = await s.call('cust_window', 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith: 'wechat', requestId: s.rid('o') });
    expect(r.error?.code).toBe('MEMBERS_ONLY_UNTIL');
    const past = await ops({ action: 'saveProduct', productId: p._id, expectedRevision: 1, product: form({ name: '抢先购新品', memberEarlyAccessUntil: Date.now() - 1000 }), requestId: s.rid('w') });
    expect(past.error!.message).toContain('必须晚于现在');
  });
});

describe('stock', () => {
  test('a crowd for a limited product: 60 customers at once (balance and WeChat) for 20 units — exactly 20 orders, the rest 已售罄, no CONFLICT; a refused order gives its units back', async () => {
    const p = (await create({ name: '群接龙限量款' })).data.product;
    expect((await ops({ action: 'setStock', productId: p._id, stock: 20, requestId: s.rid('st') })).ok).toBe(true);
    const buy = (u: string, payWith: 'wechat' | 'balance') => s.call(u, 'order', { action: 'create', items: [{ productId: p._id, qty: 1 }], payWith, requestId: s.rid('o') });
    // Ten of them have no balance: their balance orders are refused after the unit was taken, and give it back.
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => buy(`crowd_${i}`, i % 6 === 0 ? 'balance' : 'wechat')));
    const codes = results.map((r) => (r.ok ? 'OK' : r.error!.code));
    expect(codes.filter((c) => c === 'CONFLICT')).toEqual([]);
    const placed = codes.filter((c) => c === 'OK').length;
    expect(codes.filter((c) => c !== 'OK' && c !== 'OUT_OF_STOCK' && c !== 'INSUFFICIENT_BALANCE')).toEqual([]);
    const stockNow = async () => (await ops({ action: 'product', productId: p._id })).data.stock;
    expect(placed).toBe(20);
    expect(await stockNow()).toBe(0);
    const orders = await getAll<{ lines: Array<{ productId: string; qty: number; stockReserved?: boolean }> }>(s.db(), 'orders', { 'lines.productId': p._id }, { max: 1000 });
    expect(orders).toHaveLength(placed);
    expect(orders.every((o) => o.lines[0].stockReserved === true)).toBe(true);
    // Units taken for an order its transaction then refuses go back: a customer at the unpaid-order limit.
    await ops({ action: 'setStock', productId: p._id, stock: 5, requestId: s.rid('st') });
    const other = (await create({ name: '普通款' })).data.product;
    for (let i = 0; i < 3; i++) expect((await s.call('crowd_holder', 'order', { action: 'create', items: [{ productId: other._id, qty: 1 }], payWith: 'wechat', requestId: s.rid('h') })).ok).toBe(true);
    expect((await buy('crowd_holder', 'wechat')).error?.code).toBe('UNPAID_ORDER_LIMIT');
    expect(await stockNow()).toBe(5);
  }, 120_000);

  test('units are held by orders, sold out is refused, an expired unpaid order gives them back; every change is audited', async () => {
    const p = (await create({ name: '限量礼盒' })).data.product;
    const set = await ops({ action: 'setStock', productId: p._id, stock: 2, requestId: s.rid('st') });
    expect(set.data.product).toMatchObject({ stock: 2, revision: 1 }); // stock is not an edit of the product
    // Few units left: customers are told how many (仅剩 2 件), never a larger stock.
    expect((await catalog()).find((x) => x._id === p._id)).toMatchObject({ stockLeft: 2 });
    const buy = (u: string, qty = 1) => s.call(u, 'order', { action: 'create', items: [{ productId: p._id, qty }], payWith: 'wechat', requestId: s.rid('o') });

    // Three customers race for two units: exactly two orders.
    const results = await Promise.all([buy('cust_st1'), buy('cust_st2'), buy('cust_st3')]);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    const refused = results.find((r) => !r.ok)!;
    expect(refused.error).toMatchObject({ code: 'OUT_OF_STOCK', message: '「限量礼盒」已售罄，请选择其他商品。' });
    expect((await catalog()).find((x) => x._id === p._id)).toMatchObject({ soldOut: true });
    expect((await ops({ action: 'product', productId: p._id })).data.stock).toBe(0);

    // One of them never pays: after the payment window the sweep closes it and the unit is back.
    await s.clock(31 * 60_000);
    const sweep = await s.trigger('scheduler');
    expect(sweep.data.ordersClosed).toBeGreaterThanOrEqual(2);
    await s.clock(0);
    expect((await ops({ action: 'product', productId: p._id })).data.stock).toBe(2);
    const tooMany = await buy('cust_st4', 3);
    expect(tooMany.error).toMatchObject({ code: 'OUT_OF_STOCK', message: '「限量礼盒」库存仅剩 2 件，请减少数量后重试。' });

    // Cancelling an unpaid order gives its units back too.
    const o = await buy('cust_st5', 2);
    expect((await ops({ action: 'product', productId: p._id })).data.stock).toBe(0);
    await s.call('cust_st5', 'order', { action: 'cancel', orderId: o.data.orderId });
    expect((await ops({ action: 'product', productId: p._id })).data.stock).toBe(2);

    // An edit of the product keeps the stock as it is; null stops tracking it.
    await ops({ action: 'saveProduct', productId: p._id, expectedRevision: 1, product: form({ name: '限量礼盒', priceFen: 9_900 }), requestId: s.rid('e') });
    expect((await ops({ action: 'product', productId: p._id })).data).toMatchObject({ stock: 2, revision: 2 });
    await ops({ action: 'setStock', productId: p._id, stock: 11, requestId: s.rid('st') });
    expect((await catalog()).find((x) => x._id === p._id)!.stockLeft).toBeUndefined();
    const untrack = await ops({ action: 'setStock', productId: p._id, stock: null, requestId: s.rid('st') });
    expect(untrack.data.product.stock).toBeUndefined();
    const stockAudit = (await auditOf('product', p._id)).filter((e) => e.action === 'product.stock');
    expect(stockAudit.map((e) => e.summary)).toEqual(['调整「限量礼盒」库存：11 件 → 不限', '调整「限量礼盒」库存：2 件 → 11 件', '调整「限量礼盒」库存：不限 → 2 件']);
  });
});

test('a request id is idempotent per entity: retried on the same product it applies once, reused on another it is a new change', async () => {
  const a = (await create({ name: '幂等 A' })).data.product;
  const b = (await create({ name: '幂等 B' })).data.product;
  const rid = s.rid('st');
  await ops({ action: 'setStock', productId: a._id, stock: 5, requestId: rid });
  await ops({ action: 'setStock', productId: a._id, stock: 5, requestId: rid });
  await ops({ action: 'setStock', productId: b._id, stock: 7, requestId: rid });
  expect((await ops({ action: 'product', productId: a._id })).data.stock).toBe(5);
  expect((await ops({ action: 'product', productId: b._id })).data.stock).toBe(7);
  expect((await auditOf('product', a._id)).filter((e) => e.action === 'product.stock')).toHaveLength(1);
  expect((await auditOf('product', b._id)).filter((e) => e.action === 'product.stock')).toHaveLength(1);
});

describe('images through cloud storage (the emulator stores and serves them)', () => {
  /** What the Mini Program does: ticket → upload the bytes to storage → register the file id. */
  async function upload(bytes: Buffer, contentType = 'image/png', how: 'sdk' | 'put' = 'sdk') {
    const ticket = await ops({ action: 'imageUploadTicket', contentType, size: bytes.length });
    expect(ticket.ok).toBe(true);
    let fileID: string;
    if (how === 'sdk') {
      // wx.cloud.uploadFile({cloudPath}) on WeChat = the SDK's uploadFile: getUploadMetadata + PUT.
      fileID = (await getApp().uploadFile({ cloudPath: ticket.data.cloudPath, fileContent: bytes })).fileID;
    } else {
      // The H5 build: PUT the bytes to the ticket's URL with its headers.
      const res = await fetch(ticket.data.upload.url, { method: 'PUT', headers: ticket.data.upload.headers, body: bytes });
      expect(res.status).toBe(200);
      fileID = ticket.data.fileID;
    }
    expect(fileID).toBe(ticket.data.fileID);
    expect(fileID).toMatch(/^cloud:\/\/local\.6c6f-local-1250000000\/products\/\d{6}\/img_[a-z0-9]+\.png$/);
    return { fileID, register: () => ops({ action: 'registerImage', fileID, requestId: s.rid('img') }) };
  }

  test('upload → register → product → the customer\'s catalog serves the same bytes', async () => {
    const { fileID, register } = await upload(PNG);
    const reg = await register();
    expect(reg).toMatchObject({ ok: true, data: { fileID, contentType: 'image/png', size: PNG.length, url: expect.stringContaining('/tcb/files/') } });
    const second = await upload(PNG, 'image/png', 'put');
    expect((await second.register()).ok).toBe(true);

    const p = (await create({ name: '有图商品', images: [fileID, second.fileID] })).data;
    expect(p.warnings).toEqual([]);
    expect(p.product.imageUrls).toHaveLength(2);
    const shown = (await catalog()).find((x) => x._id === p.product._id)!;
    expect(shown.images).toHaveLength(2);
    expect(shown.imageUrl).toBe(shown.images[0]);
    const res = await fetch(shown.imageUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await auditOf('image')).length).toBeGreaterThanOrEqual(2);
  });

  test('the server checks the bytes, not the claim: a non-image named .png is refused and deleted', async () => {
    const fake = Buffer.from('<?php echo "not an image"; ?>');
    const { fileID, register } = await upload(fake, 'image/png');
    const reg = await register();
    expect(reg).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '图片格式不支持，请上传 JPG、PNG 或 WebP 图片。' } });
    const left = await getApp().getTempFileURL({ fileList: [fileID] });
    expect(left.fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
    // An unregistered file cannot be put on a product.
    const bad = await create({ name: '无效图', images: [fileID] });
    expect(bad.error!.message).toContain('图片未通过校验或已失效，请重新上传');
  });

  test('too big is refused before and after the upload', async () => {
    const early = await ops({ action: 'imageUploadTicket', contentType: 'image/png', size: 3 * 1024 * 1024 });
    expect(early.error).toMatchObject({ code: 'INVALID_INPUT', message: '图片过大（3.0 MB），最大 2.0 MB，请压缩后重新上传。' });
    const gif = await ops({ action: 'imageUploadTicket', contentType: 'image/gif', size: 100 });
    expect(gif.error!.message).toContain('图片格式不支持');
    // A client that lied about the size: the stored size decides, and the file is removed.
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const ticket = await ops({ action: 'imageUploadTicket', contentType: 'image/png', size: 1000 });
    const { fileID } = await getApp().uploadFile({ cloudPath: ticket.data.cloudPath, fileContent: big });
    const reg = await ops({ action: 'registerImage', fileID, requestId: s.rid('img') });
    expect(reg.error!.message).toContain('图片过大');
    expect((await getApp().getTempFileURL({ fileList: [fileID] })).fileList[0].code).toBe('STORAGE_FILE_NONEXIST');
  });

  test('only this shop\'s product image folder is accepted', async () => {
    const other = await ops({ action: 'registerImage', fileID: 'cloud://other-env.6f74-other-1250000000/products/a.png', requestId: s.rid('img') });
    expect(other.error).toMatchObject({ code: 'INVALID_INPUT' });
    const outside = await ops({ action: 'registerImage', fileID: 'cloud://local.6c6f-local-1250000000/private/a.png', requestId: s.rid('img') });
    expect(outside.error!.message).toContain('products/');
    expect(await getById(s.db(), 'product_images', 'x')).toBeNull();
  });
});

describe('the audit trail', () => {
  test('newest first, filtered by entity, paged with a cursor', async () => {
    for (let i = 0; i < 3; i++) await create({ name: `分页商品 ${i}` });
    const all = await ops({ action: 'audit' });
    expect(all.ok).toBe(true);
    const entries = all.data.entries as Array<{ at: number; entity: string }>;
    expect(entries.length).toBe(20);
    for (let i = 1; i < entries.length; i++) expect(entries[i - 1].at).toBeGreaterThanOrEqual(entries[i].at);
    expect(all.data.nextCursor).toEqual(expect.any(Number));
    const next = await ops({ action: 'audit', cursor: all.data.nextCursor });
    const seen = new Set(entries.map((e: any) => e._id));
    expect((next.data.entries as Array<{ _id: string }>).some((e) => seen.has(e._id))).toBe(false);
    const products = (await ops({ action: 'audit', entity: 'product' })).data.entries as Array<{ entity: string }>;
    expect(products.every((e) => e.entity === 'product')).toBe(true);
    expect((await ops({ action: 'audit', entityId: 'prd_x' })).error?.code).toBe('INVALID_INPUT');
  });

  test('settings changes are in the same trail, before → after', async () => {
    const cur = (await s.call(OP, 'settings', { action: 'editor' })).data;
    // A cap below the custom top-up maximum and the ¥3000 plan is refused with the reason…
    const refused = await s.call(OP, 'settings', { action: 'update', settings: { ...cur.settings, namedBalanceCapFen: 200_000 }, expectedVersion: cur.version, requestId: s.rid('set') });
    expect(refused.error!.message).toContain('自定义充值 › 最高金额（分）：自定义充值上限不能超过实名储值余额上限');
    // …and a consistent change goes through, audited.
    const upd = await s.call(OP, 'settings', {
      action: 'update',
      settings: { ...cur.settings, namedBalanceCapFen: 200_000, topUpPlans: cur.settings.topUpPlans.slice(0, 2), customTopUp: { ...cur.settings.customTopUp, maxFen: 200_000 } },
      expectedVersion: cur.version,
      requestId: s.rid('set'),
    });
    expect(upd.ok).toBe(true);
    const [entry] = await auditOf('settings');
    expect(entry).toMatchObject({ action: 'settings.update', by: OP, entityId: 'global', before: { namedBalanceCapFen: 500_000 }, after: { namedBalanceCapFen: 200_000 } });
    expect([...entry.changed].sort()).toEqual(['customTopUp', 'namedBalanceCapFen', 'topUpPlans']);
    expect(entry.summary).toMatch(new RegExp(`^修改设置（第 ${cur.version + 1} 版）：`));
    for (const label of ['自定义充值', '实名储值余额上限', '充值方案']) expect(entry.summary).toContain(label);
    const again = (await s.call(OP, 'settings', { action: 'editor' })).data;
    expect((await s.call(OP, 'settings', { action: 'update', settings: cur.settings, expectedVersion: again.version, requestId: s.rid('set') })).ok).toBe(true);
  });
});
