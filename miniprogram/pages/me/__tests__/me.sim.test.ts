import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { settled, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 我的 in the WEAPP BUILD under simulate: the compact spend-tier progress and the operator entry,
 * which appears only when `ops.role` says operator.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const settle = () => settled(env.bridge, () => textOf(page));
const styleOf = (sel: string) => $(sel)?.dom.getAttribute('style') ?? '';

async function openMe(ready = '#me-tier-text') {
  page?.detach();
  page = env.app.openPage('pages/me/index');
  await waitFor(() => $(ready), ready);
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index');
});
afterAll(() => page?.detach());

test('a customer sees the compact progress and the gifts entry, and no operator entry', async () => {
  await openMe();
  expect(text('#me-tier-text')).toBe('再消费 ¥5,000 可领取 ¥5,000 消费礼');
  expect(text('#me-tier-spend')).toBe('累计消费 ¥0');
  expect(styleOf('#me-tier-fill')).toMatch(/width:\s*0%/);
  expect(text('#me-tier')).toContain('查看消费礼 ›');
  // Compact: the dots are there, the amount labels are not.
  expect($('#me-tier-mark-3')).toBeDefined();
  expect($('#me-tier-label-0')).toBeUndefined();
  expect(text('#menu-gifts')).toContain('累计消费礼');
  await waitFor(() => env.callsOf('ops.role').length > 0, 'the role to be asked');
  await settle();
  expect($('#menu-ops-gift-claims')).toBeUndefined();
  expect(page!.dom.textContent).not.toContain('运营后台');
});

test('between tiers: the gap to the next gift, the bar part-filled, and how many gifts wait', async () => {
  env.cloud.setSpend(750_000);
  await openMe();
  await waitFor(() => text('#me-tier-text') === '再消费 ¥2,500 可领取 ¥10,000 消费礼', 'the refreshed progress');
  expect(text('#me-tier-spend')).toBe('累计消费 ¥7,500');
  expect(styleOf('#me-tier-fill')).toMatch(/width:\s*37\.5%/);
  expect(text('#me-tier')).toContain('1 份礼品可领取 ›');
});

test('an operator gets 运营后台 · 礼品发货', async () => {
  env.cloud.state.role = { operator: true, owner: false };
  await openMe();
  await waitFor(() => $('#menu-ops-gift-claims'), 'the operator entry');
  expect(text('#menu-ops-gift-claims')).toContain('运营后台 · 礼品发货');
});
