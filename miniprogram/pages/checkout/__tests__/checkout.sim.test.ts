import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { settled, untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 确认订单 (checkout) in the WEAPP BUILD under miniprogram-simulate, with the money model behind
 * wx.cloud and a scripted WeChat cashier: prices shown, quantity, 微信支付 / 余额支付, the pay flow
 * (cashier → order confirmed by the server), and how refusals are rendered — the server's Chinese
 * message plus the matching next step.
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
const until = untilText(text);

/** A fresh checkout page for `productId` (the previous one is closed, as navigateBack would). */
async function openCheckout(productId: string, ready = '#checkout-price') {
  page?.detach();
  page = env.app.openPage('pages/checkout/index', { productId });
  await waitFor(() => $(ready), `${ready} on the checkout of ${productId}`);
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/index/index');
});
afterAll(() => page?.detach());

test('not a member: list price, member-price upsell, quantity changes the shown total', async () => {
  await openCheckout('prd_serum');
  await until('#checkout-total', '¥688');
  expect(text('#checkout-product')).toContain('焕颜修护精华 50ml');
  expect(text('#member-price-upsell')).toBe('开通会员享会员价 ¥588 ›');
  expect($('#member-price-applied')).toBeUndefined();
  tap('#qty-plus');
  await until('#qty-value', '2');
  expect(text('#checkout-total')).toBe('¥1,376');
  tap('#qty-minus');
  await until('#checkout-total', '¥688');
  tap('#qty-minus'); // never below 1
  await settle();
  expect(text('#qty-value')).toBe('1');
});

test('余额支付 with no balance: the server refusal is shown with 去充值 / 改用微信支付', async () => {
  tap('#pay-balance');
  await until('#pay-balance-detail', '可用余额 ¥0.00，余额不足');
  tap('#checkout-submit');
  await until('#checkout-refusal', '余额不足：需支付 ¥688.00，当前余额 ¥0.00。请充值或改用微信支付。');
  expect(text('#refusal-topup')).toBe('去充值');
  expect(text('#refusal-use-wechat')).toBe('改用微信支付');
  expect(text('#checkout-refusal')).not.toContain('INSUFFICIENT_BALANCE');
  tap('#refusal-use-wechat');
  await waitFor(() => !$('#checkout-refusal'), 'the refusal to clear');
  await waitFor(() => $('#pay-wechat')?.dom.className.includes('choice--on'), '微信支付 selected');
});

test('微信支付: closing the cashier keeps the order; paying it shows the server total', async () => {
  env.cashier.script = ['cancel'];
  tap('#checkout-submit');
  await until('#checkout-notice', '已取消支付，订单已为您保留');
  expect($('#checkout-success')).toBeUndefined();

  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥688.00');
  expect(text('#checkout-success')).toContain('已通过微信支付');
  expect($('#checkout-member-saved')).toBeUndefined();

  // One intent, one order: the same request id and the same prepay both times.
  const creates = env.callsOf('order.create');
  const wechat = creates.filter((d) => d.payWith === 'wechat');
  expect(wechat).toHaveLength(2);
  expect(wechat[0].requestId).toBe(wechat[1].requestId);
  // A physical product goes 到店自提 unless the customer picks 快递到家.
  expect(wechat[0]).toEqual({ action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'wechat', delivery: { method: 'pickup' }, requestId: expect.stringMatching(/^ord_/) });
  expect(env.cashier.requests.at(-1)!.package).toBe(env.cashier.requests.at(-2)!.package);
  // The server confirmed the payment before the page said so.
  expect(env.callsOf('order.get').length).toBeGreaterThan(0);
  expect($('#pay-sheet')).toBeUndefined();
});

test('member: member price applied at checkout and confirmed by the paid order', async () => {
  env.cloud.state.memberUntil = env.cloud.now() + 365 * 86_400_000;
  await openCheckout('prd_serum', '#member-price-applied');
  expect(text('#member-price-applied')).toBe('会员价已生效，每件省 ¥100');
  expect(text('#checkout-price')).toContain('¥688'); // struck-through list price
  expect(text('#checkout-total')).toBe('¥588');
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥588.00');
  expect(text('#checkout-member-saved')).toBe('已享会员价，节省 ¥100');
});

test('members-only window and a used trial: server messages with 开通会员 / 购买正装', async () => {
  env.cloud.state.memberUntil = undefined;
  await openCheckout('prd_essence_new');
  // Not a member: when the product opens to everyone, counted down from the render time.
  expect(text('#checkout-early')).toMatch(/^会员抢先购 · 还剩 1[34]天(\d+小时)? 对所有人开放$/);
  tap('#checkout-submit');
  await until('#checkout-refusal', '该商品目前仅限会员抢先购买，开通会员即可购买。');
  expect(text('#refusal-join')).toBe('开通会员');

  await openCheckout('prd_serum_trial');
  expect(text('#checkout-product')).toContain('体验装 · 每人限购一次');
  env.cloud.failNext('order.create', 'TRIAL_ALREADY_USED', '体验装每人限购一次，您已购买过，可直接购买正装。');
  tap('#checkout-submit');
  await until('#checkout-refusal', '体验装每人限购一次，您已购买过，可直接购买正装。');
  expect(text('#refusal-full')).toBe('购买正装');

  env.cloud.failNext('order.create', 'INVALID_INPUT', '');
  tap('#checkout-submit');
  await until('#checkout-refusal', '提交的信息有误，请检查后重试。');
});

test('an unknown product says so and offers the way back', async () => {
  await openCheckout('prd_gone', '#checkout-missing');
  expect(text('#checkout-missing')).toContain('商品不存在或已下架，请返回首页重新选择。');
  expect(env.callsOf('order.create').filter((d) => JSON.stringify(d).includes('prd_gone'))).toHaveLength(0);
});

test('members see 会员专享抢先购 and can buy inside the window', async () => {
  env.cloud.state.memberUntil = env.cloud.now() + 365 * 86_400_000;
  await openCheckout('prd_essence_new');
  await until('#checkout-early', '会员专享抢先购');
  expect(text('#checkout-early')).toBe('会员专享抢先购');
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥298.00');
  env.cloud.state.memberUntil = undefined;
});

test('a trial bought before: 已购买过 with the full product offered instead; nothing is sent', async () => {
  await openCheckout('prd_course_trial');
  expect($('#trial-used')).toBeUndefined();
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the trial paid');
  expect(text('#checkout-paid-total')).toBe('¥18.00');

  await openCheckout('prd_course_trial', '#trial-used');
  expect(text('#trial-used')).toContain('您已购买过该体验装');
  expect(text('#trial-used')).toContain('可直接购买正装「私享护肤课程（12 节）」');
  expect(text('#trial-used-full')).toBe('购买正装 ¥5,000');
  expect(text('#checkout-product')).toContain('已购买过');
  expect(text('#checkout-submit')).toBe('已购买过');
  const creates = env.callsOf('order.create').length;
  tap('#checkout-submit');
  await settle();
  expect(env.callsOf('order.create')).toHaveLength(creates);
  // The quantity of a trial never goes above 1.
  tap('#qty-plus');
  await settle();
  expect(text('#qty-value')).toBe('1');
});

const type = (sel: string, value: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('input', { detail: { value } });
};

test('快递到家: recipient, phone and address are checked before ordering; the order carries them to 待发货', async () => {
  await openCheckout('prd_cream');
  expect(text('#checkout-delivery')).toContain('配送方式');
  expect($('#delivery-method-pickup')!.dom.className).toContain('choice--on');
  tap('#delivery-method-address');
  await waitFor(() => $('#delivery-name'), 'the address fields');
  const creates = env.callsOf('order.create').length;
  tap('#checkout-submit');
  await until('#checkout-refusal', '请填写收件人姓名。');
  type('#delivery-name', '张三');
  type('#delivery-phone', '1380013');
  tap('#checkout-submit');
  await until('#checkout-refusal', '请填写收件人的 11 位手机号。');
  expect(env.callsOf('order.create')).toHaveLength(creates);

  type('#delivery-phone', '13800138000');
  type('#delivery-address', '上海市静安区南京西路 1 号 12 楼');
  await waitFor(() => !$('#checkout-refusal'), 'the refusal to clear on typing');
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  const sent = env.callsOf('order.create').at(-1)!;
  expect(sent.delivery).toEqual({ method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' });

  // The order detail says where it stands and where it goes (phone masked for the customer).
  const orderId = [...env.cloud.state.orders.keys()].at(-1)!;
  page!.detach();
  page = env.app.openPage('packages/orders/detail/index', { orderId });
  await until('#order-fulfilment-state', '待发货');
  expect(text('#order-delivery')).toBe('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号 12 楼');
  expect(text('#order-fulfilment-hint')).toContain('发货后可在此查看物流单号');
});

test('常用收货地址: the last used fills 快递到家, 选择其他地址 picks another, 使用微信收货地址 fills from WeChat (closing it changes nothing)', async () => {
  // The order above put 张三's address in the book; an older one was used before that.
  env.cloud.state.addresses.push({ name: '李四', phone: '13900139000', address: '北京市朝阳区建国路 8 号', lastUsedAt: 1 });
  // WeChat's address sheet: the documented success shape (fixture wx.chooseAddress.success), or closed.
  const sheet: Array<Record<string, string> | 'cancel'> = [];
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.chooseAddress = (o: { success?: (r: unknown) => void; fail?: (r: unknown) => void }) => {
    const next = sheet.shift() ?? 'cancel';
    setTimeout(() => (next === 'cancel' ? o.fail?.({ errMsg: 'chooseAddress:fail cancel' }) : o.success?.(next)), 0);
  };
  const submitted = async () => {
    const before = env.callsOf('order.create').length;
    tap('#checkout-submit');
    await waitFor(() => $('#checkout-success'), 'the success view');
    expect(env.callsOf('order.create')).toHaveLength(before + 1);
    return env.callsOf('order.create').at(-1)!.delivery;
  };

  await openCheckout('prd_cream');
  tap('#delivery-method-address');
  await until('#delivery-saved-toggle', '选择其他地址（1）');
  expect(text('#delivery-wechat')).toBe('使用微信收货地址');
  // The most recent address is already in the fields: ordering sends it unchanged.
  expect(await submitted()).toEqual({ method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' });

  await openCheckout('prd_cream');
  tap('#delivery-method-address');
  await until('#delivery-saved-toggle', '选择其他地址（1）');
  tap('#delivery-saved-toggle');
  await until('#delivery-saved-list', '李四 139****9000 · 北京市朝阳区建国路 8 号');
  tap('#delivery-saved-0');
  await waitFor(() => !$('#delivery-saved-list'), 'the list to close after the choice');
  // 张三 is now the other one.
  await until('#delivery-saved-toggle', '选择其他地址（1）');
  tap('#delivery-wechat'); // closed without choosing: nothing changes
  await settle();
  expect(await submitted()).toEqual({ method: 'address', name: '李四', phone: '13900139000', address: '北京市朝阳区建国路 8 号' });
  // The book follows what was used: 李四 first now.
  expect(env.cloud.state.addresses.map((a) => a.name)).toEqual(['李四', '张三']);

  await openCheckout('prd_cream');
  tap('#delivery-method-address');
  await until('#delivery-saved-toggle', '选择其他地址（1）');
  sheet.push({ userName: '王五', postalCode: '200040', provinceName: '上海市', cityName: '上海市', countyName: '静安区', detailInfo: '愚园路 100 号', nationalCode: '310106', telNumber: '13700137000', errMsg: 'chooseAddress:ok' });
  tap('#delivery-wechat');
  await until('#delivery-saved-toggle', '选择其他地址（2）'); // both saved ones are "other" now
  expect(await submitted()).toEqual({ method: 'address', name: '王五', phone: '13700137000', address: '上海市静安区愚园路 100 号' });
});

test('sold out meanwhile: OUT_OF_STOCK is explained, the catalog reloads, buying is disabled and the cover shows', async () => {
  await openCheckout('prd_mask');
  expect($('#checkout-product-img')).toBeUndefined();
  const mask = env.cloud.catalog.products.find((p) => p._id === 'prd_mask')!;
  mask.soldOut = true;
  mask.images = ['https://sim.tcb/products/202605/mask.jpg'];
  env.cloud.failNext('order.create', 'OUT_OF_STOCK', '「深层补水面膜（10 片）」库存不足（剩余 0 件），请减少数量或选择其他商品。');
  tap('#checkout-submit');
  await until('#checkout-refusal', '库存不足（剩余 0 件）');
  expect(text('#refusal-home')).toBe('返回首页');
  await until('#checkout-soldout', '已售罄');
  expect(text('#checkout-submit')).toBe('已售罄');
  expect($('#checkout-product-img')).toBeDefined();
  const creates = env.callsOf('order.create').length;
  tap('#checkout-submit');
  await settle();
  expect(env.callsOf('order.create')).toHaveLength(creates);
  delete mask.soldOut;
  delete mask.images;
});

test('组合支付: balance short → offered beside 余额支付; the confirmation shows principal, bonus and the WeChat part; a closed cashier keeps the order; paying shows both parts', async () => {
  env.cloud.state.memberUntil = undefined;
  env.cloud.state.principalFen = 30_000;
  env.cloud.state.bonusFen = 2_000;
  await openCheckout('prd_serum');
  await until('#pay-combined-detail', '先用可用余额 ¥320.00，其余 ¥368.00 微信支付');
  // 余额支付 alone is refused, with 组合支付 as one of the next steps.
  tap('#pay-balance');
  tap('#checkout-submit');
  await until('#checkout-refusal', '余额不足');
  expect(text('#refusal-use-combined')).toBe('余额+微信组合支付');
  tap('#refusal-use-combined');
  await waitFor(() => $('#pay-combined')?.dom.className.includes('choice--on'), '组合支付 selected');
  expect(text('#checkout-submit')).toBe('组合支付');

  const creates = env.callsOf('order.create').length;
  tap('#checkout-submit');
  await waitFor(() => $('#combined-confirm'), 'the confirmation');
  expect(text('#combined-total')).toBe('¥688.00');
  expect(text('#combined-balance')).toBe('¥320.00');
  expect(text('#combined-split')).toBe('本金 ¥300.00 · 赠送 ¥20.00');
  expect(text('#combined-cash')).toBe('¥368.00');
  expect(text('#combined-confirm')).toContain('微信支付完成后才扣除');
  expect(env.callsOf('order.combinedQuote').at(-1)).toEqual({ action: 'combinedQuote', items: [{ productId: 'prd_serum', qty: 1 }] });
  // Nothing is ordered (or reserved) until the customer confirms; 返回修改 closes it.
  expect(env.callsOf('order.create')).toHaveLength(creates);
  tap('#combined-back');
  await waitFor(() => !$('#combined-confirm'), 'the confirmation to close');

  tap('#checkout-submit');
  await waitFor(() => $('#combined-confirm-pay'), 'the confirmation again');
  expect(text('#combined-confirm-pay')).toBe('确认，微信支付 ¥368.00');
  env.cashier.script = ['cancel'];
  tap('#combined-confirm-pay');
  await until('#checkout-notice', '其中 ¥320 余额已为该订单保留、尚未扣除');
  expect(env.cloud.state.principalFen).toBe(30_000); // reserved, not drawn
  await until('#checkout-submit', '继续组合支付');

  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥688.00');
  expect(text('#checkout-success')).toContain('余额+微信组合支付');
  expect(text('#checkout-combined-paid')).toBe('余额扣款 ¥320.00（本金 ¥300.00 + 赠送 ¥20.00），微信支付 ¥368.00');
  // One order: the same request id and balance part both times; WeChat was asked for its part only.
  const combined = env.callsOf('order.create').slice(creates);
  expect(combined).toHaveLength(2);
  expect(combined[0]).toEqual({ action: 'create', items: [{ productId: 'prd_serum', qty: 1 }], payWith: 'combined', balanceFen: 32_000, delivery: { method: 'pickup' }, requestId: expect.stringMatching(/^ord_/) });
  expect(combined[1].requestId).toBe(combined[0].requestId);
  expect(env.cloud.lastPayment()!.totalFen).toBe(36_800);
  expect(env.cloud.state.principalFen + env.cloud.state.bonusFen).toBe(0);
});
