import { defaultSettings, settingsSchema, toPublicSettings } from '../../settings';
import { productSchema } from '../product';

describe('settings defaults (PRODUCT.md)', () => {
  const s = defaultSettings();

  test('carry the business defaults', () => {
    expect(s.membershipPlans[0]).toMatchObject({ priceFen: 100_000, termDays: 365 });
    expect(s.membershipPlans[0].giftPack?.valueFen).toBeGreaterThan(s.membershipPlans[0].priceFen);
    expect(s.topUpPlans.map((p) => [p.principalFen, p.bonusFen])).toEqual([[50_000, 3_000], [100_000, 10_000], [300_000, 40_000]]);
    expect(s.namedBalanceCapFen).toBe(500_000);
    expect(s.refundWindowDays).toBe(60);
    expect(s.spendRule).toBe('proportional');
    expect(s.tiers.map((t) => t.thresholdFen)).toEqual([500_000, 1_000_000, 5_000_000, 10_000_000]);
    expect(s.lifecycleDays).toEqual({ active: 30, silent: 90, sleeping: 180 });
  });

  test('a deployed store starts with nobody in charge and no message templates (issue 14: no op_admin, no placeholder ids)', () => {
    expect(s.operators).toEqual([]);
    expect(s.owners).toEqual([]);
    expect(s.messageTemplates.promotion.templateId).toBe('');
    expect(s.messageTemplates.renewal.templateId).toBe('');
    expect(s.launchChecks).toEqual({ baseLibrary: null });
    // A template id is what the MP console shows: letters, digits, - and _ only.
    expect(settingsSchema.safeParse({ messageTemplates: { ...s.messageTemplates, promotion: { ...s.messageTemplates.promotion, templateId: 'tpl id!' } } }).success).toBe(false);
  });

  test('public view hides operators and costs', () => {
    const pub = toPublicSettings(s) as unknown as Record<string, unknown>;
    expect(pub.operators).toBeUndefined();
    expect(JSON.stringify(pub)).not.toContain('costFen');
  });

  test.each([
    ['unknown field', { surprise: 1 }],
    ['float money', { namedBalanceCapFen: 5000.5 }],
    ['tiers out of order', { tiers: [...defaultSettings().tiers].reverse() }],
    ['lifecycle not increasing', { lifecycleDays: { active: 90, silent: 30, sleeping: 180 } }],
    ['custom top-up min above max', { customTopUp: { enabled: true, minFen: 9000, maxFen: 100 } }],
  ])('rejects %s', (_name, input) => {
    expect(settingsSchema.safeParse(input).success).toBe(false);
  });
});

describe('product schema', () => {
  const base = { _id: 'prd_x', name: '商品', kind: 'regular', priceFen: 1000, createdAt: 1, updatedAt: 1 };

  test('accepts a minimal regular product with defaults', () => {
    const p = productSchema.parse(base);
    expect(p).toMatchObject({ status: 'active', costFen: 0, floorFen: 0, category: '全部' });
  });

  test.each([
    ['member price above list price', { memberPriceFen: 1200 }, '会员价不能高于原价'],
    ['floor above selling price', { floorFen: 1100 }, '最低成交价不能高于售价'],
    ['trial without a full product', { kind: 'trial' }, '体验装必须关联正装商品'],
    ['regular linked to a full product', { fullProductId: 'prd_y' }, '只有体验装可以关联正装商品'],
    ['yuan float price', { priceFen: 10.5 }, undefined],
    ['bad id', { _id: 'x y' }, '商品编号格式不正确'],
  ])('rejects %s', (_name, patch, message) => {
    const r = productSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    if (message && !r.success) expect(r.error.issues.map((i) => i.message)).toContain(message);
  });
});
