import { defaultSettings } from '@shared/settings';
import { FakeMedia, FakeUpload, servicesOver } from '../../../__tests__/support/fake-services';
import { FAKE_FILE_PREFIX } from '../../../__tests__/support/ops-cloud';
import { moneyCloud, type MoneyCloud } from '../../../__tests__/support/money-cloud';
import { RootStore } from '../../../stores/root-store';
import { auditDiff } from '../format/audit-diff';
import { checkProductForm, emptyProductForm, type ProductForm } from '../format/product-form';
import { fromShanghai, shanghaiParts } from '../format/datetime';
import { backOfficeOf } from '../stores/back-office';
import { checkOrderShipForm } from '../stores/ship-form';

/**
 * The back-office stores (ops subpackage) over the real service modules and the fake cloud
 * (support/money-cloud.ts + ops-cloud.ts); the photo picker and the storage upload primitive are
 * faked at the service level (FakeMedia, FakeUpload).
 */
function setup(opts: { operator?: boolean; owner?: boolean; pageSize?: number } = {}) {
  const cloud: MoneyCloud = moneyCloud({ pageSize: opts.pageSize });
  cloud.state.role = { operator: opts.operator ?? true, owner: opts.owner ?? true };
  const calls: Array<{ name: string; data: Record<string, unknown> }> = [];
  const backend = async (name: string, data: Record<string, unknown>) => {
    calls.push({ name, data });
    return cloud.backend(name, data);
  };
  const upload = new FakeUpload();
  // What storage holds after an upload: the ticket's file, with the picked size.
  upload.onUpload = (target) => cloud.ops.storeFile(`${FAKE_FILE_PREFIX}${target.cloudPath}`, target.cloudPath.endsWith('.png') ? 'image/png' : 'image/jpeg', 120_000);
  const media = new FakeMedia();
  const root = new RootStore(servicesOver(backend, { upload: upload.upload, media }));
  const bo = backOfficeOf(root);
  const callsOf = (key: string) => calls.filter((c) => `${c.name}.${String(c.data.action)}` === key).map((c) => c.data);
  const order = () => calls.map((c) => `${c.name}.${String(c.data.action)}`);
  return { cloud, root, bo, upload, media, callsOf, order };
}

const NOW = Date.UTC(2026, 4, 20, 2, 0); // 2026-05-20 10:00 Shanghai
const form = (f: Partial<ProductForm>): ProductForm => ({ ...emptyProductForm(), name: '玫瑰精油 10ml', category: '护肤', price: '199', ...f });

describe('product form (client-side check with the server rules)', () => {
  test('every problem lands on its field, in Chinese', () => {
    const r = checkProductForm(form({ name: '  ', price: '12.345', memberPrice: 'abc', sort: '1.5', refundWindowDays: '-1', stockTracked: true, stock: '' }), { now: NOW });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.priceFen).toBe('请输入金额（元），最多两位小数，如 12.80');
    expect(r.errors.memberPriceFen).toBe('请输入金额（元），最多两位小数，如 12.80');
    expect(r.errors.sort).toBe('排序须为整数，数字小的排在前面');
    expect(r.errors.refundWindowDays).toBe('请填写 0–365 的整数天数；留空则按店铺默认');
    expect(r.errors.stock).toBe('请填写库存件数（0 或正整数），或取消「限量库存」');
    expect(r.errors.name).toBe('请填写商品名称');
  });

  test('catalog rules: member price above list, floor above the selling price, trial without its full product, a window in the past', () => {
    const a = checkProductForm(form({ price: '100', memberPrice: '120', floor: '130' }), { now: NOW });
    expect(a.ok || a.errors).toEqual({ memberPriceFen: '会员价（¥120.00）不能高于原价（¥100.00）', floorFen: '最低成交价（¥130.00）不能高于原价（¥100.00）' });
    const b = checkProductForm(form({ kind: 'trial' }), { now: NOW });
    expect(b.ok || b.errors.fullProductId).toBe('体验装必须关联一个正装商品');
    const c = checkProductForm(form({ earlyAccessUntil: NOW - 60_000 }), { now: NOW });
    expect(c.ok || c.errors.memberEarlyAccessUntil).toBe('会员抢先购截止时间（2026-05-20 09:59）必须晚于现在');
  });

  test('a valid form becomes the ProductInput in fen (nulls for what is not set)', () => {
    const r = checkProductForm(form({ price: '688', memberPrice: '588.5', cost: '180', floor: '400', sort: '7', stockTracked: true, stock: '12' }), { now: NOW });
    expect(r).toEqual({
      ok: true,
      stock: 12,
      input: {
        name: '玫瑰精油 10ml',
        description: '',
        kind: 'regular',
        category: '护肤',
        images: [],
        priceFen: 68_800,
        memberPriceFen: 58_850,
        costFen: 18_000,
        floorFen: 40_000,
        fullProductId: null,
        memberEarlyAccessUntil: null,
        refundWindowDays: null,
        physical: true,
        sort: 7,
      },
    });
  });

  test('Shanghai date/time pickers ↔ epoch ms', () => {
    expect(fromShanghai('2026-06-01', '10:00')).toBe(Date.UTC(2026, 5, 1, 2, 0));
    expect(shanghaiParts(Date.UTC(2026, 5, 1, 2, 0))).toEqual({ date: '2026-06-01', time: '10:00' });
    expect(fromShanghai('2026-13-01', '10:00')).toBeUndefined();
  });
});

describe('ProductEditorStore', () => {
  test('create: field errors block sending; a valid form is created once, listed, and then edited with its revision', async () => {
    const { bo, callsOf } = setup();
    const ed = bo.editor;
    await ed.open();
    await bo.products.read.ensureLoaded();
    ed.set('name', '玫瑰精油 10ml');
    ed.set('category', '护肤');
    ed.set('price', '199');
    ed.set('memberPrice', '299');
    expect(await ed.save()).toBe(false);
    expect(ed.errors.memberPriceFen).toBe('会员价（¥299.00）不能高于原价（¥199.00）');
    expect(ed.formError).toBe('有 1 处需要修改（已在对应项下方标出），修改后再保存。');
    expect(callsOf('ops.saveProduct')).toHaveLength(0);

    ed.set('memberPrice', '169');
    expect(ed.errors.memberPriceFen).toBeUndefined();
    ed.set('stockTracked', true);
    ed.set('stock', '20');
    expect(await ed.save()).toBe(true);
    const [create] = callsOf('ops.saveProduct');
    expect(create).not.toHaveProperty('productId');
    expect(create).not.toHaveProperty('expectedRevision');
    expect(create.product).toMatchObject({ name: '玫瑰精油 10ml', priceFen: 19_900, memberPriceFen: 16_900 });
    expect(String(create.requestId)).toMatch(/^prd_/);
    // Stock is its own action, after the product exists.
    expect(callsOf('ops.setStock')).toEqual([{ action: 'setStock', productId: ed.productId, stock: 20, requestId: expect.stringMatching(/^stock_/) }]);
    expect(ed.notice).toEqual({ tone: 'success', text: '已创建商品「玫瑰精油 10ml」，顾客现在可以在首页看到它。' });
    expect(ed.warnings).toEqual(['还没有商品图片，建议至少上传一张封面图']);
    expect(ed.isNew).toBe(false);
    expect(ed.original?.revision).toBe(1);
    expect(ed.form.stock).toBe('20');
    expect(bo.products.product(ed.productId!)?.stock).toBe(20);

    ed.set('price', '209');
    expect(await ed.save()).toBe(true);
    expect(callsOf('ops.saveProduct')[1]).toMatchObject({ productId: ed.productId, expectedRevision: 1, product: { priceFen: 20_900 } });
    expect(ed.notice?.text).toBe('已保存「玫瑰精油 10ml」的修改（第 2 版），只对之后的新订单生效。');
    expect(callsOf('ops.setStock')).toHaveLength(1); // unchanged stock is not sent again
  });

  test('CONFLICT: someone saved in between → told so with 重新加载; reload shows their version', async () => {
    const { bo, cloud, callsOf } = setup();
    const ed = bo.editor;
    await ed.open('prd_serum');
    expect(ed.form.price).toBe('688');
    expect(ed.form.memberPrice).toBe('588');
    cloud.ops.touchProduct('prd_serum', { priceFen: 69_800 });
    ed.set('memberPrice', '578');
    expect(await ed.save()).toBe(false);
    expect(ed.conflict).toEqual({ currentRevision: 1 });
    expect(ed.formError).toContain('已被其他运营人员修改（当前第 1 版，您编辑的是第 0 版）');
    expect(ed.formError).toContain('点「重新加载」查看对方保存的内容');
    expect(callsOf('ops.saveProduct')[0]).toMatchObject({ productId: 'prd_serum', expectedRevision: 0 });

    await ed.reload();
    expect(ed.conflict).toBeUndefined();
    expect(ed.form.price).toBe('698');
    expect(ed.form.memberPrice).toBe('588');
    expect(ed.original?.revision).toBe(1);
    expect(await ed.save()).toBe(true);
  });

  test("the server's INVALID_INPUT details go next to their fields", async () => {
    const { bo, cloud } = setup();
    const ed = bo.editor;
    await ed.open('prd_mask');
    // An image the server never registered (e.g. deleted meanwhile): only the server can know.
    ed.set('images', [{ fileID: `${FAKE_FILE_PREFIX}products/202605/gone.jpg`, url: '' }]);
    expect(await ed.save()).toBe(false);
    expect(ed.errors.images).toBe('商品图片 › 第 1 张：图片未通过校验或已失效，请重新上传');
    expect(ed.formError).toContain('商品信息有误');
    expect(cloud.ops.state.products.get('prd_mask')!.revision).toBe(0);
  });

  test('images: pick → ticket → upload → register, in that order; problems are explained and nothing bad is sent', async () => {
    const { bo, media, upload, callsOf, order } = setup();
    const ed = bo.editor;
    await ed.open();
    media.picks = [
      [
        { path: 'wxfile://tmp_a.jpg', size: 150_000, contentType: 'image/jpeg' },
        { path: 'wxfile://tmp_b.gif', size: 10_000, contentType: null },
        { path: 'wxfile://tmp_c.png', size: 3 * 1024 * 1024, contentType: 'image/png' },
      ],
    ];
    await ed.addImages();
    expect(media.calls).toEqual([9]);
    // Only the JPEG went anywhere: the GIF and the 3 MB PNG were refused on the phone.
    expect(callsOf('ops.imageUploadTicket')).toEqual([{ action: 'imageUploadTicket', contentType: 'image/jpeg', size: 150_000 }]);
    expect(upload.calls).toHaveLength(1);
    expect(upload.calls[0].filePath).toBe('wxfile://tmp_a.jpg');
    expect(upload.calls[0].target.upload.method).toBe('PUT');
    const fileID = `${FAKE_FILE_PREFIX}${upload.calls[0].target.cloudPath}`;
    expect(callsOf('ops.registerImage')).toEqual([{ action: 'registerImage', fileID, requestId: expect.stringMatching(/^img_/) }]);
    const steps = order().filter((k) => k.startsWith('ops.imageUploadTicket') || k.startsWith('ops.registerImage'));
    expect(steps).toEqual(['ops.imageUploadTicket', 'ops.registerImage']);
    expect(ed.form.images).toEqual([{ fileID, url: expect.stringMatching(/^https:\/\/sim\.tcb\//) }]);
    expect(ed.imageError).toBe('图片过大（3.0 MB），最大 2.0 MB，请压缩后重新上传。');

    // A failed upload is never registered.
    media.picks = [[{ path: 'wxfile://tmp_d.png', size: 90_000, contentType: 'image/png' }]];
    upload.results = [{ ok: false, message: '图片上传失败，请检查网络后重试。' }];
    await ed.addImages();
    expect(ed.imageError).toBe('图片上传失败，请检查网络后重试。');
    expect(callsOf('ops.registerImage')).toHaveLength(1);
    expect(ed.form.images).toHaveLength(1);

    // Cover first; remove.
    media.picks = [[{ path: 'wxfile://tmp_e.png', size: 90_000, contentType: 'image/png' }]];
    await ed.addImages();
    expect(ed.form.images).toHaveLength(2);
    const second = ed.form.images[1].fileID;
    ed.makeCover(1);
    expect(ed.form.images[0].fileID).toBe(second);
    ed.removeImage(1);
    expect(ed.form.images.map((i) => i.fileID)).toEqual([second]);

    // Saved with the registered image: accepted, cover first.
    ed.set('name', '新品 · 玫瑰精油');
    ed.set('category', '新品');
    ed.set('price', '199');
    expect(await ed.save()).toBe(true);
    expect(callsOf('ops.saveProduct')[0].product).toMatchObject({ images: [second] });
    expect(ed.warnings).toEqual([]);
  });

  test('trial: picks a full product from the regular ones on sale; archive refuses a full product with trials', async () => {
    const { bo, callsOf } = setup();
    await bo.products.read.load();
    const ed = bo.editor;
    await ed.open();
    expect(ed.fullProductChoices.map((p) => p._id)).not.toContain('prd_serum_trial');
    expect(ed.fullProductChoices.map((p) => p._id)).toContain('prd_serum');
    ed.set('name', '面霜 体验装 5g');
    ed.set('category', '体验装');
    ed.set('kind', 'trial');
    ed.set('price', '500');
    ed.set('fullProductId', 'prd_cream');
    expect(await ed.save()).toBe(false);
    expect(ed.errors.priceFen).toBe('体验装价格（¥500.00）必须低于正装「屏障修护面霜 50g」的价格（¥428.00）');
    ed.set('price', '29.9');
    expect(await ed.save()).toBe(true);
    expect(callsOf('ops.saveProduct')[0].product).toMatchObject({ kind: 'trial', fullProductId: 'prd_cream', priceFen: 2_990 });

    bo.products.openArchive('prd_serum');
    expect(await bo.products.confirmArchive()).toBe(false);
    expect(bo.products.notice?.text).toBe('「焕颜修护精华 50ml」是体验装 「焕颜修护精华 体验装 7ml」 的正装，请先下架这些体验装。');
    bo.products.openArchive('prd_tea');
    expect(await bo.products.confirmArchive()).toBe(true);
    expect(bo.products.product('prd_tea')?.status).toBe('archived');
    bo.products.setTab('archived');
    expect(bo.products.shown.map((p) => p._id)).toEqual(['prd_tea']);
    expect(await bo.products.restore('prd_tea')).toBe(true);
    expect(bo.products.notice?.text).toBe('已重新上架「花草茶礼盒」。');
  });
});

describe('OrderFulfilmentStore and ShippingUploadsStore', () => {
  const address = { method: 'address' as const, name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' };

  test('the ship form is checked before sending (carrier from the list, tracking number format)', () => {
    expect(checkOrderShipForm({ carrier: '', trackingNo: 'SF123456' })).toEqual({ ok: false, message: '请选择快递公司。' });
    expect(checkOrderShipForm({ carrier: 'SF', trackingNo: ' ' })).toEqual({ ok: false, message: '请填写运单号。' });
    expect(checkOrderShipForm({ carrier: 'SF', trackingNo: 'SF12' })).toEqual({ ok: false, message: '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。' });
    expect(checkOrderShipForm({ carrier: 'SF', trackingNo: 'SF 1234 5678' })).toEqual({ ok: true, carrier: 'SF', trackingNo: 'SF12345678' });
  });

  test('发货 moves the order out of 待发货; a failed WeChat upload is said and listed for 重试, which then succeeds', async () => {
    const { bo, cloud, callsOf } = setup();
    const shipped = cloud.addPaidOrder({ openid: 'cust_a', delivery: address });
    const pickup = cloud.addPaidOrder({ openid: 'cust_b', productId: 'prd_mask', delivery: { method: 'pickup' } });
    const o = bo.orders;
    await o.list.load();
    expect(o.list.items.map((x) => x.orderId).sort()).toEqual([shipped, pickup].sort());
    expect(o.canShip(o.item(shipped)!)).toBe(true);
    expect(o.canConfirmPickup(o.item(shipped)!)).toBe(false);
    expect(o.canShip(o.item(pickup)!)).toBe(false);

    cloud.ops.state.uploadError = '10060012: 微信发货信息接口暂不可用';
    o.openShip(shipped);
    expect(await o.submitShip()).toBe(false);
    expect(o.shipForm.error).toBe('请选择快递公司。');
    o.shipForm.setCarrier('SF');
    o.shipForm.setTracking('SF1234567890');
    expect(await o.submitShip()).toBe(true);
    expect(callsOf('ops.shipOrder')).toEqual([{ action: 'shipOrder', orderId: shipped, carrier: 'SF', trackingNo: 'SF1234567890', requestId: expect.stringMatching(/^ship_/) }]);
    expect(o.notice?.tone).toBe('error');
    expect(o.notice?.text).toBe('已发货：「屏障修护面霜 50g ×1」· 顺丰速运 SF1234567890。顾客可在订单详情中查看物流。 微信发货信息上传失败（10060012: 微信发货信息接口暂不可用），请到「发货信息上传」重试。');
    expect(o.list.items.map((x) => x.orderId)).toEqual([pickup]);

    o.openPickup(pickup);
    expect(await o.confirmPickup()).toBe(true);
    expect(o.notice).toEqual({ tone: 'success', text: '已确认自提：「深层补水面膜（10 片） ×1」。' });
    expect(o.list.isEmpty).toBe(true);

    o.setTab('shipped');
    await o.list.load();
    expect(o.list.items[0].fulfilment).toMatchObject({ state: 'shipped', label: '已发货', carrierName: '顺丰速运', trackingNo: 'SF1234567890' });

    const u = bo.uploads;
    await u.list.load();
    expect(u.tab).toBe('failed');
    const card = u.list.find(shipped)!;
    expect(card).toMatchObject({ state: 'failed', attempts: 1, lastError: '10060012: 微信发货信息接口暂不可用' });
    // Still failing: the card shows the new attempt.
    expect(await u.retry(shipped)).toBe(false);
    expect(u.notice?.text).toBe(`订单 ${shipped} 仍上传失败：10060012: 微信发货信息接口暂不可用。请检查后再试，或联系技术支持。`);
    expect(u.list.find(shipped)?.attempts).toBe(2);
    cloud.ops.state.uploadError = undefined;
    expect(await u.retry(shipped)).toBe(true);
    expect(u.notice).toEqual({ tone: 'success', text: `订单 ${shipped} 的发货信息已上传到微信。` });
    expect(u.list.find(shipped)).toBeUndefined();
    const retries = callsOf('ops.retryShippingUpload');
    expect(retries).toHaveLength(2);
    expect(retries[0].requestId).not.toBe(retries[1].requestId);
    u.setTab('succeeded');
    await u.list.load();
    expect(u.list.find(shipped)?.state).toBe('succeeded');
  });

  test('a lost reply: the retried 发货 reuses its request id', async () => {
    const { bo, cloud, callsOf } = setup();
    const id = cloud.addPaidOrder({ delivery: address });
    await bo.orders.list.load();
    bo.orders.openShip(id);
    bo.orders.shipForm.setCarrier('ZTO');
    bo.orders.shipForm.setTracking('ZT88990011');
    cloud.failNext('ops.shipOrder', 'INTERNAL', '网络异常，请检查网络后重试。');
    expect(await bo.orders.submitShip()).toBe(false);
    expect(bo.orders.shipForm.error).toBe('网络异常，请检查网络后重试。');
    expect(await bo.orders.submitShip()).toBe(true);
    const [a, b] = callsOf('ops.shipOrder');
    expect(a.requestId).toBe(b.requestId);
  });
});

describe('SettingsEditorStore', () => {
  test('a draft that breaks the schema is not sent; the problems are in Chinese next to their fields', async () => {
    const { bo, callsOf } = setup();
    const s = bo.settings;
    await s.open('lifecycle');
    expect(s.intText('lifecycleDays.silent')).toBe('90');
    s.setInt('lifecycleDays.silent', '20');
    expect(await s.save()).toBe(false);
    expect(callsOf('settings.update')).toHaveLength(0);
    expect(s.shownIssues[0].full).toBe('生命周期天数必须满足 活跃 < 沉默 < 沉睡');
    expect(s.notice?.text).toBe('设置有误，未保存（共 1 处，见下方提示）。请修改后再保存。');

    s.setInt('lifecycleDays.silent', 'abc');
    expect(s.fieldError('lifecycleDays.silent')).toBe('请输入整数');
    expect(await s.save()).toBe(false);
    expect(s.notice?.text).toBe('有输入不是有效的数字或金额（已在对应项下方标出），未保存。请修改后再保存。');
    expect(callsOf('settings.update')).toHaveLength(0);
  });

  test('amounts in yuan, saved whole with the version it is based on; CONFLICT offers reload', async () => {
    const { bo, cloud, callsOf } = setup();
    const s = bo.settings;
    await s.open('topup');
    expect(s.moneyText('topUpPlans.0.principalFen')).toBe('500');
    s.setMoney('topUpPlans.0.bonusFen', '50');
    s.addItem('topUpPlans', () => ({ id: 'topup-2000', principalFen: 200_000, bonusFen: 25_000, active: true }));
    expect(await s.save()).toBe(true);
    const [sent] = callsOf('settings.update');
    expect(sent.expectedVersion).toBe(0);
    expect(String(sent.requestId)).toMatch(/^set_/);
    const doc = sent.settings as ReturnType<typeof defaultSettings>;
    expect(doc.topUpPlans[0]).toEqual({ id: 'topup-500', principalFen: 50_000, bonusFen: 5_000, active: true });
    expect(doc.topUpPlans).toHaveLength(4);
    expect(doc.lifecycleDays).toEqual(defaultSettings().lifecycleDays); // the rest as it was
    expect(s.notice?.text).toBe('已保存「充值方案」（第 1 版）。新设置只对之后的新订单生效，已下的订单不受影响。');
    expect(cloud.ops.state.settings.topUpPlans[0].bonusFen).toBe(5_000);

    cloud.ops.bumpSettings();
    s.setMoney('customTopUp.minFen', '20');
    expect(await s.save()).toBe(false);
    expect(s.conflict).toEqual({ currentVersion: 2 });
    expect(s.notice?.text).toContain('点「重新加载」查看最新设置');
    await s.reload();
    expect(s.view?.version).toBe(2);
    expect(s.moneyText('customTopUp.minFen')).toBe('10');
  });

  test('money that is not money is caught per field; a removed plan does not leave stale text', async () => {
    const { bo } = setup();
    const s = bo.settings;
    await s.open('membership');
    s.setMoney('membershipPlans.0.priceFen', '12.345');
    expect(s.fieldError('membershipPlans.0.priceFen')).toBe('请输入金额（元），最多两位小数');
    s.setMoney('membershipPlans.0.priceFen', '888');
    expect(s.fieldError('membershipPlans.0.priceFen')).toBeUndefined();
    expect(s.value('membershipPlans.0.priceFen')).toBe(88_800);
    s.toggleObject('membershipPlans.0.giftPack', undefined);
    expect(s.value('membershipPlans.0.giftPack')).toBeUndefined();
    s.addItem('membershipPlans', () => ({ id: 'annual', name: '重复', priceFen: 1, termDays: 1, benefits: [], active: false }));
    expect(await s.save()).toBe(false);
    expect(s.shownIssues[0].full).toBe('会员方案编号重复：annual');
    s.removeItem('membershipPlans', 1);
    expect(await s.save()).toBe(true);
  });

  test('only owners change the staff lists; a non-owner does not get the screen to do it', async () => {
    const { bo } = setup({ owner: false });
    await bo.settings.open('staff');
    expect(bo.settings.isOwner).toBe(false);
    bo.settings.setLines('operators', 'op_admin\nop_new');
    expect(await bo.settings.save()).toBe(false);
    expect(bo.settings.notice?.text).toBe('只有店主可以修改运营人员名单。');
  });
});

describe('AuditStore and the diff', () => {
  test('entries newest first, filtered, paged; a change reads as label: before → after', async () => {
    const { bo, cloud } = setup({ pageSize: 2 });
    await bo.editor.open('prd_serum');
    bo.editor.set('memberPrice', '568');
    bo.editor.set('name', '焕颜修护精华 50ml（新）');
    await bo.editor.save();
    await bo.settings.open('limits');
    bo.settings.setInt('paymentTimeoutMinutes', '45');
    await bo.settings.save();
    cloud.ops.recordAudit('order', 'ord_x', 'order.ship', '订单发货', { fulfilment: { state: 'pending' } }, { fulfilment: { state: 'shipped', carrier: 'SF', carrierName: '顺丰速运', trackingNo: 'SF1' } }, 'req_aaaaaaaa');

    const a = bo.audit;
    a.filter(undefined);
    await a.list.load();
    expect(a.list.items.map((e) => e.action)).toEqual(['order.ship', 'settings.update']);
    expect(a.list.hasMore).toBe(true);
    await a.list.loadMore();
    expect(a.list.items.map((e) => e.action)).toEqual(['order.ship', 'settings.update', 'product.update']);

    const product = a.list.items[2];
    // In the form's order: name before prices.
    expect(auditDiff(product)).toEqual([
      { path: 'name', label: '商品名称', before: '焕颜修护精华 50ml', after: '焕颜修护精华 50ml（新）' },
      { path: 'memberPriceFen', label: '会员价', before: '¥588.00', after: '¥568.00' },
    ]);
    expect(auditDiff(a.list.items[1])).toEqual([{ path: 'paymentTimeoutMinutes', label: '支付超时（分钟）', before: '30', after: '45' }]);
    expect(auditDiff(a.list.items[0])).toEqual([{ path: 'fulfilment', label: '发货', before: '待发货', after: '已发货 · 顺丰速运 · SF1' }]);

    a.filter('product', 'prd_serum');
    await a.list.load();
    expect(a.list.items.map((e) => e.entityId)).toEqual(['prd_serum']);
  });

  test('a settings change deep in a list is named by where it is', () => {
    const before = defaultSettings();
    const after = { ...before, membershipPlans: [{ ...before.membershipPlans[0], priceFen: 88_800, giftPack: { ...before.membershipPlans[0].giftPack!, stock: 900 } }] };
    const rows = auditDiff({ _id: 'aud_1', entity: 'settings', entityId: 'settings', action: 'settings.update', by: 'op_admin', at: NOW, summary: '', changed: ['membershipPlans'], before, after, requestId: 'r' });
    expect(rows).toEqual([
      { path: 'membershipPlans.0.priceFen', label: '会员方案 › 第 1 项 › 价格', before: '¥1,000.00', after: '¥888.00' },
      { path: 'membershipPlans.0.giftPack.stock', label: '会员方案 › 第 1 项 › 入会礼包 › 库存', before: '1000', after: '900' },
    ]);
  });
});

describe('FORBIDDEN', () => {
  test('a customer gets FORBIDDEN from every back-office store, remembered for the page', async () => {
    const { bo } = setup({ operator: false, owner: false });
    await bo.products.read.load();
    expect(bo.products.read.forbidden).toBe(true);
    await bo.editor.open('prd_serum');
    expect(bo.editor.forbidden).toBe(true);
    await bo.orders.list.load();
    expect(bo.orders.list.forbidden).toBe(true);
    await bo.uploads.list.load();
    expect(bo.uploads.list.forbidden).toBe(true);
    await bo.audit.list.load();
    expect(bo.audit.list.forbidden).toBe(true);
    await bo.settings.load();
    expect(bo.settings.read.forbidden).toBe(true);
  });

  test('an account switch resets the back office', async () => {
    const { root, bo } = setup();
    await bo.products.read.load();
    expect(bo.products.read.loaded).toBe(true);
    root.signOutDev();
    expect(bo.products.read.loaded).toBe(false);
    expect(backOfficeOf(root)).toBe(bo);
  });
});
