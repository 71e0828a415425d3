import type { TierView, TiersView } from '@shared/tiers/view';
import { deliveryText, fulfilmentText } from '../delivery';
import { giftNote, tierBar, tierHeadline } from '../tiers';

const T = [500_000, 1_000_000, 5_000_000, 10_000_000];

describe('tierBar: one equal segment per tier, thresholds from the data', () => {
  test.each([
    [0, 0],
    [250_000, 12.5],
    [500_000, 25],
    [750_000, 37.5], // halfway between ¥5,000 and ¥10,000
    [3_000_000, 62.5], // halfway between ¥10,000 and ¥50,000
    [9_999_999, 99.99], // one fen short never draws as reached
    [10_000_000, 100],
    [12_000_000, 100], // past all tiers
  ])('spend %p fen → fill %p%%', (spend, fill) => expect(tierBar(spend, T).fillPercent).toBe(fill));

  test('marks sit at the segment ends and say which thresholds are reached', () => {
    expect(tierBar(750_000, T).marks).toEqual([
      { thresholdFen: 500_000, percent: 25, reached: true },
      { thresholdFen: 1_000_000, percent: 50, reached: false },
      { thresholdFen: 5_000_000, percent: 75, reached: false },
      { thresholdFen: 10_000_000, percent: 100, reached: false },
    ]);
  });

  test('other configurations work the same (nothing assumes four tiers or these amounts)', () => {
    expect(tierBar(150_000, [100_000, 300_000]).fillPercent).toBe(62.5);
    expect(tierBar(150_000, [300_000, 100_000]).marks.map((m) => m.thresholdFen)).toEqual([100_000, 300_000]);
    expect(tierBar(0, [])).toEqual({ fillPercent: 0, marks: [] });
  });
});

const view = (over: Partial<TiersView>): TiersView => ({ qualifyingSpendFen: 0, tiers: [], nextGapFen: null, ...over });

describe('tierHeadline', () => {
  test('the gap to the next gift, with its name', () => {
    expect(tierHeadline(view({ nextGapFen: 250_000, nextGift: { giftId: 'tier-10k', name: '¥10,000 消费礼', thresholdFen: 1_000_000 } }))).toBe('再消费 ¥2,500 可领取 ¥10,000 消费礼');
    expect(tierHeadline(view({ nextGapFen: 12_345, nextGift: { giftId: 'g', name: '高定礼盒', thresholdFen: 500_000 } }))).toBe('再消费 ¥123.45 可领取 高定礼盒');
  });
  test('nothing left to unlock', () => expect(tierHeadline(view({ nextGapFen: null }))).toBe('已解锁全部消费礼'));
});

const tier = (over: Partial<TierView>): TierView => ({ thresholdFen: 500_000, giftId: 'tier-5k', giftName: '¥5,000 消费礼', items: ['精选礼盒'], valueFen: 30_000, status: 'locked', gapFen: 0, ...over });
const deadline = Date.UTC(2026, 6, 30, 4); // 2026-07-30 12:00 in Shanghai

describe('giftNote: what each status means and what to do next', () => {
  test.each<[Partial<TierView>, string]>([
    [{ status: 'locked', gapFen: 123_400 }, '还差 ¥1,234'],
    [{ status: 'available', claimDeadline: deadline }, '领取截止 2026-07-30，逾期作废'],
    [{ status: 'suspended', gapFen: 20_000 }, '退款后累计消费低于门槛，再消费 ¥200 即可恢复'],
    [{ status: 'expired', claimDeadline: deadline }, '已于 2026-07-30 过期，未在领取期限内领取'],
    [{ status: 'claimed', delivery: { method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号' }, fulfilment: { state: 'pending' } }, '待发货'],
    [{ status: 'claimed', delivery: { method: 'address', name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号' }, fulfilment: { state: 'shipped', carrier: '顺丰速运', trackingNo: 'SF1234567890' } }, '已发货 · 顺丰速运 运单号 SF1234567890'],
    [{ status: 'claimed', delivery: { method: 'pickup' }, fulfilment: { state: 'pending' } }, '待自提'],
    [{ status: 'claimed', delivery: { method: 'pickup' }, fulfilment: { state: 'picked-up', at: deadline } }, '已自提'],
  ])('%j → %p', (over, text) => expect(giftNote(tier(over))).toBe(text));
});

describe('deliveryText / fulfilmentText', () => {
  const address = { method: 'address' as const, name: '张三', phone: '13800138000', address: '上海市静安区南京西路 1 号' };
  test('customers see their phone masked; operators see it whole', () => {
    expect(deliveryText(address)).toBe('快递到家 · 张三 138****8000 · 上海市静安区南京西路 1 号');
    expect(deliveryText(address, { mask: false })).toBe('快递到家 · 张三 13800138000 · 上海市静安区南京西路 1 号');
    expect(deliveryText({ method: 'pickup' })).toBe('到店自提');
    expect(deliveryText({ method: 'pickup', name: '李四', phone: '13900001111' }, { mask: false })).toBe('到店自提 · 李四 13900001111');
  });
  test('no fulfilment yet means waiting for the store', () => {
    expect(fulfilmentText(address, undefined)).toBe('待发货');
    expect(fulfilmentText({ method: 'pickup' }, undefined)).toBe('待自提');
    expect(fulfilmentText(address, { state: 'shipped' })).toBe('已发货');
  });
});
