import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 商品详情 and 购物车 in the WEAPP BUILD under miniprogram-simulate, the money model behind wx.cloud:
 * the product page's prices and trial link, 加入购物车 with its count, the cart's quantities, ticks and
 * total, and one checkout of the ticked lines that takes them out of the cart once ordered.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const until = untilText(text);

function open(path: string, query: Record<string, string>, ready: string) {
  page?.detach();
  page = env.app.openPage(path, query);
  return waitFor(() => $(ready), `${ready} on ${path}`);
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/index/index');
});
afterAll(() => page?.detach());

test('the product page: list price, what members pay, its trial, 加入购物车 counts', async () => {
  await open('packages/shop/product/index', { productId: 'prd_serum' }, '#product-name');
  expect(text('#product-name')).toBe('焕颜修护精华 50ml');
  expect(text('#product-price')).toBe('¥688');
  expect(text('#product-member-upsell')).toBe('会员价 ¥588，开通会员每件省 ¥100 ›');
  expect(text('#product-trial-link')).toContain('先试试：焕颜修护精华 体验装 7ml');
  expect($('#product-cart-count')).toBeUndefined();
  tap('#product-add-cart');
  await until('#product-notice', '已加入购物车：焕颜修护精华 50ml');
  await until('#product-cart-count', '1');
  expect(env.callsOf('cart.set').at(-1)).toMatchObject({ productId: 'prd_serum', qty: 1 });

  await open('packages/shop/product/index', { productId: 'prd_cream' }, '#product-name');
  tap('#product-add-cart');
  await until('#product-cart-count', '2');
  // A trial's page links its full product.
  await open('packages/shop/product/index', { productId: 'prd_serum_trial' }, '#product-name');
  expect(text('#product-full-link')).toContain('正装：焕颜修护精华 50ml');
});

test('the cart: quantities, ticks and the total; 去结算 orders the ticked lines, which then leave the cart', async () => {
  await open('packages/shop/cart/index', {}, '#cart-line-prd_cream');
  expect(text('#cart-total')).toBe('¥1,116');
  tap('#cart-qty-prd_cream-plus');
  await until('#cart-qty-prd_cream-value', '2');
  await until('#cart-total', '¥1,544');
  expect(text('#cart-checkout')).toBe('去结算(3)');
  // Untick the serum: it stays in the cart, out of this checkout.
  tap('#cart-tick-prd_serum');
  await until('#cart-total', '¥856');
  expect(text('#cart-checkout')).toBe('去结算(2)');

  await open('pages/checkout/index', { from: 'cart' }, '#checkout-lines');
  expect(text('#checkout-line-prd_cream')).toContain('×2');
  expect($('#checkout-line-prd_serum')).toBeUndefined();
  await until('#checkout-total', '¥856');
  tap('#pay-wechat');
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥856.00');
  const placed = env.callsOf('order.create').at(-1)!;
  expect(placed.items).toEqual([{ productId: 'prd_cream', qty: 2 }]);
  expect(env.callsOf('cart.remove').at(-1)).toEqual({ action: 'remove', productIds: ['prd_cream'] });

  await open('packages/shop/cart/index', {}, '#cart-line-prd_serum');
  expect($('#cart-line-prd_cream')).toBeUndefined();
});
