import type { Browser } from 'playwright-core';
import type { LocalServer } from '../local/server';
import { launchChromium, openPage } from './support/browser';
import { h5App, openAs } from './support/h5-app';
import { startStore } from './support/local-store';

/**
 * The money core end to end in the H5 build against the real local server (same cloud functions,
 * emulator and WeChat Pay simulator as `npm start`): membership bought through the pay sheet,
 * member price at checkout, a ¥1000 top-up with the card terms, a balance purchase, its refund, the
 * ledger, the stored-value refund quote, a stale top-up offer (the operator changes 充500送30 to 送50
 * while the wallet is open: refused with the new offer, confirmed, ¥550 credited and said), and the
 * order list.
 */
jest.setTimeout(240_000);

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

test('membership → member price → top-up → balance purchase → refund → ledger', async () => {
  const page = await openPage(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = h5App(page);
  await page.goto(store.url + '/');

  await page.locator('#dev-login').waitFor();
  await page.locator('#dev-login').getByText('cust_demo').first().click();
  await page.locator('#product-list').waitFor();

  // 会员: not a member yet → buy the annual plan → pay in the sheet.
  await app.tab('会员');
  await app.waitForText('#member-status', '您还不是会员');
  await app.shot('money-01-member-before.png');
  await app.tap('#buy-annual');
  await app.visible('#pay-sheet').waitFor();
  expect(await app.text('#pay-sheet-amount')).toBe('¥1,000.00');
  expect(await app.text('#pay-sheet')).toContain('模拟微信支付');
  await app.shot('money-02-pay-sheet.png');
  await app.tap('#pay-sheet-confirm');
  await app.waitForText('#member-notice', '开通成功');
  await app.waitForText('#member-status', '会员生效中');
  expect(await app.text('#member-status')).toMatch(/有效期至 \d{4}-\d{2}-\d{2}（剩余 36[56] 天）/);
  await app.waitForText('#gift-pack', '待领取');
  // The membership can be refunded within the window: the quote is shown, not acted on here.
  expect(await app.text('#membership-refund-amount')).toBe('¥1,000.00');
  await app.shot('money-03-member-active.png');
  await app.shot('money-03b-member-refund.png', '#membership-refund');

  // Welcome gift pack: 快递到家 needs name, phone and address; a bad phone is caught first.
  await app.tap('#claim-open');
  await app.tap('#claim-method-address');
  await app.visible('#claim-name input').fill('张三');
  await app.visible('#claim-phone input').fill('1380013');
  await app.visible('#claim-address input').fill('上海市静安区南京西路 1 号 12 楼');
  await app.tap('#claim-submit');
  await app.waitForText('#member-notice', '请填写收件人的 11 位手机号。');
  await app.visible('#claim-phone input').fill('13800138000');
  await app.shot('money-03c-claim-form.png', '#claim-form');
  await app.tap('#claim-submit');
  // Claiming forfeits the fee refund (the ¥1,500 pack is worth more than the ¥1,000 fee): said first, with the amount.
  await app.visible('#claim-confirm').waitFor();
  expect(await app.text('#claim-confirm')).toContain('−¥1,000.00');
  expect(await app.text('#claim-confirm')).toContain('现在申请退会员费可退 ¥1,000.00');
  await app.shot('money-03d-claim-confirm.png');
  await app.tap('#claim-confirm-confirm');
  await app.waitForText('#gift-pack-status', '已领取');
  expect(await app.text('#gift-pack-delivery')).toContain('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号 12 楼');
  // The pack (¥1,500) is worth more than the fee: the membership is no longer refundable, and the page says why.
  await app.waitForText('#membership-refund-reason', '不再退还');
  await app.shot('money-03d-gift-claimed.png');

  // Home → product → checkout shows the member price applied.
  await app.tab('首页');
  await app.tap('#product-prd_serum');
  await app.tap('#product-buy-now');
  await app.waitForText('#member-price-applied', '会员价已生效');
  expect(await app.text('#checkout-price')).toContain('¥588');
  expect(await app.text('#checkout-total')).toBe('¥588');
  await app.shot('money-04-checkout-member-price.png');
  // 钱包 (opened afresh: the way back is 确认订单 → 商品详情 → 首页): top up ¥1000 (plan topup-1000); the first top-up needs the card terms ticked.
  await openAs(page, store.url, 'cust_demo', '/pages/wallet/index');
  await app.waitForText('#balance-total', '¥0.00');
  await app.tap('#topup-topup-1000');
  await app.tap('#topup-submit');
  await app.waitForText('#wallet-notice', '请先阅读并勾选同意《储值卡章程》');
  await app.tap('#terms-open');
  await app.waitForText('#terms-dialog', '储值余额仅限本店使用');
  await app.shot('money-05-terms.png');
  await app.tap('#terms-dialog-confirm'); // 同意 ticks the box
  expect(await app.text('#topup-submit')).toBe('立即充值 ¥1,000');
  await app.shot('money-06-topup-ready.png', '#topup-submit');
  await app.tap('#topup-submit');
  await app.visible('#pay-sheet').waitFor();
  expect(await app.text('#pay-sheet-amount')).toBe('¥1,000.00');
  await app.tap('#pay-sheet-confirm');
  await app.waitForText('#wallet-notice', '充值成功');
  expect(await app.text('#balance-total')).toBe('¥1,100.00');
  const split = await app.text('#balance-split');
  expect(split).toContain('本金 ¥1,000');
  expect(split).toContain('赠送 ¥100');
  await app.shot('money-07-wallet-topped-up.png', '#wallet-balance');

  // Buy the serum with balance: paid at once, at the member price.
  await app.tab('首页');
  await app.tap('#product-prd_serum');
  await app.tap('#product-buy-now');
  await app.tap('#pay-balance');
  await app.waitForText('#pay-balance-detail', '可用余额 ¥1,100.00');
  await app.tap('#checkout-submit');
  await app.visible('#checkout-success').waitFor();
  expect(await app.text('#checkout-paid-total')).toBe('¥588.00');
  expect(await app.text('#checkout-member-saved')).toContain('节省 ¥100');
  await app.shot('money-08-checkout-paid.png');

  // Refund that order from its detail page.
  await app.tap('#checkout-view-order');
  await app.waitForText('#order-status', '已支付');
  expect(await app.text('#order-detail')).toContain('会员价');
  await app.tap('#order-refund-open');
  await app.waitForText('#order-refund-dialog', '¥588.00');
  expect(await app.text('#order-refund-dialog')).toContain('退回储值余额');
  await app.shot('money-09-order-refund-confirm.png');
  await app.tap('#order-refund-dialog-confirm');
  await app.waitForText('#order-status', '已退款');
  await app.waitForText('#order-notice', '¥588');
  await app.shot('money-10-order-refunded.png');

  // The wallet again: balance restored; the ledger shows the top-up, the spend and its refund.
  await openAs(page, store.url, 'cust_demo', '/pages/wallet/index');
  await app.waitForText('#balance-total', '¥1,100.00');
  const ledger = await app.text('#ledger');
  for (const label of ['充值', '消费', '退款']) expect(ledger).toContain(label);
  expect(ledger).toContain('+¥1,100.00');
  expect(ledger).toContain('-¥588.00');
  expect(ledger).toContain('+¥588.00');
  await app.shot('money-11-wallet-ledger.png', '#ledger');

  // Stored-value refund: the quote comes first, with the bonus that will be forfeited.
  await app.tap('#wallet-refund-open');
  await app.waitForText('#wallet-refund-quote', '退还本金 ¥1,000，赠送金额 ¥100 将作废');
  await app.shot('money-12-wallet-refund-quote.png');
  await app.tap('#wallet-refund-dialog-confirm');
  await app.waitForText('#wallet-notice', '¥1,000');
  expect(await app.text('#balance-total')).toBe('¥0.00');
  const after = await app.text('#ledger');
  expect(after).toContain('储值退款');
  expect(after).toContain('赠送作废');

  // The operator changes 充500送30 to 送50 (settings editor → update) while this page still shows 送30.
  const fn = async (name: string, body: Record<string, unknown>, openid: string) =>
    (await (await fetch(`${store.url}/fn/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dev-openid': openid }, body: JSON.stringify(body) })).json()) as { ok: boolean; data: any };
  const editor = await fn('settings', { action: 'editor' }, 'op_admin');
  const plans = editor.data.settings.topUpPlans.map((p: { id: string }) => (p.id === 'topup-500' ? { ...p, bonusFen: 5_000 } : p));
  expect((await fn('settings', { action: 'update', settings: { ...editor.data.settings, topUpPlans: plans }, expectedVersion: editor.data.version, requestId: 'e2e_money_offer' }, 'op_admin')).ok).toBe(true);
  expect(await app.text('#topup-topup-500')).toContain('送 ¥30');
  await app.tap('#topup-topup-500');
  await app.tap('#topup-submit');
  await app.waitForText('#wallet-notice', '充值优惠已更新：现为充 ¥500 送 ¥50（到账 ¥550），请确认后再充值。');
  await app.waitForText('#topup-topup-500', '到账 ¥550');
  expect(await app.text('#balance-total')).toBe('¥0.00');
  await app.shot('money-12b-topup-offer-changed.png');
  await app.tap('#topup-submit');
  await app.visible('#pay-sheet').waitFor();
  expect(await app.text('#pay-sheet-amount')).toBe('¥500.00');
  expect(await app.text('#pay-sheet')).toContain('储值充值 ¥500 送 ¥50');
  await app.tap('#pay-sheet-confirm');
  await app.waitForText('#wallet-notice', '充值成功，¥550 已到账（含赠送 ¥50），当前余额 ¥550.00。');
  expect(await app.text('#balance-total')).toBe('¥550.00');

  // 我的 → 我的订单 lists all three kinds of order.
  await app.tab('我的');
  await app.tap('#menu-orders');
  await app.visible('#order-list').waitFor();
  const list = await app.text('#order-list');
  for (const s of ['会员', '充值', '商品', '已退款', '已支付']) expect(list).toContain(s);
  await app.shot('money-13-order-list.png');
  // The tabs: 退款售后 holds the refunded product order and the withdrawn top-up (its badge says 2),
  // not the membership or the kept top-up; 待付款 has nothing.
  await app.waitForText('#order-tab-after-sales-count', '2');
  await app.tap('#order-tab-after-sales');
  await app.waitForText('#order-list', '焕颜修护精华');
  const refunded = await app.text('#order-list');
  expect(refunded).toContain('储值充值 ¥1,000 送 ¥100');
  expect(refunded).not.toContain('年度会员');
  expect(refunded).not.toContain('储值充值 ¥500 送 ¥50');
  await app.shot('money-13b-order-tab-refunds.png');
  await app.tap('#order-tab-unpaid');
  await app.waitForText('#empty', '没有待付款的订单');
  await app.tap('#order-tab-all');
  await app.waitForText('#order-list', '充值');

  expect(errors).toEqual([]);
});
