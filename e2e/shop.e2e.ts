import { e2eSession } from './support/session';

/**
 * Shopping as people do in a WeChat mall, in the H5 build against the real local server: search
 * and category tabs on 首页, the product page (prices, trial link, 加入购物车), a cart of two products
 * kept on the server, one checkout of both with a coupon, and the order under 待自提. Every page on
 * the way is checked for overflow and one-character-per-line text at 390×844.
 */
const s = e2eSession();

test('search → product page → cart of two → checkout with a coupon → 待自提', async () => {
  const coupon = await s.fn('op_admin', 'coupon', {
    action: 'saveTemplate',
    template: { name: '满800减60', offer: { code: 'amount-off', args: { amountFen: 6_000 } }, minSpendFen: 80_000, claimable: true, totalQuantity: 100, validity: { kind: 'days', days: 7 } },
    requestId: s.rid('tpl'),
  });
  expect(coupon.ok).toBe(true);

  const { page, app, errors, as } = await s.page();
  await as('cust_shop', '/pages/index/index');
  await page.locator('#product-list').waitFor();
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-01-home.png');

  // Search: only what matches stays; a miss says so and offers everything again.
  await app.visible('#home-search input').fill('面霜');
  await app.waitForText('#product-list', '屏障修护面霜');
  expect(await page.locator('#product-prd_serum:visible').count()).toBe(0);
  await app.shot('shop-02-search.png');
  await app.visible('#home-search input').fill('不存在的东西');
  await app.waitForText('#home-no-match', '没有找到与「不存在的东西」相关的商品');
  await app.tap('#home-show-all');
  await app.visible('#product-prd_serum').waitFor();

  // Category tabs: 体验装 shows only trials.
  await app.tap('#category-体验装');
  await app.visible('#product-prd_serum_trial').waitFor();
  expect(await page.locator('#product-prd_cream:visible').count()).toBe(0);
  await app.tap('#category-全部');

  // The product page: list price, what members pay, the trial to try first, 加入购物车.
  await app.tap('#product-prd_serum');
  await app.waitForText('#product-name', '焕颜修护精华 50ml');
  expect(await app.text('#product-price')).toBe('¥688');
  expect(await app.text('#product-member-upsell')).toContain('会员价 ¥588，开通会员每件省 ¥100');
  expect(await app.text('#product-trial-link')).toContain('体验装');
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-03-product.png');
  await app.tap('#product-add-cart');
  await app.waitForText('#product-notice', '已加入购物车');
  await app.waitForText('#product-cart-count', '1');

  // A second product, from its own page.
  await as('cust_shop', '/packages/shop/product/index?productId=prd_cream');
  await app.waitForText('#product-name', '屏障修护面霜');
  await app.waitForText('#product-cart-count', '1');
  await app.tap('#product-add-cart');
  await app.waitForText('#product-cart-count', '2');

  // The cart is the server's: a reload shows it; two of the cream.
  await app.tap('#product-cart');
  await app.visible('#cart-line-prd_cream').waitFor();
  await page.reload();
  await app.visible('#cart-line-prd_serum').waitFor();
  await app.tap('#cart-qty-prd_cream-plus');
  await app.waitForText('#cart-qty-prd_cream-value', '2');
  await app.waitForText('#cart-total', '¥1,544');
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-04-cart.png');

  // 领券中心 from 首页, then one checkout of both lines with the coupon picked for it.
  await as('cust_shop', '/pages/index/index');
  await app.tap('#entry-coupons');
  await app.visible('#claims').waitFor();
  await app.tap('#claim-0-btn');
  await app.waitForText('#coupons-notice', '已领取');
  await as('cust_shop', '/packages/shop/cart/index');
  await app.waitForText('#cart-total', '¥1,544');
  await app.tap('#cart-checkout');
  await app.visible('#checkout-line-prd_cream').waitFor();
  expect(await app.text('#checkout-line-prd_cream')).toContain('×2');
  await app.waitForText('#coupon-picker-sum', '-¥60');
  expect(await app.text('#checkout-total')).toBe('¥1,484');
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-05-cart-checkout.png');
  await app.tap('#pay-wechat');
  await app.tap('#checkout-submit');
  await app.visible('#pay-sheet').waitFor();
  await app.tap('#pay-sheet-confirm');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-paid-total')).toBe('¥1,484.00');

  // The ordered lines left the cart; the order is under 待自提 with both products.
  await as('cust_shop', '/packages/shop/cart/index');
  await app.visible('#cart-empty').waitFor();
  await as('cust_shop', '/packages/orders/list/index');
  await app.tap('#order-tab-to-pickup');
  await app.waitForText('#order-list', '屏障修护面霜 50g 等 2 件商品');
  await app.waitForText('#order-tab-to-pickup-count', '1');
  await app.shot('shop-06-order-to-pickup.png');
  expect(errors).toEqual([]);
});

test('a member sees the card: number, balance, coupons, 已省 against the fee, and the code', async () => {
  const buy = await s.fn('cust_card', 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(buy.data.payment.outTradeNo);
  // Two serums at the member price: ¥100 saved on each.
  const order = await s.fn('cust_card', 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 2 }], payWith: 'wechat', requestId: s.rid('o') });
  await s.pay(order.data.payment.outTradeNo);

  const { page, app, errors, as } = await s.page();
  await as('cust_card', '/pages/me/index');
  await app.waitForText('#me-card-saved', '¥200');
  expect(await app.text('#me-card-payback-text')).toContain('回本进度 20%，再省 ¥800 即回本');
  expect(await app.text('#me-card-no')).toMatch(/^NO\. \d{4} \d{4} \d{2}$/);
  expect(await app.text('#me-card-coupons')).toBe('0 张');
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-07-me-member-card.png');

  // 首页 for a member: no upsell, the member price leads.
  await app.tab('首页');
  await app.visible('#member-strip').waitFor();
  expect(await page.locator('#member-banner:visible').count()).toBe(0);
  expect(await app.text('#product-prd_serum-price')).toBe('¥588');
  await app.shot('shop-08-home-member.png');

  await app.tab('会员');
  await app.waitForText('#member-card-saved', '¥200');
  await app.visible('#renew-later').waitFor();
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-09-member-card.png');
  await app.tap('#member-card-code');
  await app.waitForText('#member-code-refresh', '秒后自动更新');
  expect(errors).toEqual([]);
});

test('the operator fills the 首页横幅 slot; customers see it and it opens the chosen product', async () => {
  const { page, app, errors, as } = await s.page();
  await as('op_admin', '/packages/ops/settings-area/index?area=storefront');
  await app.visible('#set-homeBanner-enabled-tick').waitFor();
  // Enabled without a title is refused before sending.
  await app.tap('#set-homeBanner-enabled-tick');
  await app.tap('#settings-save');
  await app.waitForText('#settings-issues', '开启横幅须填写标题');
  await app.visible('#set-homeBanner-title-input input').fill('新品精萃柔肤水 会员抢先购');
  await app.visible('#set-homeBanner-subtitle-input input').fill('会员价 ¥298，限时 14 天');
  await app.tap('#set-homeBanner-target-opt-product');
  await app.tap('#set-homeBanner-productId-opt-prd_essence_new');
  await app.tap('#settings-save');
  await app.waitForText('#settings-notice', '已保存「首页横幅」');
  await app.shot('shop-10-ops-banner.png');

  await as('cust_banner', '/pages/index/index');
  await app.waitForText('#home-banner', '新品精萃柔肤水 会员抢先购');
  expect(await app.text('#home-banner')).toContain('会员价 ¥298，限时 14 天');
  expect(await app.layoutProblems()).toEqual([]);
  await app.shot('shop-11-home-banner.png');
  await app.tap('#home-banner');
  await app.waitForText('#product-name', '精萃柔肤水');
  expect(await page.locator('#product-early:visible').count()).toBe(1);
  expect(errors).toEqual([]);
});
