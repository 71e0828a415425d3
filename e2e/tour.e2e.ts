import { e2eSession } from './support/session';

/**
 * Every customer page and the operator's dashboard at 390×844 (issue 17 #10), as a member with an
 * order, a coupon, a top-up and a cart: nothing may stick out past the screen's sides and no text
 * may be laid out one character per line. Each page is saved as test-results/tour-<page>.png; the
 * test lists every problem found on every page at once.
 */
const s = e2eSession({ timeoutMs: 360_000 });

const CUSTOMER_PAGES: Array<[name: string, hash: string, ready: string]> = [
  ['home', '/pages/index/index', '#product-list'],
  ['product', '/packages/shop/product/index?productId=prd_serum', '#product-name'],
  ['product-trial', '/packages/shop/product/index?productId=prd_serum_trial', '#product-name'],
  ['cart', '/packages/shop/cart/index', '#cart'],
  ['checkout', '/pages/checkout/index?productId=prd_cream', '#checkout'],
  ['checkout-cart', '/pages/checkout/index?from=cart', '#checkout-lines'],
  ['member', '/pages/member/index', '#member-content'],
  ['member-code', '/packages/member/code/index', '#member-qr'],
  ['member-gifts', '/packages/member/gifts/index', '#gifts-content'],
  ['wallet', '/pages/wallet/index', '#wallet-content'],
  ['me', '/pages/me/index', '#identity'],
  ['orders', '/packages/orders/list/index', '#order-list'],
  ['coupons', '/packages/coupons/list/index', '#my-coupons'],
  ['survey', '/packages/welcome/survey/index', '#survey-form'],
  ['answers', '/packages/welcome/answers/index', '#answers-empty'],
  ['inbox', '/packages/inbox/index', '#inbox'],
  ['privacy', '/packages/privacy/index', '#privacy-holdings'],
];

test('every customer page and the operator dashboard render within the screen', async () => {
  const U = 'cust_tour';
  const buy = await s.fn(U, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  await s.pay(buy.data.payment.outTradeNo);
  const top = await s.fn(U, 'wallet', { action: 'topUp', planId: 'topup-500', acceptTerms: true, requestId: s.rid('tu') });
  await s.pay(top.data.payment.outTradeNo);
  const order = await s.fn(U, 'order', { action: 'create', items: [{ productId: 'prd_serum', qty: 1 }, { productId: 'prd_tea', qty: 2 }], payWith: 'wechat', requestId: s.rid('o') });
  await s.pay(order.data.payment.outTradeNo);
  const tpl = await s.fn('op_admin', 'coupon', { action: 'saveTemplate', template: { name: '新品专享满500减50', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 50_000, claimable: true, validity: { kind: 'days', days: 7 } }, requestId: s.rid('t') });
  await s.fn('op_admin', 'coupon', { action: 'issue', templateId: tpl.data.templateId, openid: U, requestId: s.rid('i') });
  for (const [productId, qty] of [['prd_cream', 1], ['prd_mask', 3], ['prd_course_trial', 1]] as const) await s.fn(U, 'cart', { action: 'set', productId, qty });

  const { page, app, errors, as } = await s.page();
  // The check itself must be able to fail: a too-wide box and a one-character column are reported.
  await as(U, '/pages/index/index');
  await app.visible('#product-list').waitFor();
  await page.evaluate(() => {
    const wide = Object.assign(document.createElement('div'), { id: 'probe-wide', textContent: '太宽的元素' });
    wide.style.cssText = 'position:absolute;top:0;left:0;width:500px;height:20px';
    const narrow = Object.assign(document.createElement('div'), { id: 'probe-narrow', textContent: '一字一行的文字' });
    narrow.style.cssText = 'position:absolute;top:40px;left:0;width:16px;font-size:14px';
    document.body.append(wide, narrow);
  });
  const probed = await app.layoutProblems();
  expect(probed.some((p) => p.startsWith('overflow div#probe-wide'))).toBe(true);
  expect(probed.some((p) => p.startsWith('one character per line div#probe-narrow'))).toBe(true);
  await page.evaluate(() => document.querySelectorAll('#probe-wide, #probe-narrow').forEach((e) => e.remove()));

  const problems: string[] = [];
  const visit = async (who: string, name: string, hash: string, ready: string) => {
    await as(who, hash);
    await app.visible(ready).waitFor();
    for (const p of await app.layoutProblems()) problems.push(`${name}: ${p}`);
    await app.shot(`tour-${name}.png`);
  };
  for (const [name, hash, ready] of CUSTOMER_PAGES) await visit(U, name, hash, ready);
  await visit(U, 'order-detail', `/packages/orders/detail/index?orderId=${order.data.orderId}`, '#order-detail');
  await visit('op_admin', 'ops-home', '/packages/ops/home/index', '#ops-dash-today');
  await visit('op_admin', 'ops-pickup', '/packages/ops/pickup/index', '#counter-code');
  expect(problems).toEqual([]);
  expect(errors).toEqual([]);
});
