import { startTestStore, type TestStore } from '../../../local/testing/store-harness';
import type { CouponDoc } from '../../../shared/promotions/coupon';
import { DAY_MS } from '../../../shared/time';
import { getAll } from '../../_kit/db';
import { COLL } from '../../_kit/collections';

/**
 * 提前续费奖励 (issue 19) through the real path: with the reward on, a renewal paid within N days
 * before the current expiry earns ONE coupon in the payment's transaction — a redelivered pay
 * callback earns nothing more; a renewal outside the window, or with the reward off, earns none. The
 * member page's status says 「现在续费送…」 only while it applies.
 */

let s: TestStore;
let offset = 0;
const travel = async (ms: number) => {
  offset += ms;
  await s.clock(offset);
};
const now = () => Date.now() + offset;
let templateId: string;

beforeAll(async () => {
  s = await startTestStore();
  const t = await s.call(OP, 'coupon', {
    action: 'saveTemplate',
    template: { name: '续费礼券', offer: { code: 'amount-off', args: { amountFen: 5_000 } }, minSpendFen: 20_000, validity: { kind: 'days', days: 30 }, perCustomerLimit: 5 },
    requestId: s.rid('tpl'),
  });
  expect(t.error).toBeUndefined();
  templateId = t.data.templateId;
});
afterAll(() => s.close());

const OP = 'op_admin';

async function setReward(reward: Record<string, unknown>) {
  const editor = await s.call(OP, 'settings', { action: 'editor' });
  return s.call(OP, 'settings', { action: 'update', settings: { ...editor.data.settings, earlyRenewalReward: reward }, expectedVersion: editor.data.version, requestId: s.rid('set') });
}
async function buyMembership(openid: string): Promise<string> {
  const r = await s.call(openid, 'membership', { action: 'buy', planId: 'annual', requestId: s.rid('mb') });
  expect(r.error).toBeUndefined();
  expect((await s.pay(r.data.payment.outTradeNo)).ok).toBe(true);
  return r.data.payment.outTradeNo;
}
const status = async (openid: string) => (await s.call(openid, 'membership', { action: 'status' })).data;
const rewardCoupons = async (openid: string) => (await getAll<CouponDoc>(s.db(), COLL.coupons, { openid })).filter((c) => c.issuedBy === 'renewal');

test('settings: off by default; on without a coupon is refused in Chinese', async () => {
  const editor = await s.call(OP, 'settings', { action: 'editor' });
  expect(editor.data.settings.earlyRenewalReward).toEqual({ enabled: false, daysBefore: 30, couponTemplateId: '' });
  const bad = await setReward({ enabled: true, daysBefore: 30, couponTemplateId: '' });
  expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  expect(JSON.stringify(bad.error)).toContain('开启提前续费奖励前，请填写要赠送的优惠券编号');
});

test('off: a renewal within the window earns nothing and the member page offers nothing', async () => {
  const u = 'er_off';
  await buyMembership(u);
  const expiry = (await status(u)).expiresAt as number;
  await travel(expiry - 10 * DAY_MS - now());
  expect((await status(u)).earlyRenewalReward).toBeUndefined();
  await buyMembership(u);
  expect(await rewardCoupons(u)).toHaveLength(0);
});

test('on: renewed 10 days before expiry → one coupon, once, even when the pay callback is redelivered', async () => {
  expect((await setReward({ enabled: true, daysBefore: 30, couponTemplateId: templateId })).ok).toBe(true);
  const u = 'er_early';
  await buyMembership(u);
  const expiry = (await status(u)).expiresAt as number;
  // 40 days before: outside the window — nothing offered yet.
  await travel(expiry - 40 * DAY_MS - now());
  expect((await status(u)).earlyRenewalReward).toBeUndefined();
  await travel(30 * DAY_MS);
  expect((await status(u)).earlyRenewalReward).toEqual({ couponName: '续费礼券', daysBefore: 30 });

  const tradeNo = await buyMembership(u);
  let coupons = await rewardCoupons(u);
  expect(coupons).toHaveLength(1);
  expect(coupons[0]).toMatchObject({ templateId, status: 'available', issuedBy: 'renewal' });
  const order = (await getAll<{ _id: string; membership?: { renewalCouponId?: string } }>(s.db(), COLL.orders, { _id: tradeNo }))[0];
  expect(order.membership?.renewalCouponId).toBe(coupons[0]._id);

  // WeChat redelivers the same notification: the payment is already applied, nothing more is granted.
  expect((await s.redeliver(tradeNo)).ok).toBe(true);
  expect((await s.redeliver(tradeNo)).ok).toBe(true);
  coupons = await rewardCoupons(u);
  expect(coupons).toHaveLength(1);
  // The next expiry is a year away: the offer is gone until that term nears its end.
  expect((await status(u)).earlyRenewalReward).toBeUndefined();
  expect((await status(u)).expiresAt).toBe(expiry + 365 * DAY_MS);
});

test('on: renewed 40 days before expiry (outside the window) or after it lapsed → no coupon', async () => {
  const early = 'er_too_early';
  const late = 'er_late';
  await buyMembership(early);
  await buyMembership(late);
  const expiry = (await status(early)).expiresAt as number;
  await travel(expiry - 40 * DAY_MS - now());
  await buyMembership(early);
  expect(await rewardCoupons(early)).toHaveLength(0);
  await travel(expiry + 2 * DAY_MS - now());
  expect((await status(late)).earlyRenewalReward).toBeUndefined();
  await buyMembership(late);
  expect(await rewardCoupons(late)).toHaveLength(0);
});

test('a first purchase is not a renewal: no coupon', async () => {
  await buyMembership('er_new');
  expect(await rewardCoupons('er_new')).toHaveLength(0);
  expect((await status('er_new')).earlyRenewalReward).toBeUndefined();
});
