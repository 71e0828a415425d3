import { USER_MESSAGES } from '@shared/errors/messages';
import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * The 钱包 page of the WEAPP BUILD in miniprogram-simulate: page → WalletStore → services →
 * Taro.cloud.callFunction → wx.cloud (an in-memory model of the money functions whose replies the
 * bridge checks against the envelope shape), and Taro.requestPayment → wx.requestPayment (a
 * scripted cashier). On weapp WeChat draws the cashier: the app's own pay sheet must never show.
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
  env = bootMoneyWeapp('pages/wallet/index', { pageSize: 3 });
  page = env.app.openPage('pages/wallet/index');
});
afterAll(() => page?.detach());

test('shows balance, plans and the terms tick; nothing is sent until a plan is chosen and the terms are accepted', async () => {
  await until('#balance-total', '¥0.00');
  expect(text('#balance-split')).toBe('本金 ¥0·赠送 ¥0');
  for (const s of ['充 ¥500', '送 ¥30', '充 ¥1,000', '送 ¥100', '到账 ¥1,100', '充 ¥3,000', '送 ¥400']) expect(text('#topup-plans')).toContain(s);
  expect(text('#terms-tick')).toContain('我已阅读并同意《储值卡章程》（2026-01 版）');
  expect(text('#ledger')).toContain('暂无明细');

  tap('#topup-submit');
  await until('#wallet-notice', '请先选择充值方案，或输入自定义金额。');
  tap('#topup-topup-1000');
  await until('#topup-submit', '立即充值 ¥1,000');
  tap('#topup-submit');
  await until('#wallet-notice', '请先阅读并勾选同意《储值卡章程》，再进行充值。');
  expect(env.callsOf('wallet.topUp')).toHaveLength(0);

  // The terms text opens in a dialog from the link; 同意 ticks the box.
  tap('#terms-open');
  await until('#terms-dialog', '储值余额仅限本店使用');
  tap('#terms-dialog-confirm');
  await waitFor(() => !$('#terms-dialog'), 'the terms dialog to close');
  await waitFor(() => $('#terms-tick .tick__box--on'), 'the terms box to be ticked');
});

test('top-up ¥1000: WeChat cashier with the server params, then ¥1,100.00 = 本金 ¥1,000 + 赠送 ¥100', async () => {
  tap('#topup-submit');
  await until('#wallet-notice', '充值成功');
  expect(text('#wallet-notice')).toBe('充值成功，¥1,100 已到账（含赠送 ¥100），当前余额 ¥1,100.00。×');
  expect(text('#balance-total')).toBe('¥1,100.00');
  expect(text('#balance-split')).toBe('本金 ¥1,000·赠送 ¥100');

  const [sent] = env.callsOf('wallet.topUp');
  expect(sent).toEqual({ action: 'topUp', planId: 'topup-1000', expected: { principalFen: 100_000, bonusFen: 10_000 }, acceptTerms: true, requestId: expect.stringMatching(/^topup_[0-9a-z]{20,}$/) });
  // Exactly the params the server signed, nothing added or dropped.
  const handle = env.cloud.lastPayment()!;
  expect(env.cashier.requests).toEqual([handle.params]);
  // Accepted: the tick is replaced by a note, the ledger shows the credit.
  expect($('#terms-tick')).toBeUndefined();
  expect(page.dom.textContent).toContain('您已同意《储值卡章程》（2026-01 版）');
  expect(text('#ledger')).toContain('充值');
  expect(text('#ledger')).toContain('+¥1,100.00');
  expect($('#pay-sheet')).toBeUndefined();
  expect(page.dom.textContent).not.toContain('模拟微信支付');
});

test('closing the cashier keeps the order: the retry sends the same request id and credits once', async () => {
  tap('#topup-topup-500');
  // Like a customer, act on what the screen shows: the choice is highlighted before paying.
  await until('#topup-submit', '立即充值 ¥500');
  env.cashier.script = ['cancel'];
  tap('#topup-submit');
  await until('#wallet-notice', '已取消支付，充值订单为您保留');
  expect(text('#balance-total')).toBe('¥1,100.00');

  tap('#topup-submit');
  await until('#wallet-notice', '充值成功');
  expect(text('#balance-total')).toBe('¥1,630.00');
  const ids = env.callsOf('wallet.topUp').slice(1).map((d) => d.requestId);
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);
  expect(env.cashier.requests.at(-1)!.package).toBe(env.cashier.requests.at(-2)!.package);
});

test('a server fault shows the Chinese message, never the code; custom amounts are range-checked', async () => {
  tap('#topup-topup-500');
  await until('#topup-submit', '立即充值 ¥500');
  env.cloud.failNext('wallet.topUp', 'INTERNAL', '');
  tap('#topup-submit');
  await until('#wallet-notice', USER_MESSAGES.INTERNAL);
  expect(text('#wallet-notice')).not.toContain('INTERNAL');

  $('#custom-amount')!.dispatchEvent('input', { detail: { value: '5' } });
  await waitFor(() => text('#topup-submit') === '立即充值', 'the custom amount to be selected');
  tap('#topup-submit');
  await until('#wallet-notice', '自定义金额需在 ¥10.00 至 ¥5,000.00 之间');
});

test('refund: the quote (principal back, bonus forfeited) is shown before confirming; the ledger pages', async () => {
  tap('#wallet-refund-open');
  await until('#wallet-refund-quote', '退还本金 ¥1,500，赠送金额 ¥130 将作废。');
  expect(text('#wallet-refund-dialog')).toContain('¥1,500.00');
  expect(env.callsOf('wallet.refund')).toHaveLength(0);
  tap('#wallet-refund-dialog-confirm');
  await until('#wallet-notice', '退还本金 ¥1,500 已提交，微信处理中：将原路退回微信支付（零钱一般 5 分钟内、银行卡 1–3 个工作日到账），赠送金额 ¥130 已作废。');
  expect(text('#balance-total')).toBe('¥0.00');
  expect(env.callsOf('wallet.refund')[0]).toEqual({ action: 'refund', requestId: expect.stringMatching(/^wref_/) });

  // 4 entries, 3 per page: 加载更多 brings the oldest.
  expect(text('#ledger')).toContain('赠送作废');
  expect(text('#ledger')).toContain('储值退款');
  expect(page.querySelectorAll('.entry').length).toBe(3);
  tap('#ledger-more');
  await waitFor(() => page.querySelectorAll('.entry').length === 4, 'the second ledger page');
  expect($('#ledger-more')).toBeUndefined();
  expect(env.callsOf('wallet.entries').at(-1)).toEqual({ action: 'entries', cursor: 3 });
});
