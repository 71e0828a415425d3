import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * The operator back office end to end in the H5 build against the real local server (same cloud
 * functions, emulator storage and WeChat Pay simulator as `npm start`): op_admin creates a product
 * with a member price and a photo (uploaded to the emulator's cloud storage through the browser's
 * file picker) → a member sees it at the member price and buys it for delivery (快递到家) → op_admin
 * ships it in 订单发货 → the customer's order shows 已发货 with the tracking number. Along the way:
 * field errors before saving, FORBIDDEN for a customer, the settings and audit screens.
 */
jest.setTimeout(300_000);

let store: LocalServer;
let browser: Browser;
beforeAll(async () => {
  store = await startStore();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await store?.close();
});

const as = (page: Page, openid: string, hash: string) => openAs(page, store.url, openid, hash);

/** A real, decodable PNG (the browser's picker previews it; the server sniffs its bytes). */
function pngBytes(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      // A soft diagonal band, so the preview visibly is the picture.
      const shade = (x + y) % 16 < 8 ? 1 : 0.85;
      row[1 + x * 3] = Math.round(rgb[0] * shade);
      row[2 + x * 3] = Math.round(rgb[1] * shade);
      row[3 + x * 3] = Math.round(rgb[2] * shade);
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

test('operator creates a product with a member price and a photo → a member buys it for delivery → operator ships it → customer sees 已发货', async () => {
  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  await page.goto(store.url + '/');
  await page.locator('#dev-login').waitFor();

  // A customer is refused the back office.
  await as(page, 'cust_ops', '/packages/ops/home/index');
  await app.waitForText('#ops-forbidden', '仅运营人员可访问此页面');
  await as(page, 'cust_ops', '/packages/ops/products/index');
  await app.waitForText('#ops-forbidden', '仅运营人员可访问此页面');
  await app.shot('ops-01-forbidden.png');

  // op_admin: 我的 → 运营后台 → 商品管理 → 新建商品.
  await as(page, 'op_admin', '/pages/me/index');
  await app.tap('#menu-ops-home');
  await app.waitForText('#ops-home-role', '店主');
  await app.shot('ops-02-home.png');
  await app.tap('#ops-home-products');
  await app.visible('#ops-products').waitFor();
  await app.tap('#ops-product-new');
  await app.visible('#product-form').waitFor();
  await app.visible('#pf-name-input input').fill('玫瑰焕亮精华油 30ml');
  await app.visible('#pf-description-input textarea').fill('大马士革玫瑰精油复配，夜间修护，一周见光泽。');
  await app.visible('#pf-category-input input').fill('护肤');
  await app.visible('#pf-price-input input').fill('399');
  await app.visible('#pf-memberPrice-input input').fill('499');
  await app.visible('#pf-cost-input input').fill('80');
  await app.visible('#pf-floor-input input').fill('200');
  // Checked before sending: the member price may not exceed the list price.
  await app.tap('#pf-save');
  await app.waitForText('#pf-member-price-error', '会员价（¥499.00）不能高于原价（¥399.00）');
  await app.shot('ops-03-product-field-error.png', '#pf-member-price');
  await app.visible('#pf-memberPrice-input input').fill('299');
  await page.locator('#pf-member-price-error').waitFor({ state: 'detached' });

  // A photo through the browser's file picker (Taro's chooseMedia uses an <input type=file>):
  // ticket → PUT to the emulator's storage → registerImage (the server sniffs the bytes).
  const chooser = page.waitForEvent('filechooser');
  await app.tap('#pf-image-add');
  await (await chooser).setFiles({ name: 'rose.png', mimeType: 'image/png', buffer: pngBytes(96, 96, [214, 120, 140]) });
  await app.visible('#pf-image-0 img').waitFor();
  expect(await page.locator('#pf-image-error').count()).toBe(0);
  const preview = await app.visible('#pf-image-0 img').getAttribute('src');
  expect(preview).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/tcb\/files\//);
  await app.shot('ops-04-product-form-image.png', '#pf-images');

  await app.tap('#pf-save');
  await app.waitForText('#pf-notice', '已创建商品「玫瑰焕亮精华油 30ml」');
  const productId = /prd_[A-Za-z0-9_-]+/.exec(await app.text('#pf-meta'))![0];
  await app.shot('ops-05-product-created.png', '#pf-notice');

  // The product list shows it with both prices and its cover.
  await page.goBack();
  await app.waitForText(`#ops-product-${productId}-prices`, '原价 ¥399 · 会员价 ¥299');
  await app.visible(`#ops-product-${productId}-cover`).waitFor();
  await app.shot('ops-06-product-list.png', `#ops-product-${productId}`);

  // A member: buy the membership through the pay sheet first.
  await as(page, 'cust_ops', '/pages/member/index');
  await app.waitForText('#member-status', '您还不是会员');
  await app.tap('#buy-annual');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.waitForText('#member-status', '会员生效中');

  // Home: the new product, with its photo; for a member the member price leads.
  await app.tab('首页');
  await app.waitForText(`#product-${productId}-price`, '¥299');
  await app.waitForText(`#product-${productId}`, '会员价');
  await app.visible(`#product-${productId}-img`).waitFor();
  await app.shot('ops-07-home-new-product.png', `#product-${productId}`);

  // Checkout at the member price, delivered to an address, paid with WeChat Pay.
  await app.tap(`#product-${productId}`);
  await app.tap('#product-buy-now');
  await app.waitForText('#member-price-applied', '会员价已生效，每件省 ¥100');
  expect(await app.text('#checkout-total')).toBe('¥299');
  await app.tap('#delivery-method-address');
  await app.tap('#checkout-submit');
  await app.waitForText('#checkout-refusal', '请填写收件人姓名');
  await app.visible('#delivery-name input').fill('王芳');
  await app.visible('#delivery-phone input').fill('13900000000');
  await app.visible('#delivery-address input').fill('上海市徐汇区漕溪北路 88 号 1201');
  await app.shot('ops-08-checkout-delivery.png', '#checkout-delivery');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  expect(await app.text('#pay-sheet-amount')).toBe('¥299.00');
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-paid-total')).toBe('¥299.00');
  await app.tap('#checkout-view-order');
  await app.waitForText('#order-fulfilment-state', '待发货');
  expect(await app.text('#order-delivery')).toBe('快递到家 · 王芳 139****0000 · 上海市徐汇区漕溪北路 88 号 1201');
  const orderId = /ord_[a-z0-9]+/.exec(page.url())![0];

  // op_admin ships it: 运营后台 → 订单发货 → 发货 (carrier from the list + tracking no.).
  await as(page, 'op_admin', '/packages/ops/home/index');
  // The dashboard counts it under 待发货 and today's orders; the to-do opens the list.
  await app.waitForText('#ops-dash-orders', '单');
  expect(Number(await app.text('#ops-todo-to-ship-count'))).toBeGreaterThanOrEqual(1);
  expect(Number((await app.text('#ops-dash-orders')).match(/(\d+) 单/)![1])).toBeGreaterThanOrEqual(1);
  expect(await app.text('#ops-dash-gmv')).toContain('¥');
  await app.shot('ops-08b-dashboard.png');
  await app.tap('#ops-todo-to-ship');
  const card = `#ops-order-${orderId}`;
  // No nickname on file: operators see the customer by the tail of the id.
  await app.waitForText(card, '尾号 _ops');
  const cardText = await app.text(card);
  for (const s of ['玫瑰焕亮精华油 30ml ×1', '¥299.00', '快递到家', '王芳 13900000000', '上海市徐汇区漕溪北路 88 号 1201', '待发货']) expect(cardText).toContain(s);
  await app.shot('ops-09-orders-to-ship.png', card);
  await app.tap(`#ship-${orderId}`);
  await app.waitForText('#ship-dialog', '寄给 王芳 13900000000');
  await app.tap('#ship-dialog-confirm');
  await app.waitForText('#ship-error', '请选择快递公司');
  await app.tap('#ship-carrier-SF');
  await app.visible('#ship-tracking input').fill('SF1357924680');
  await app.shot('ops-10-ship-dialog.png');
  await app.tap('#ship-dialog-confirm');
  await app.waitForText('#orders-notice', '已发货：「玫瑰焕亮精华油 30ml ×1」· 顺丰速运 SF1357924680');
  await app.tap('#orders-tab-shipped');
  await app.waitForText(`${card}-tracking`, '顺丰速运 SF1357924680');
  await app.waitForText(`${card}-upload`, '已上传');
  await app.shot('ops-11-orders-shipped.png', card);

  // The WeChat shipping-info upload went through: it is listed under 已上传.
  await as(page, 'op_admin', '/packages/ops/shipping-uploads/index');
  await app.tap('#uploads-tab-succeeded');
  await app.waitForText(`#ops-upload-${orderId}-state`, '已上传');
  await app.shot('ops-12-shipping-uploads.png');

  // The audit trail: the product creation and the shipment, with before → after.
  await as(page, 'op_admin', '/packages/ops/audit/index');
  await app.visible('#audit-list').waitFor();
  const audit = await app.text('#audit-list');
  for (const s of ['订单发货', '新建商品', '上传图片', '操作人：演示店主']) expect(audit).toContain(s);
  expect(audit).toContain('已发货 · 顺丰速运 · SF1357924680');
  // Words from shared/labels, never the keys, codes or ids behind them.
  for (const raw of ['op_admin', 'prd_', 'regular', 'priceFen', 'image/']) expect(audit).not.toContain(raw);
  await app.shot('ops-13-audit.png');

  // Settings: one screen per area; an invalid draft is refused before sending.
  await as(page, 'op_admin', '/packages/ops/settings/index');
  await app.waitForText('#settings-version', '当前第');
  expect(await app.text('#settings-version')).toMatch(/修改人：(演示数据初始化|演示店主)/);
  await app.shot('ops-14-settings.png');
  await app.tap('#settings-area-lifecycle');
  await app.visible('#set-lifecycleDays-silent-input input').fill('10');
  await app.tap('#settings-save');
  await app.waitForText('#settings-issues', '活跃 < 沉默 < 沉睡');
  await app.shot('ops-15-settings-invalid.png');
  // Another area: membership plans with their gift pack, amounts in yuan.
  await as(page, 'op_admin', '/packages/ops/settings-area/index?area=membership');
  await app.visible('#set-membershipPlans-0-priceFen-input input').waitFor();
  expect(await app.visible('#set-membershipPlans-0-priceFen-input input').inputValue()).toBe('1000');
  expect(await app.visible('#set-membershipPlans-0-giftPack-valueFen-input input').inputValue()).toBe('1500');
  // Plan and pack ids are generated and shown read-only after the plan's name: no field to type one.
  expect(await app.text('#set-membershipPlans-0-id-value')).toContain('自动生成，不可修改');
  expect(await page.locator('#set-membershipPlans-0-id-input').count()).toBe(0);
  await app.shot('ops-15b-settings-membership.png');

  // The customer sees it shipped, with the tracking number, in the order and in the list.
  await as(page, 'cust_ops', `/packages/orders/detail/index?orderId=${orderId}`);
  await app.waitForText('#order-fulfilment-state', '已发货');
  expect(await app.text('#order-tracking')).toBe('顺丰速运 SF1357924680');
  await app.shot('ops-16-customer-shipped.png', '#order-fulfilment');
  await as(page, 'cust_ops', '/packages/orders/list/index');
  await app.waitForText(`#order-${orderId}-fulfilment`, '已发货 · 顺丰速运 SF1357924680');
  await app.shot('ops-17-customer-order-list.png');
  expect(errors).toEqual([]);
});
