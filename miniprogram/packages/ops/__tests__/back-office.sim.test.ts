import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { settled, untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 运营后台 (packages/ops) in the WEAPP BUILD under simulate, with the fake cloud behind wx.cloud:
 * every page refuses customers, the home and 我的 entries, the product form (field errors, create,
 * CONFLICT → 重新加载), 订单发货 (ship dialog), 发货信息上传 (重试), a settings area whose invalid
 * draft is never sent, and 操作记录 showing before → after.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const settle = () => settled(env.bridge, () => textOf(page));
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const type = (sel: string, value: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('input', { detail: { value } });
};
const until = untilText(text);

function open(path: string, query: Record<string, string> = {}) {
  page?.detach();
  page = env.app.openPage(path, query);
}

const address = { method: 'address' as const, name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' };

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index', { pageSize: 5 });
});
afterAll(() => page?.detach());

test('a customer is told every back-office page is for operators, in Chinese', async () => {
  const pages: Array<[string, Record<string, string>?]> = [
    ['packages/ops/home/index'],
    ['packages/ops/products/index'],
    ['packages/ops/product-edit/index', { productId: 'prd_serum' }],
    ['packages/ops/orders/index'],
    ['packages/ops/shipping-uploads/index'],
    ['packages/ops/settings/index'],
    ['packages/ops/settings-area/index', { area: 'limits' }],
    ['packages/ops/audit/index'],
  ];
  for (const [path, query] of pages) {
    open(path, query);
    await until('#ops-forbidden', '仅运营人员可访问此页面');
    expect(text('#ops-forbidden')).not.toContain('FORBIDDEN');
  }
  open('pages/me/index');
  await waitFor(() => $('#menu-orders'), 'the 我的 menu');
  await settle();
  expect($('#menu-ops-home')).toBeUndefined();
});

test('operator: 我的 shows 运营后台 (and 礼品发货 still); the home lists every area', async () => {
  env.cloud.state.role = { operator: true, owner: true };
  open('pages/me/index');
  await until('#menu-ops-home', '运营后台');
  expect(text('#menu-ops-gift-claims')).toContain('礼品发货');
  open('packages/ops/home/index');
  await until('#ops-home-role', '店主');
  for (const [id, label] of [
    ['#ops-home-products', '商品管理'],
    ['#ops-home-orders', '订单发货'],
    ['#ops-home-uploads', '发货信息上传'],
    ['#ops-home-gift-claims', '礼品发货'],
    ['#ops-home-settings', '设置'],
    ['#ops-home-audit', '操作记录'],
  ]) {
    expect(text(id)).toContain(label);
  }
});

test('新建商品: problems shown next to their fields; fixed, it is created and listed', async () => {
  open('packages/ops/product-edit/index');
  await waitFor(() => $('#pf-save'), 'the empty form');
  expect(text('#pf-save')).toBe('创建商品');
  type('#pf-name-input', '玫瑰精油 10ml');
  type('#pf-category-input', '护肤');
  type('#pf-price-input', '100');
  type('#pf-memberPrice-input', '120');
  type('#pf-floor-input', '12.345');
  tap('#pf-save');
  await until('#pf-member-price-error', '会员价（¥120.00）不能高于原价（¥100.00）');
  expect(text('#pf-floor-error')).toBe('请输入金额（元），最多两位小数，如 12.80');
  expect(text('#pf-form-error')).toContain('有 2 处需要修改');
  expect(env.callsOf('ops.saveProduct')).toHaveLength(0);

  type('#pf-memberPrice-input', '88');
  type('#pf-floor-input', '60');
  await waitFor(() => !$('#pf-member-price-error') && !$('#pf-floor-error'), 'the errors to clear on typing');
  tap('#pf-stock-tick');
  await waitFor(() => $('#pf-stock-input'), 'the stock input');
  type('#pf-stock-input', '30');
  tap('#pf-save');
  await until('#pf-notice', '已创建商品「玫瑰精油 10ml」');
  expect(text('#pf-warnings')).toContain('还没有商品图片');
  await until('#pf-meta', '第 1 版');
  const created = [...env.cloud.ops.state.products.values()].find((p) => p.name === '玫瑰精油 10ml')!;
  expect(created).toMatchObject({ priceFen: 10_000, memberPriceFen: 8_800, floorFen: 6_000, stock: 30, status: 'active' });
  expect(text('#pf-save')).toBe('保存修改');

  open('packages/ops/products/index');
  await until(`#ops-product-${created._id}`, '玫瑰精油 10ml');
  expect(text(`#ops-product-${created._id}-prices`)).toBe('原价 ¥100 · 会员价 ¥88');
  expect(text(`#ops-product-${created._id}`)).toContain('库存 30 件');
});

test('添加图片 on WeChat: chooseMedia → ticket → wx.cloud.uploadFile → registerImage; preview, 设为封面, 删除', async () => {
  open('packages/ops/product-edit/index', { productId: 'prd_mask' });
  await until('#pf-meta', 'prd_mask');
  env.picker.picks = [
    [
      { tempFilePath: 'wxfile://tmp_mask_front.jpg', size: 180_000 },
      { tempFilePath: 'wxfile://tmp_mask_back.png', size: 3_500_000 },
    ],
  ];
  tap('#pf-image-add');
  await waitFor(() => $('#pf-image-0'), 'the uploaded image');
  // The 3.5 MB PNG never left the phone; the JPEG went through every step, in order.
  await until('#pf-image-error', '图片过大（3.3 MB），最大 2.0 MB');
  expect(env.bridge.uploads).toEqual([{ cloudPath: expect.stringMatching(/^products\/\d{6}\/img_\w+\.jpg$/), filePath: 'wxfile://tmp_mask_front.jpg' }]);
  const fileID = `cloud://sim-env.bucket/${env.bridge.uploads[0].cloudPath}`;
  expect(env.callsOf('ops.imageUploadTicket')).toEqual([{ action: 'imageUploadTicket', contentType: 'image/jpeg', size: 180_000 }]);
  expect(env.callsOf('ops.registerImage')).toEqual([{ action: 'registerImage', fileID, requestId: expect.stringMatching(/^img_/) }]);
  const keys = env.bridge.calls.map((c) => String(c.data.action)).filter((a) => a === 'imageUploadTicket' || a === 'registerImage');
  expect(keys).toEqual(['imageUploadTicket', 'registerImage']);
  expect(text('#pf-image-0')).toContain('封面');

  env.picker.picks = [[{ tempFilePath: 'wxfile://tmp_mask_side.png', size: 90_000 }]];
  tap('#pf-image-add');
  await waitFor(() => $('#pf-image-1'), 'the second image');
  tap('#pf-image-1-cover');
  await until('#pf-notice', '已设为封面，保存后生效。');
  tap('#pf-image-1-remove');
  await waitFor(() => !$('#pf-image-1'), 'the removed image');
  tap('#pf-save');
  await until('#pf-notice', '已保存「深层补水面膜（10 片）」的修改（第 1 版）');
  const saved = env.cloud.ops.state.products.get('prd_mask')!;
  expect(saved.images).toHaveLength(1);
  expect(saved.images[0]).toMatch(/\.png$/);
});

test('编辑 with someone else saving first: CONFLICT says so and 重新加载 shows their version', async () => {
  open('packages/ops/product-edit/index', { productId: 'prd_cream' });
  await until('#pf-meta', 'prd_cream');
  env.cloud.ops.touchProduct('prd_cream', { priceFen: 45_800 });
  type('#pf-price-input', '438');
  tap('#pf-save');
  await until('#pf-form-error', '已被其他运营人员修改');
  tap('#pf-reload');
  await until('#pf-meta', '第 1 版');
  await waitFor(() => !$('#pf-form-error'), 'the conflict to clear');
  type('#pf-memberPrice-input', '358');
  tap('#pf-save');
  await until('#pf-notice', '已保存「屏障修护面霜 50g」的修改（第 2 版）');
  expect(env.cloud.ops.state.products.get('prd_cream')).toMatchObject({ priceFen: 45_800, memberPriceFen: 35_800, revision: 2 });
});

test('下架 after a confirm; 已下架 lists it with 重新上架', async () => {
  open('packages/ops/products/index');
  await waitFor(() => $('#ops-product-prd_tea'), 'the tea');
  tap('#ops-product-prd_tea-archive');
  await until('#ops-archive-dialog', '下架「花草茶礼盒」？');
  tap('#ops-archive-dialog-confirm');
  await until('#ops-products-notice', '已下架「花草茶礼盒」');
  await waitFor(() => !$('#ops-product-prd_tea'), 'the tea to leave 在售');
  tap('#ops-products-tab-archived');
  await waitFor(() => $('#ops-product-prd_tea-restore'), 'the tea under 已下架');
  tap('#ops-product-prd_tea-restore');
  await until('#ops-products-notice', '已重新上架「花草茶礼盒」。');
});

test('订单发货: the dialog checks carrier and tracking number; shipped orders move to 已发货; a failed upload is retried', async () => {
  const id = env.cloud.addPaidOrder({ openid: 'cust_a', delivery: address });
  // cust_b chose a nickname (头像昵称); cust_a did not.
  env.cloud.state.displays.set('cust_b', { nickname: '李四的昵称', consentAt: 1, updatedAt: 1 });
  const pickup = env.cloud.addPaidOrder({ openid: 'cust_b', productId: 'prd_mask', delivery: { method: 'pickup', name: '李四', phone: '13900001111' } });
  env.cloud.ops.state.uploadError = 'TIMEOUT: 微信接口超时';
  open('packages/ops/orders/index');
  await waitFor(() => $(`#ops-order-${id}`), 'the order to ship');
  const card = text(`#ops-order-${id}`);
  expect(text(`#ops-order-${id}-customer-name`)).toBe('顾客（尾号 st_a）');
  expect(text(`#ops-order-${pickup}-customer-name`)).toBe('李四的昵称');
  expect(text(`#ops-order-${pickup}-customer-hint`)).toBe('尾号 st_b');
  for (const s of ['屏障修护面霜 50g ×1', '快递到家', '张三 13800138000', '上海市静安区南京西路 1 号 12 楼', '待发货', '微信支付']) expect(card).toContain(s);
  expect(text(`#ops-order-${pickup}-delivery`)).toBe('到店自提 · 李四 13900001111');
  expect($(`#pickup-${id}`)).toBeUndefined();
  expect($(`#ship-${pickup}`)).toBeUndefined();

  tap(`#ship-${id}`);
  await until('#ship-dialog', '寄给 张三 13800138000');
  tap('#ship-dialog-confirm');
  await until('#ship-error', '请选择快递公司。');
  tap('#ship-carrier-SF');
  await waitFor(() => $('#ship-carrier-SF')!.dom.className.includes('ops-chip--on'), 'the carrier chip');
  type('#ship-tracking', 'SF 1234 5678 90');
  tap('#ship-dialog-confirm');
  await until('#orders-notice', '已发货：「屏障修护面霜 50g ×1」· 顺丰速运 SF1234567890');
  expect(text('#orders-notice')).toContain('微信发货信息上传失败（TIMEOUT: 微信接口超时）');
  expect(env.callsOf('ops.shipOrder')).toEqual([{ action: 'shipOrder', orderId: id, carrier: 'SF', trackingNo: 'SF1234567890', requestId: expect.stringMatching(/^ship_/) }]);
  await waitFor(() => !$(`#ops-order-${id}`), 'the shipped order to leave 待发货');

  tap(`#pickup-${pickup}`);
  await until('#pickup-dialog', '深层补水面膜（10 片） ×1');
  tap('#pickup-dialog-confirm');
  await until('#orders-notice', '已确认自提');

  tap('#orders-tab-shipped');
  await waitFor(() => $(`#ops-order-${id}-tracking`), 'the order under 已发货');
  expect(text(`#ops-order-${id}-tracking`)).toBe('顺丰速运 SF1234567890');
  expect(text(`#ops-order-${id}-upload`)).toBe('上传失败：TIMEOUT: 微信接口超时');

  open('packages/ops/shipping-uploads/index');
  await until(`#ops-upload-${id}-error`, 'TIMEOUT: 微信接口超时');
  expect(text(`#ops-upload-${id}-state`)).toBe('上传失败');
  expect(text(`#ops-upload-${id}-customer-name`)).toBe('顾客（尾号 st_a）');
  expect(text(`#ops-upload-${id}-next`)).toBe('自动重试已停止，请检查原因后点「重试」');
  env.cloud.ops.state.uploadError = undefined;
  tap(`#retry-${id}`);
  await until('#uploads-notice', `订单 ${id} 的发货信息已上传到微信。`);
  await waitFor(() => !$(`#ops-upload-${id}`), 'the upload to leave 上传失败');
  tap('#uploads-tab-succeeded');
  await until(`#ops-upload-${id}-state`, '已上传');
  expect(env.callsOf('ops.retryShippingUpload')).toEqual([{ action: 'retryShippingUpload', orderId: id, requestId: expect.stringMatching(/^retry_/) }]);
});

test('设置 · 生命周期: an invalid draft is never sent and says why in Chinese; a valid one is saved with its version', async () => {
  open('packages/ops/settings/index');
  await until('#settings-version', '当前第 0 版');
  expect(text('#settings-area-lifecycle')).toContain('活跃 30 天 · 沉默 90 天 · 沉睡 180 天');
  expect(text('#settings-area-staff')).toContain('运营人员');

  open('packages/ops/settings-area/index', { area: 'lifecycle' });
  await waitFor(() => $('#set-lifecycleDays-silent-input'), 'the lifecycle fields');
  type('#set-lifecycleDays-silent-input', '20');
  tap('#settings-save');
  await until('#settings-issues', '生命周期天数必须满足 活跃 < 沉默 < 沉睡');
  expect(text('#settings-notice')).toContain('设置有误，未保存');
  expect(env.callsOf('settings.update')).toHaveLength(0);

  type('#set-lifecycleDays-silent-input', '6o');
  await until('#set-lifecycleDays-silent-error', '请输入整数');
  type('#set-lifecycleDays-silent-input', '60');
  tap('#settings-save');
  await until('#settings-notice', '已保存「生命周期」（第 1 版）');
  expect(text('#settings-notice')).toContain('只对之后的新订单生效');
  const [sent] = env.callsOf('settings.update');
  expect(sent).toMatchObject({ expectedVersion: 0, settings: { lifecycleDays: { active: 30, silent: 60, sleeping: 180 } } });
});

test('操作记录: who, when, and before → after of what changed; 加载更多; filter by kind', async () => {
  open('packages/ops/audit/index');
  await waitFor(() => $('#audit-list'), 'the audit list');
  // Five per page here (pageSize 5), newest first: the settings change is on the first page.
  const settings = env.cloud.ops.state.audit.find((e) => e.action === 'settings.update')!;
  await until(`#audit-${settings._id}-diff`, '生命周期天数 › 沉默');
  expect(text(`#audit-${settings._id}-diff`)).toContain('90 → 60');
  expect(text(`#audit-${settings._id}-who`)).toBe('操作人：运营人员（尾号 _sim）');
  expect(text(`#audit-${settings._id}`)).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(page!.querySelectorAll('.ops-audit')).toHaveLength(5);
  tap('#audit-more');
  await waitFor(() => page!.querySelectorAll('.ops-audit').length === Math.min(10, env.cloud.ops.state.audit.length), 'the second page');
  expect(env.callsOf('ops.audit').at(-1)).toEqual({ action: 'audit', cursor: 5 });

  tap('#audit-filter-product');
  await waitFor(() => !$(`#audit-${settings._id}`), 'the settings entry to leave the product filter');
  const cream = env.cloud.ops.state.audit.find((e) => e.entityId === 'prd_cream' && e.action === 'product.update')!;
  await until(`#audit-${cream._id}-diff`, '会员价');
  expect(text(`#audit-${cream._id}-diff`)).toContain('¥368.00 → ¥358.00');
  expect(page!.querySelectorAll('.ops-audit').every((n) => textOf(n).startsWith('商品'))).toBe(true);
  expect(env.callsOf('ops.audit').at(-1)).toEqual({ action: 'audit', entity: 'product' });
});
