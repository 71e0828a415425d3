import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { settled, untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 会员 in the WEAPP BUILD under simulate: the spend-tier progress (text, bar, thresholds from the
 * server's view) at spend 0, between tiers and past all of them, the entry to the gift list, and
 * the welcome gift pack claim through the shared delivery form.
 */
jest.setTimeout(180_000);

let env: MoneyWeapp;
let page: SimulatedComponent | undefined;
const $ = (sel: string) => page!.querySelector(sel);
const text = (sel: string) => textOf($(sel));
const settle = () => settled(env.bridge, () => textOf(page));
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
const styleOf = (sel: string) => $(sel)?.dom.getAttribute('style') ?? '';
const fill = () => /width:\s*([\d.]+)%/.exec(styleOf('#member-tier-fill'))?.[1];

function openMember() {
  page?.detach();
  page = env.app.openPage('pages/member/index');
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/member/index');
});
afterAll(() => page?.detach());

test('spend 0: the first gift is ¥5,000 away; the bar is empty; thresholds are marked', async () => {
  openMember();
  await until('#member-tier-text', '再消费 ¥5,000 可领取 ¥5,000 消费礼');
  expect(text('#member-tier-spend')).toBe('累计消费 ¥0');
  expect(fill()).toBe('0');
  expect([0, 1, 2, 3].map((i) => text(`#member-tier-label-${i}`))).toEqual(['¥5,000', '¥10,000', '¥50,000', '¥100,000']);
  expect([0, 1, 2, 3].map((i) => /left:\s*([\d.]+)%/.exec(styleOf(`#member-tier-mark-${i}`))?.[1])).toEqual(['25', '50', '75', '100']);
  expect(page!.querySelectorAll('.tier-progress__mark--reached')).toHaveLength(0);
  expect(text('#tier-gifts-link')).toContain('查看全部消费礼');
  expect($('#tier-gifts-available')).toBeUndefined();
});

test('between tiers: ¥30,000 spent → ¥20,000 to the ¥50,000 gift, two gifts to claim', async () => {
  env.cloud.setSpend(3_000_000);
  openMember();
  await until('#member-tier-text', '再消费 ¥20,000 可领取 ¥50,000 消费礼');
  expect(text('#member-tier-spend')).toBe('累计消费 ¥30,000');
  expect(fill()).toBe('62.5');
  expect(page!.querySelectorAll('.tier-progress__mark--reached')).toHaveLength(2);
  expect(text('#tier-gifts-available')).toBe('2 份可领取');
});

test('past every tier: 已解锁全部消费礼, a full bar', async () => {
  env.cloud.setSpend(10_000_000);
  openMember();
  await until('#member-tier-text', '已解锁全部消费礼');
  expect(fill()).toBe('100');
  expect(text('#member-tier-spend')).toBe('累计消费 ¥100,000');
  expect(page!.querySelectorAll('.tier-progress__mark--reached')).toHaveLength(4);
});

test('a failed refresh keeps the last progress on screen (never blanks it, never shows a code)', async () => {
  env.cloud.failNext('member.tiers', 'INTERNAL', '');
  const before = env.callsOf('member.tiers').length;
  openMember();
  await waitFor(() => env.callsOf('member.tiers').length > before, 'the refresh on show');
  await settle();
  expect(text('#member-tier-text')).toBe('已解锁全部消费礼');
  expect($('#member-tier-retry')).toBeUndefined();
  expect(page!.dom.textContent).not.toContain('INTERNAL');
});

test('the welcome gift pack is still claimed through the (shared) delivery form', async () => {
  openMember();
  await waitFor(() => $('#buy-annual'), 'the plans');
  tap('#buy-annual');
  await until('#gift-pack-status', '待领取');
  tap('#claim-open');
  await waitFor(() => $('#claim-form'), 'the claim form');
  tap('#claim-method-address');
  await waitFor(() => $('#claim-name'), 'the address fields');
  type('#claim-name', '张三');
  type('#claim-phone', '13800138000');
  type('#claim-address', '上海市静安区南京西路 1 号 12 楼');
  tap('#claim-submit');
  // The ¥1,500 pack is worth more than the ¥1,000 fee: claiming it gives up the whole refund, and the page says so first (issue 15 #8).
  await waitFor(() => $('#claim-confirm'), 'the claim confirmation');
  expect(text('#claim-confirm')).toContain('−¥1,000.00');
  expect(text('#claim-confirm')).toContain('礼包价值不低于可退金额，领取后会员费不再退还');
  expect(env.callsOf('membership.claimPack')).toHaveLength(0);
  tap('#claim-confirm-confirm');
  await until('#gift-pack-status', '已领取');
  expect(text('#gift-pack-delivery')).toBe('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号 12 楼');
  expect(env.callsOf('membership.claimPack')[0]).toMatchObject({ delivery: { method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' } });
});

test('提前续费奖励: 「现在续费送…」 while the server offers it, nothing otherwise', async () => {
  env.cloud.state.memberUntil = env.cloud.now() + 10 * 86_400_000;
  openMember();
  await waitFor(() => $('#member-content'), 'the member page');
  await settle();
  expect($('#member-renew-reward')).toBeUndefined();
  env.cloud.state.renewalOffer = { couponName: '续费礼券', daysBefore: 30 };
  openMember();
  await until('#member-renew-reward', '现在续费送「续费礼券」（到期前 30 天内续费有效）');
  env.cloud.state.renewalOffer = undefined;
  openMember();
  await waitFor(() => $('#member-content'), 'the member page');
  await settle();
  expect($('#member-renew-reward')).toBeUndefined();
});
