import { bootMoneyWeapp, textOf, type MoneyWeapp } from '../../../__tests__/support/money-weapp';
import { untilText, waitFor } from '../../../__tests__/support/wait-for';
import type { SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * 运营后台 · 礼品发货 (packages/ops/gift-claims, a subpackage page) in the WEAPP BUILD under
 * simulate, with the model of the `ops` function behind wx.cloud: FORBIDDEN for customers, the
 * three tabs, paging, 发货 (checked before sending) and 确认已自提.
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
const claimCards = () => page!.querySelectorAll('.ops-claim');

function openOps() {
  page?.detach();
  page = env.app.openPage('packages/ops/gift-claims/index');
}

const address = { method: 'address' as const, name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号 12 楼' };
let ship: string, pickup: string, third: string;

beforeAll(() => {
  env = bootMoneyWeapp('pages/me/index', { pageSize: 2 });
  ship = env.cloud.addClaim({ openid: 'cust_a', delivery: address }).entitlementId;
  // cust_a chose a nickname and an avatar (头像昵称); the others did not.
  env.cloud.state.displays.set('cust_a', { nickname: '小青', avatarFileID: 'cloud://sim-env.bucket/avatars/avf_a/ava_1.jpg', consentAt: 1, updatedAt: 1 });
  pickup = env.cloud.addClaim({ openid: 'cust_b', source: 'welcome', name: '入会礼包', items: ['修护精华 30ml', '面膜 5 片'], delivery: { method: 'pickup', name: '李四', phone: '13900001111' } }).entitlementId;
  third = env.cloud.addClaim({ openid: 'cust_c', giftId: 'tier-10k', name: '¥10,000 消费礼', delivery: { ...address, name: '王五' } }).entitlementId;
});
afterAll(() => page?.detach());

test('a customer who opens the page is told it is for operators, in Chinese', async () => {
  openOps();
  await until('#ops-forbidden', '仅运营人员可访问此页面');
  expect(text('#ops-forbidden')).not.toContain('FORBIDDEN');
  expect($('#ops-tabs')).toBeUndefined();
  expect($('#ops-claims')).toBeUndefined();
});

test('operator: 待处理 oldest first with who, what and how it travels; 加载更多 pages', async () => {
  env.cloud.state.role = { operator: true, owner: false };
  openOps();
  await waitFor(() => $('#ops-claims'), '#ops-claims');
  expect(text('#ops-tab-pending')).toBe('待处理');
  expect($('#ops-tab-pending')!.dom.className).toContain('ops-tab--on');
  expect(claimCards()).toHaveLength(2);
  const first = text(`#ops-claim-${ship}`);
  expect(text(`#ops-claim-${ship}-customer-name`)).toBe('小青');
  expect(text(`#ops-claim-${ship}-customer-hint`)).toBe('尾号 st_a');
  expect($(`#ops-claim-${ship}-customer-avatar`)).toBeDefined();
  expect(text(`#ops-claim-${pickup}-customer-name`)).toBe('顾客（尾号 st_b）');
  expect($(`#ops-claim-${pickup}-customer-avatar`)).toBeUndefined();
  for (const s of ['消费礼', '¥5,000 消费礼', '精选礼盒', '快递到家', '张三 13800138000', '上海市静安区南京西路 1 号 12 楼', '待发货']) expect(first).toContain(s);
  expect(text(`#ops-claim-${ship}`)).toMatch(/领取时间\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  expect(text(`#ops-claim-${pickup}-delivery`)).toBe('到店自提 · 李四 13900001111');
  expect(text(`#ops-claim-${pickup}`)).toContain('入会礼包');
  // Each claim offers only the action its delivery allows.
  expect(text(`#ops-ship-${ship}`)).toBe('发货');
  expect($(`#ops-pickup-${ship}`)).toBeUndefined();
  expect(text(`#ops-pickup-${pickup}`)).toBe('确认已自提');
  expect($(`#ops-ship-${pickup}`)).toBeUndefined();

  tap('#ops-more');
  await waitFor(() => claimCards().length === 3, 'the second page');
  expect($('#ops-more')).toBeUndefined();
  expect(env.callsOf('ops.giftClaims').at(-1)).toEqual({ action: 'giftClaims', state: 'pending', cursor: 2 });
});

test('发货: an empty tracking number is refused in the form; then shipped and moved to 已发货', async () => {
  tap(`#ops-ship-${ship}`);
  await until('#ops-ship-dialog', '寄给 张三 13800138000');
  tap('#ops-ship-carrier-0'); // 顺丰速运
  await waitFor(() => $('#ops-ship-carrier-0')!.dom.className.includes('ops-chip--on'), 'the carrier chip');
  tap('#ops-ship-dialog-confirm');
  await until('#ops-ship-error', '请填写运单号。');
  expect(env.callsOf('ops.shipGift')).toHaveLength(0);

  type('#ops-ship-tracking', 'SF 1234 5678 90');
  await waitFor(() => !$('#ops-ship-error'), 'the error to clear on typing');
  tap('#ops-ship-dialog-confirm');
  await until('#ops-notice', '已发货：「¥5,000 消费礼」· 顺丰速运 SF1234567890。');
  expect($('#ops-ship-dialog')).toBeUndefined();
  expect(env.callsOf('ops.shipGift')).toEqual([{ action: 'shipGift', entitlementId: ship, carrier: '顺丰速运', trackingNo: 'SF1234567890', requestId: expect.stringMatching(/^ship_/) }]);
  await waitFor(() => !$(`#ops-claim-${ship}`), 'the shipped claim to leave 待处理');

  tap('#ops-tab-shipped');
  await waitFor(() => $(`#ops-claim-${ship}`), 'the claim under 已发货');
  expect($('#ops-tab-shipped')!.dom.className).toContain('ops-tab--on');
  expect(text(`#ops-claim-${ship}-state`)).toBe('已发货');
  expect(text(`#ops-claim-${ship}-tracking`)).toBe('顺丰速运 SF1234567890');
  expect(text(`#ops-claim-${ship}`)).toContain('发货时间');
  expect($(`#ops-ship-${ship}`)).toBeUndefined();
  expect(env.callsOf('ops.giftClaims').at(-1)).toEqual({ action: 'giftClaims', state: 'shipped' });
});

test('确认已自提 after a confirm; 已自提 lists it; an empty tab says so', async () => {
  tap('#ops-tab-picked-up');
  await until('#empty', '还没有已自提的礼品。');
  tap('#ops-tab-pending');
  await waitFor(() => $(`#ops-pickup-${pickup}`), 'the pickup claim');
  tap(`#ops-pickup-${pickup}`);
  await until('#ops-pickup-dialog', '确认顾客已到店自提？');
  expect(text('#ops-pickup-dialog')).toContain('修护精华 30ml、面膜 5 片');
  expect(env.callsOf('ops.markPickedUp')).toHaveLength(0);
  tap('#ops-pickup-dialog-confirm');
  await until('#ops-notice', '已确认自提：「入会礼包」。');
  expect(env.callsOf('ops.markPickedUp')).toEqual([{ action: 'markPickedUp', entitlementId: pickup, requestId: expect.stringMatching(/^pickup_/) }]);
  await waitFor(() => claimCards().length === 1 && !!$(`#ops-claim-${third}`), 'only the third claim left');

  tap('#ops-tab-picked-up');
  await waitFor(() => $(`#ops-claim-${pickup}`), 'the claim under 已自提');
  expect(text(`#ops-claim-${pickup}-state`)).toBe('已自提');
  expect(text(`#ops-claim-${pickup}`)).toContain('自提时间');
});
