import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 累计消费礼 (packages/member/gifts, a subpackage page) in the WEAPP BUILD under simulate, with the
 * model of the `member` function behind wx.cloud: progress, every gift status with its badge and
 * next step, and the claim flow (快递到家 / 到店自提 → confirm → success, refreshed from the server).
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
const type = (sel: string, value: string) => {
  const node = $(sel);
  if (!node) throw new Error(`${sel} is not on the page`);
  node.dispatchEvent('input', { detail: { value } });
};
const until = untilText(text);
const styleOf = (sel: string) => $(sel)?.dom.getAttribute('style') ?? '';

async function openGifts() {
  page?.detach();
  page = env.app.openPage('packages/member/gifts/index');
  await waitFor(() => $('#gift-list'), '#gift-list');
}

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index');
  const cloud = env.cloud;
  // Every status at once: ¥50,000 reached (5k, 10k, 50k granted), the 10k gift's deadline passed,
  // then refunds back to ¥40,000 (the unclaimed 50k gift is suspended); 100k never reached.
  cloud.setSpend(5_000_000);
  cloud.state.granted.get('tier-10k')!.claimDeadline = cloud.now() - 1;
  cloud.setSpend(4_000_000);
});
afterAll(() => page?.detach());

test('progress and every status: badge, what it means, and 领取 only where it is possible', async () => {
  await openGifts();
  expect(text('#gifts-tier-text')).toBe('再消费 ¥60,000 可领取 ¥100,000 消费礼');
  expect(text('#gifts-tier-spend')).toBe('累计消费 ¥40,000');
  // ¥40,000 is 3/4 of the way from ¥10,000 to ¥50,000: 50% + ¾ × 25%.
  expect(styleOf('#gifts-tier-fill')).toMatch(/width:\s*68\.75%/);
  expect([0, 1, 2, 3].map((i) => text(`#gifts-tier-label-${i}`))).toEqual(['¥5,000', '¥10,000', '¥50,000', '¥100,000']);
  expect(styleOf('#gifts-tier-mark-0')).toMatch(/left:\s*25%/);

  expect(text('#gift-tier-5k-status')).toBe('可领取');
  expect(text('#gift-tier-5k-note')).toMatch(/^领取截止 \d{4}-\d{2}-\d{2}，逾期作废$/);
  expect(text('#gift-tier-5k-claim')).toBe('领取');

  expect(text('#gift-tier-10k-status')).toBe('已过期');
  expect(text('#gift-tier-10k-note')).toMatch(/^已于 \d{4}-\d{2}-\d{2} 过期，未在领取期限内领取$/);
  expect($('#gift-tier-10k-claim')).toBeUndefined();

  expect(text('#gift-tier-50k-status')).toBe('暂停');
  expect(text('#gift-tier-50k-note')).toBe('退款后累计消费低于门槛，再消费 ¥10,000 即可恢复');
  expect($('#gift-tier-50k-claim')).toBeUndefined();

  expect(text('#gift-tier-100k-status')).toBe('未解锁');
  expect(text('#gift-tier-100k-note')).toBe('还差 ¥60,000');
  expect(text('#gift-tier-100k')).toContain('累计满 ¥100,000');
  expect($('#gift-tier-100k-claim')).toBeUndefined();
});

test('claim 快递到家: the form says what is missing, the confirm shows the address, then 已领取 · 待发货', async () => {
  tap('#gift-tier-5k-claim');
  await waitFor(() => $('#gift-claim-form'), 'the claim form');
  tap('#gift-claim-method-address');
  await waitFor(() => $('#gift-claim-name'), 'the address fields');
  type('#gift-claim-name', '张三');
  type('#gift-claim-phone', '1380013');
  type('#gift-claim-address', '上海市静安区南京西路 1 号 12 楼');
  tap('#gift-claim-submit');
  await until('#gifts-notice', '请填写收件人的 11 位手机号。');
  expect($('#gift-claim-dialog')).toBeUndefined();

  type('#gift-claim-phone', '13800138000');
  tap('#gift-claim-submit');
  await until('#gift-claim-dialog', '确认领取「¥5,000 消费礼」？');
  expect(text('#gift-claim-summary')).toBe('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号 12 楼');
  expect(env.callsOf('member.claimGift')).toHaveLength(0);

  tap('#gift-claim-dialog-confirm');
  await until('#gifts-notice', '「¥5,000 消费礼」领取成功，我们会尽快寄出，请留意物流信息。');
  expect($('#gift-claim-dialog')).toBeUndefined();
  await until('#gift-tier-5k-status', '已领取');
  expect(text('#gift-tier-5k-note')).toBe('待发货');
  expect(text('#gift-tier-5k-delivery')).toBe('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号 12 楼');
  expect(env.callsOf('member.claimGift')).toEqual([
    { action: 'claimGift', giftId: 'tier-5k', requestId: expect.stringMatching(/^gift_/), delivery: { method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' } },
  ]);

  // The operator ships it: the customer sees carrier and tracking number.
  const claim = env.cloud.state.claims.get('ent_tier_tier-5k')!;
  claim.fulfilment = { state: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890', at: env.cloud.now() };
  await openGifts();
  expect(text('#gift-tier-5k-note')).toBe('已发货 · 顺丰速运 运单号 SF1234567890');
});

test('claim 到店自提 (regained spend restores the suspended gift); GIFT_OUT_OF_STOCK shows the server message', async () => {
  env.cloud.setSpend(5_000_000);
  env.cloud.state.stock.set('tier-50k', 0);
  await openGifts();
  expect(text('#gifts-tier-text')).toBe('再消费 ¥50,000 可领取 ¥100,000 消费礼');
  await until('#gift-tier-50k-status', '可领取');

  tap('#gift-tier-50k-claim');
  await waitFor(() => $('#gift-claim-form'), 'the claim form');
  tap('#gift-claim-submit'); // 到店自提 is the default: nothing to fill in
  await until('#gift-claim-dialog', '到店自提');
  tap('#gift-claim-dialog-confirm');
  await until('#gifts-notice', '「¥50,000 消费礼」已领完，请联系客服为您更换等值礼品。');
  expect(text('#gifts-notice')).not.toContain('GIFT_OUT_OF_STOCK');
  expect($('#gift-claim-form')).toBeUndefined();

  env.cloud.state.stock.delete('tier-50k');
  tap('#gift-tier-50k-claim');
  await waitFor(() => $('#gift-claim-form'), 'the claim form again');
  tap('#gift-claim-method-pickup');
  tap('#gift-claim-submit');
  await waitFor(() => $('#gift-claim-dialog'), 'the confirm dialog');
  tap('#gift-claim-dialog-confirm');
  await until('#gifts-notice', '「¥50,000 消费礼」领取成功，请到店出示会员码自提。');
  await until('#gift-tier-50k-status', '已领取');
  expect(text('#gift-tier-50k-note')).toBe('待自提');
  expect(text('#gift-tier-50k-delivery')).toBe('到店自提 · 到店出示会员码即可领取');
  expect(env.callsOf('member.claimGift').at(-1)).toMatchObject({ giftId: 'tier-50k', delivery: { method: 'pickup' } });
});

test('past every tier: 已解锁全部消费礼 and a full bar', async () => {
  env.cloud.setSpend(12_000_000);
  await openGifts();
  expect(text('#gifts-tier-text')).toBe('已解锁全部消费礼');
  expect(styleOf('#gifts-tier-fill')).toMatch(/width:\s*100%/);
  expect(text('#gift-tier-100k-status')).toBe('可领取');
});
