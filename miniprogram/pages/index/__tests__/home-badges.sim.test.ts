import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * The product cards' badges in the WEAPP BUILD under simulate, with the money and member models
 * behind wx.cloud: the members-only countdown for non-members and 会员专享抢先购 for members, and
 * 已购买过 on a trial the customer bought.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));

async function open(path: string, ready: string) {
  page?.detach();
  page = env.app.openPage(path);
  await waitFor(() => $(ready), `${ready} on ${path}`);
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/index/index');
});
afterAll(() => page?.detach());

test('non-member: the members-only product counts down to when it opens to everyone', async () => {
  await open('pages/index/index', '#product-list');
  await waitFor(() => env.callsOf('membership.status').length > 0 && env.callsOf('member.trials').length > 0, 'membership and trials to load');
  const countdown = /^会员抢先购 · 还剩 1[34]天(\d+小时)? 对所有人开放$/;
  await waitFor(() => countdown.test(text('#product-prd_essence_new-early')), `the countdown badge (now "${text('#product-prd_essence_new-early')}")`);
  expect($('#product-prd_serum-early')).toBeUndefined();
  expect(text('#product-prd_serum_trial')).toContain('体验装 · 每人限购一次');
  expect($('#product-prd_serum_trial-used')).toBeUndefined();
  expect(text('#product-prd_serum_trial')).toContain('正装：焕颜修护精华 50ml');
});

test('a trial bought (or reserved by an order) shows 已购买过 and points at the full product', async () => {
  env.cloud.state.trials.push({ productId: 'prd_serum_trial', fullProductId: 'prd_serum', status: 'reserved', orderId: 'ord_0000000001x' });
  // Pull-down refresh is how a customer refreshes the home page.
  (page!.instance as { onPullDownRefresh?: () => void }).onPullDownRefresh?.();
  await waitFor(() => $('#product-prd_serum_trial-used'), 'the 已购买过 badge');
  expect(text('#product-prd_serum_trial-used')).toBe('已购买过');
  expect(text('#product-prd_serum_trial')).toContain('可直接购买正装：焕颜修护精华 50ml');
  expect($('#product-prd_course_trial-used')).toBeUndefined();
});

test('an active member sees 会员专享抢先购 instead of the countdown', async () => {
  env.cloud.state.memberUntil = env.cloud.now() + 365 * 86_400_000;
  // The 会员 tab reloads the membership status on show; the home cards follow the shared store.
  await open('pages/member/index', '#member-status');
  await waitFor(() => text('#member-status').includes('会员生效中'), 'the member status');
  await open('pages/index/index', '#product-list');
  await waitFor(() => text('#product-prd_essence_new-early') === '会员专享抢先购', 'the member badge');
});

test('an uploaded cover replaces the letter thumb; a sold-out product says 已售罄 instead of 购买', async () => {
  const tea = env.cloud.catalog.products.find((p) => p._id === 'prd_tea')!;
  tea.images = ['https://sim.tcb/products/202605/tea.jpg'];
  tea.imageUrl = tea.images[0];
  tea.soldOut = true;
  (page!.instance as { onPullDownRefresh?: () => void }).onPullDownRefresh?.();
  await waitFor(() => $('#product-prd_tea-soldout'), 'the 已售罄 badge');
  expect(text('#product-prd_tea-soldout')).toBe('已售罄');
  expect(text('#product-prd_tea')).not.toContain('购买 ›');
  expect($('#product-prd_tea-img')).toBeDefined();
  expect($('#product-prd_mask-img')).toBeUndefined();
  expect(text('#product-prd_mask')).toContain('购买 ›');
  delete tea.images;
  delete tea.imageUrl;
  delete tea.soldOut;
});
