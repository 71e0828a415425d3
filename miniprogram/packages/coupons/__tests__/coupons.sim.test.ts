import http from 'node:http';
import { createCloudBridge, gatewayBackend, type CloudBridge } from '../../../__tests__/support/cloud-bridge';
import { spawnLocalServer, type RunningLocalServer } from '../../../__tests__/support/local-server';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type BootedWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * Coupons in the WEAPP BUILD under miniprogram-simulate, with wx.cloud bridged to the REAL local
 * server (gateway → coupon/order handlers → emulator): the checkout picker (best coupon chosen,
 * reasons for the others, 不使用优惠券, the total follows, the order records the coupon), 我的优惠券
 * (领取, 可使用 / 已使用 / 已过期) and the operator's 优惠券 page (新建 with field checks, 暂停).
 */
jest.setTimeout(240_000);

let server: RunningLocalServer;
let app: BootedWeapp;
let bridge: CloudBridge;
let page: SimulatedComponent | undefined;
let openid = 'cust_coupon_sim';
const CUSTOMER = 'cust_coupon_sim';

const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => $(sel)?.dom.textContent ?? '';
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
const open = async (path: string, ready: string, query: Record<string, string> = {}) => {
  page?.detach();
  page = app.openPage(path, query);
  await waitFor(() => $(ready), `${ready} on ${path}`);
};
const callsOf = (key: string) => bridge.calls.filter((c) => `${c.name}.${String(c.data.action)}` === key).map((c) => c.data);

function post(path: string, body: unknown, who?: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length, ...(who ? { 'x-dev-openid': who } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(data);
  });
}
let seq = 0;
const rid = () => `sim_${Date.now().toString(36)}_${seq++}`;
const fn = (who: string, name: string, body: Record<string, unknown>) => post(`/fn/${name}`, body, who);

async function template(body: Record<string, unknown>): Promise<string> {
  const r = await fn('op_admin', 'coupon', { action: 'saveTemplate', template: { validity: { kind: 'days', days: 7 }, ...body }, requestId: rid() });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.data.templateId;
}
const grant = async (templateId: string) => expect((await fn('op_admin', 'coupon', { action: 'issue', templateId, openid: CUSTOMER, requestId: rid() })).ok).toBe(true);

beforeAll(async () => {
  ensureWeappBuild();
  server = await spawnLocalServer();
  bridge = createCloudBridge(() => gatewayBackend(server.url, openid));
  app = bootWeapp(bridge, 'pages/index/index');
  // Balance to pay with (the weapp build cannot pay the local simulator's WeChat handles).
  const top = await fn(CUSTOMER, 'wallet', { action: 'topUp', planId: 'topup-3000', acceptTerms: true, requestId: rid() });
  await post(`/local/pay/${top.data.payment.outTradeNo}/succeed`, {});
  await grant(await template({ name: '满300减50', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 30_000 }));
  await grant(await template({ name: '满1000减100', offer: { code: 'amount-off', args: { amountFen: 10_000 } }, minSpendFen: 100_000 }));
});
afterAll(async () => {
  page?.detach();
  await post('/local/clock', { offsetMs: 0 }).catch(() => undefined);
  await server?.close();
});

test('checkout: the best coupon is chosen, the others say why not, 不使用优惠券 restores the total; the paid order used the coupon', async () => {
  await open('pages/checkout/index', '#checkout-price', { productId: 'prd_serum' });
  await until('#coupon-picker-sum', '-¥50');
  expect(text('#checkout-total')).toBe('¥638');
  expect(text('#coupon-stacking')).toBe('会员价与优惠券二选一，自动为您选更省的');
  expect(text('#checkout-coupon-tag')).toBe('已减¥50');

  tap('#coupon-picker-head');
  await waitFor(() => $('#coupon-list'), 'the coupon list');
  expect(text('#coupon-option-0')).toContain('满300减50 · 满¥300减¥50');
  expect(text('#coupon-option-0')).toContain('省 ¥50，实付 ¥638');
  expect(text('#coupon-unusable-0')).toContain('满¥1,000可用，还差¥312');
  tap('#coupon-none');
  await until('#checkout-total', '¥688');
  expect(text('#coupon-picker-sum')).toBe('1 张可用，未使用');
  expect($('#checkout-coupon-tag')).toBeUndefined();

  // Two pieces (¥1,376): the customer's 不使用 stands; both coupons now apply, the ¥100 one first.
  tap('#qty-plus');
  await until('#coupon-picker-sum', '2 张可用，未使用');
  expect(text('#checkout-total')).toBe('¥1,376');
  expect(callsOf('coupon.quote').at(-1)).toEqual({ action: 'quote', items: [{ productId: 'prd_serum', qty: 2 }] });
  tap('#coupon-picker-head');
  await waitFor(() => $('#coupon-option-1'), 'both options');
  expect(text('#coupon-option-0')).toContain('满1000减100');
  expect(text('#coupon-option-1')).toContain('满300减50');
  tap('#coupon-option-0');
  await until('#coupon-picker-sum', '-¥100');
  expect(text('#checkout-total')).toBe('¥1,276');

  tap('#pay-balance');
  tap('#checkout-submit');
  await waitFor(() => $('#checkout-success'), 'the success view');
  expect(text('#checkout-paid-total')).toBe('¥1,276.00');
  expect(text('#checkout-coupon-saved')).toBe('已用优惠券「满1000减100」，节省 ¥100');
  const sent = callsOf('order.create').at(-1)!;
  expect(sent).toMatchObject({ payWith: 'balance', items: [{ productId: 'prd_serum', qty: 2 }], couponId: expect.stringMatching(/^cpn_/) });
});

test('我的优惠券: 领券中心 claim, then 可使用 / 已使用 / 已过期', async () => {
  await template({ name: '限量立减券', offer: { code: 'amount-off', args: { amountFen: 2_000 } }, minSpendFen: 0, claimable: true, totalQuantity: 5 });
  await grant(await template({ name: '一日券', offer: { code: 'percent-off', args: { percent: 20, maxOffFen: 5_000 } }, minSpendFen: 0, validity: { kind: 'days', days: 1 } }));

  await open('packages/coupons/list/index', '#my-coupons');
  expect(text('#claim-0')).toContain('限量立减券');
  expect(text('#claim-0')).toContain('无门槛减¥20 · 领取后 7 天内有效');
  expect(text('#claim-0')).toContain('仅剩 5 张');
  tap('#claim-0-btn');
  await until('#coupons-notice', '已领取「限量立减券」，下单时会自动为您选用最省的券。');
  await until('#claim-0-note', '已领取');
  expect(text('#tab-available')).toBe('可使用 3');
  expect(text('#coupon-list')).toContain('限量立减券');
  expect(text('#coupon-list')).toContain('一日券');
  expect(text('#coupon-list')).toMatch(/有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const claims = callsOf('coupon.claim');
  expect(claims).toEqual([{ action: 'claim', templateId: expect.stringMatching(/^cpt_/), requestId: expect.stringMatching(/^clm_/) }]);

  tap('#tab-used');
  await until('#tab-used', '已使用 1');
  await until('#coupon-0-status', '已使用');
  expect(text('#coupon-0-note')).toMatch(/^已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 使用，节省 ¥100$/);

  // Two days later the one-day coupon has expired.
  await post('/local/clock', { offsetMs: 2 * 86_400_000 });
  await open('packages/coupons/list/index', '#my-coupons');
  tap('#tab-expired');
  await until('#coupon-0-status', '已过期');
  expect(text('#coupon-0')).toContain('一日券');
  expect(text('#coupon-0-note')).toMatch(/^已于 .* 过期$/);
  await post('/local/clock', { offsetMs: 0 });
});

test('运营后台 · 优惠券: 新建 checks fields first, creates, then 暂停发放', async () => {
  openid = 'op_admin';
  try {
    await open('packages/ops/coupons/index', '#ops-coupons');
    tap('#coupon-new');
    await waitFor(() => $('#coupon-form'), 'the form');
    type('#cf-name-input', '周末满200减30');
    type('#cf-amount-input', '30');
    type('#cf-minSpend-input', '20');
    tap('#cf-save');
    await until('#cf-amount-error', '减免金额须低于使用门槛');
    expect(callsOf('coupon.saveTemplate')).toHaveLength(0);
    type('#cf-minSpend-input', '200');
    type('#cf-totalQuantity-input', '100');
    tap('#cf-save');
    await until('#coupons-notice', '已创建「周末满200减30」（满¥200减¥30），顾客可在「我的优惠券」领取。');
    expect(text('#ct-0')).toContain('周末满200减30');
    expect(text('#ct-0-counts')).toBe('已发 0 / 100 · 已用 0');
    expect(callsOf('coupon.saveTemplate').at(-1)).toMatchObject({
      template: { name: '周末满200减30', offer: { code: 'amount-off', args: { amountFen: 3_000 } }, minSpendFen: 20_000, validity: { kind: 'days', days: 7 }, perCustomerLimit: 1, totalQuantity: 100, claimable: true, nextPurchaseOnly: false },
    });
    tap('#ct-0-toggle');
    await until('#ct-0-status', '已暂停');
    expect(text('#coupons-notice')).toContain('已暂停发放；已领取的券仍可使用。');
  } finally {
    openid = CUSTOMER;
  }
});
