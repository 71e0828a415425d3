import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * Issue 15 item 7 on screen (the 钱包 page of the WEAPP BUILD in miniprogram-simulate, money model
 * behind wx.cloud): the page shows 充500送30, the operator changes it to 送50 while the page is open.
 * 立即充值 confirms what the screen shows; the server refuses it with the current offer, the page
 * shows 送50 and nothing is paid; confirming again pays ¥500 and the success message says what the
 * server credited (¥550), matching the balance.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent;
const $ = (sel: string) => page.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const tap = (sel: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('tap');
};
const until = untilText(text);

beforeAll(() => {
  env = bootMoneyWeapp('pages/wallet/index');
  page = env.app.openPage('pages/wallet/index');
});
afterAll(() => page?.detach());

test('a stale 送30 is refused with the current 送50, shown on the plan; confirming it credits ¥550 and says so', async () => {
  await until('#balance-total', '¥0.00');
  expect(text('#topup-topup-500')).toBe('充 ¥500送 ¥30到账 ¥530');
  tap('#terms-open');
  await until('#terms-dialog', '储值余额仅限本店使用');
  tap('#terms-dialog-confirm');
  await waitFor(() => $('#terms-tick .tick__box--on'), 'the terms box to be ticked');

  // The operator changes 充500送30 to 送50; this page loaded the plans before.
  env.cloud.catalog.settings.topUpPlans.find((p) => p.id === 'topup-500')!.bonusFen = 5_000;
  tap('#topup-topup-500');
  await until('.topup-hint', '到账 ¥530（含赠送 ¥30）');
  tap('#topup-submit');
  await until('#wallet-notice', '充值优惠已更新：现为充 ¥500 送 ¥50（到账 ¥550），请确认后再充值。');
  // The confirmation carried what was shown; nothing was paid or credited.
  expect(env.callsOf('wallet.topUp')).toEqual([{ action: 'topUp', planId: 'topup-500', expected: { principalFen: 50_000, bonusFen: 3_000 }, acceptTerms: true, requestId: expect.stringMatching(/^topup_/) }]);
  expect(env.cashier.requests).toHaveLength(0);
  expect(text('#balance-total')).toBe('¥0.00');
  // The plan and the hint now show the current offer; the choice stays, so 立即充值 confirms it.
  await until('#topup-topup-500', '送 ¥50');
  expect(text('#topup-topup-500')).toBe('充 ¥500送 ¥50到账 ¥550');
  expect(text('.topup-hint')).toBe('支付 ¥500，到账 ¥550（含赠送 ¥50）');
  expect(text('#topup-submit')).toBe('立即充值 ¥500');

  tap('#topup-submit');
  await until('#wallet-notice', '充值成功');
  expect(text('#wallet-notice')).toBe('充值成功，¥550 已到账（含赠送 ¥50），当前余额 ¥550.00。×');
  expect(text('#balance-total')).toBe('¥550.00');
  expect(text('#balance-split')).toBe('本金 ¥500·赠送 ¥50');
  const calls = env.callsOf('wallet.topUp');
  expect(calls).toHaveLength(2);
  expect(calls[1]).toMatchObject({ planId: 'topup-500', expected: { principalFen: 50_000, bonusFen: 5_000 } });
  // A new confirmation is a new request, not a retry of the refused one.
  expect(calls[1].requestId).not.toBe(calls[0].requestId);
  expect(env.cashier.requests).toHaveLength(1);
});

test('the success message is the server\'s credit: a retry of a confirmed order after another change credits (and says) what that order records', async () => {
  // 送50 confirmed and placed; the customer closes the cashier.
  tap('#topup-topup-500');
  await until('#topup-submit', '立即充值 ¥500');
  env.cashier.script = ['cancel'];
  tap('#topup-submit');
  await until('#wallet-notice', '已取消支付，充值订单为您保留');
  // Meanwhile the operator raises it to 送80; the page has not reloaded, the retry keeps its request id.
  env.cloud.catalog.settings.topUpPlans.find((p) => p.id === 'topup-500')!.bonusFen = 8_000;
  tap('#topup-submit');
  await until('#wallet-notice', '充值成功');
  const [, , placed, retried] = env.callsOf('wallet.topUp');
  expect(retried.requestId).toBe(placed.requestId);
  expect(text('#wallet-notice')).toBe('充值成功，¥550 已到账（含赠送 ¥50），当前余额 ¥1,100.00。×');
  expect(text('#balance-split')).toBe('本金 ¥1,000·赠送 ¥100');
});
