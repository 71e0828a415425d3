import { parseZh, SETTINGS_LABELS, summarizeIssues, toIssues } from '../issues';
import { defaultSettings, settingsSchema } from '../../settings';

/** Settings validation as the operator sees it: Chinese, with where the problem is. */
const check = (patch: (s: ReturnType<typeof defaultSettings>) => unknown) => {
  const r = parseZh(settingsSchema, patch(defaultSettings()));
  if (r.success) return [];
  return toIssues(r.error, SETTINGS_LABELS);
};

describe('settings validation messages (Chinese, with the path)', () => {
  test.each<[string, (s: ReturnType<typeof defaultSettings>) => unknown, string, string]>([
    ['gift pack stock negative', (s) => ({ ...s, membershipPlans: [{ ...s.membershipPlans[0], giftPack: { ...s.membershipPlans[0].giftPack!, stock: -1 } }] }), 'membershipPlans.0.giftPack.stock', '会员方案 › 第 1 项 › 入会礼包 › 库存：'],
    ['plan price in yuan', (s) => ({ ...s, membershipPlans: [{ ...s.membershipPlans[0], priceFen: 999.5 }] }), 'membershipPlans.0.priceFen', '会员方案 › 第 1 项 › 价格（分）：金额必须是整数'],
    ['lifecycle out of order', (s) => ({ ...s, lifecycleDays: { active: 90, silent: 30, sleeping: 180 } }), 'lifecycleDays', '生命周期天数：生命周期天数必须满足 活跃 < 沉默 < 沉睡'],
    ['a lifecycle stage of 0 days', (s) => ({ ...s, lifecycleDays: { ...s.lifecycleDays, active: 0 } }), 'lifecycleDays.active', '生命周期天数 › 活跃：'],
    ['tiers out of order', (s) => ({ ...s, tiers: [...s.tiers].reverse() }), 'tiers', '消费档位门槛必须从低到高排列'],
    ['duplicate top-up plan ids', (s) => ({ ...s, topUpPlans: [s.topUpPlans[0], s.topUpPlans[0]] }), 'topUpPlans', '充值方案编号重复：topup-500'],
    ['a top-up plan over the balance cap', (s) => ({ ...s, namedBalanceCapFen: 100_000 }), 'topUpPlans.2', '超过实名储值余额上限'],
    ['a welcome pack and a tier gift sharing an id', (s) => ({ ...s, tiers: [{ ...s.tiers[0], gift: { ...s.tiers[0].gift, id: 'welcome-annual' } }] }), 'tiers', '礼品编号重复：welcome-annual'],
    ['contact policy with an unknown offer', (s) => ({ ...s, contactPolicy: { ...s.contactPolicy, silent: { maxPer7Days: 2, offers: 'huge' } } }), 'contactPolicy.silent.offers', '触达策略 › 沉默客户 › 可发优惠：'],
    ['contact cap above 14 a week', (s) => ({ ...s, contactPolicy: { ...s.contactPolicy, active: { maxPer7Days: 30, offers: 'none' } } }), 'contactPolicy.active.maxPer7Days', '触达策略 › 活跃客户 › 每 7 天最多消息数：'],
    ['an unknown setting', (s) => ({ ...s, surprise: true }), '', '未知的键'],
  ])('%s', (_n, patch, path, fragment) => {
    const issues = check(patch);
    const hit = issues.find((i) => i.path === path);
    expect(hit).toBeDefined();
    expect(hit!.message).toContain(fragment);
    // Every message speaks Chinese.
    for (const i of issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
  });

  test('defaults are valid and include the contact policy per lifecycle stage', () => {
    expect(check((s) => s)).toEqual([]);
    expect(defaultSettings().contactPolicy).toEqual({
      active: { maxPer7Days: 2, offers: 'none' },
      silent: { maxPer7Days: 2, offers: 'small' },
      sleeping: { maxPer7Days: 1, offers: 'big' },
      churned: { maxPer7Days: 1, offers: 'big-sale-only' },
      prospect: { maxPer7Days: 2, offers: 'small' },
    });
  });

  test('the envelope message names the first problem and counts the rest', () => {
    const issues = check((s) => ({ ...s, refundWindowDays: -1, paymentTimeoutMinutes: 0 }));
    expect(summarizeIssues(issues, '设置')).toMatch(/^设置有误：无理由退款天数：.+（另有 1 处问题）。请修改后再保存。$/);
  });
});
