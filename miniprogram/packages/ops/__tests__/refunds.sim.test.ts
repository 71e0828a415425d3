import type { OpsRefundView } from '@shared/ops/views';
import { REFUND_STATE_LABELS } from '@shared/orders/states';
import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 运营后台 · 退款 in the WEAPP BUILD under simulate, with the fake cloud behind wx.cloud: customers
 * are refused; the home lists it; 失败 shows what WeChat said and what to do (退款关闭 → 重试
 * re-submits and the card leaves the tab; 退款异常 → 重试 only asks WeChat and says to handle it in
 * 商户平台); 处理中过久 shows the threshold from settings; every retry is one request id.
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

function open(path: string) {
  page?.detach();
  page = env.app.openPage(path, {});
}

const T0 = Date.UTC(2026, 11, 1, 2, 0, 0);
function refund(id: string, status: 'pending' | 'failed', part: Partial<OpsRefundView['parts'][number]>, extra: Partial<OpsRefundView> = {}): OpsRefundView & { stuck?: boolean } {
  return {
    refundId: id,
    openid: 'cust_a',
    kind: 'order',
    orderId: 'ord_abcdefghij0123',
    amountFen: 19_800,
    status,
    customerLabel: REFUND_STATE_LABELS[status],
    createdAt: T0,
    ...(status === 'pending' ? { waitingSince: T0 } : {}),
    retries: 0,
    parts: [{ outRefundNo: id, outTradeNo: 'ord_abcdefghij0123', refundFee: 19_800, state: 'failed', attempts: 0, queries: 0, ...part }],
    canRetry: true,
    ...extra,
  };
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index', { pageSize: 5 });
  const r = env.cloud.ops.state.refunds;
  r.set('rfd_closed000001', refund('rfd_closed000001', 'failed', { resultStatus: 'REFUNDCLOSE', error: 'REFUNDCLOSE: 微信已关闭该退款（通常是商户号余额不足超过 7 天）。请给商户号充值后点「重试」，将用同一退款单号重新提交', finishedAt: T0 + 1 }, { createdAt: T0 + 2 }));
  r.set('rfd_change000001', refund('rfd_change000001', 'failed', { resultStatus: 'CHANGE', error: 'CHANGE: 退款异常——退回原账户失败（如银行卡已注销或冻结）', nextAt: T0 + 6 * 3_600_000 }));
  r.set('rfd_stuck0000001', { ...refund('rfd_stuck0000001', 'pending', { state: 'pending', attempts: 4, error: 'NOTENOUGH: 基本账户余额不足，请充值后重新发起', nextAt: T0 + 3_600_000 }), stuck: true });
});
afterAll(() => page?.detach());

test('a customer is told the page is for operators', async () => {
  open('packages/ops/refunds/index');
  await until('#ops-forbidden', '仅运营人员可访问此页面');
});

test('operator: 失败 shows why and what to do; 重试 a 退款关闭 re-submits it (it leaves the tab); a 退款异常 stays, with what to do in 商户平台', async () => {
  env.cloud.state.role = { operator: true, owner: true };
  open('packages/ops/home/index');
  await until('#ops-home-refunds', '退款');

  open('packages/ops/refunds/index');
  await until('#ops-refund-rfd_closed000001-state', '失败');
  expect(text('#refunds-intro')).toContain('原退款单号');
  expect(text('#ops-refund-rfd_closed000001-part-0-error')).toContain('REFUNDCLOSE');
  expect(text('#ops-refund-rfd_closed000001-customer')).toBe('退款遇到问题，客服正在处理，无需重复申请');
  expect(text('#ops-refund-rfd_closed000001-who-name')).toBe('顾客（尾号 st_a）');
  expect(text('#ops-refund-rfd_change000001-part-0-state')).toContain('需在商户平台处理');
  expect($('#ops-refund-rfd_stuck0000001')).toBeUndefined();

  tap('#retry-rfd_closed000001');
  await until('#refunds-notice', '已用原退款单号重新提交给微信（¥198），微信已受理');
  await waitFor(() => !$('#ops-refund-rfd_closed000001'), 'the re-submitted refund to leave 失败');

  tap('#retry-rfd_change000001');
  await until('#refunds-notice', '微信仍显示退款异常（¥198）：请在微信支付商户平台「交易中心 → 退款」处理此笔退款');
  expect(text('#ops-refund-rfd_change000001-state')).toBe('失败');
  const calls = env.callsOf('ops.retryRefund');
  expect(calls).toEqual([
    { action: 'retryRefund', refundId: 'rfd_closed000001', requestId: expect.stringMatching(/^rretry_/) },
    { action: 'retryRefund', refundId: 'rfd_change000001', requestId: expect.stringMatching(/^rretry_/) },
  ]);

  // The merchant handled it in 商户平台: the next 重试 finds WeChat has paid it.
  env.cloud.ops.state.changeHandled = true;
  tap('#retry-rfd_change000001');
  await until('#refunds-notice', '退款 rfd_change000001 已完成：¥198 已由微信原路退回。');
  await waitFor(() => !$('#ops-refund-rfd_change000001'), 'the paid refund to leave 失败');
  expect(env.callsOf('ops.retryRefund')).toHaveLength(3);
  expect(new Set(env.callsOf('ops.retryRefund').map((c) => c.requestId)).size).toBe(3);
});

test('处理中过久: the threshold from settings, the refusal and the automatic re-submission time', async () => {
  open('packages/ops/refunds/index');
  await waitFor(() => $('#refunds-tab-stuck'), 'the tabs');
  tap('#refunds-tab-stuck');
  await until('#ops-refund-rfd_stuck0000001-state', '处理中');
  expect(text('#refunds-intro')).toContain('提交超过 24 小时仍未完成');
  expect(text('#ops-refund-rfd_stuck0000001-part-0-error')).toContain('NOTENOUGH');
  expect(text('#ops-refund-rfd_stuck0000001-part-0-state')).toContain('自动重新提交（同一退款单号）');
  expect(text('#ops-refund-rfd_stuck0000001-customer')).toBe('退款处理中');
  expect(env.callsOf('ops.refunds').map((c) => c.tab)).toContain('stuck');
});
