import { archiveIssues, normalizeProductInput, productInputSchema, productRuleIssues, productWarnings, type ProductRuleContext } from '../product-rules';
import { DAY_MS } from '../../time';

const NOW = Date.UTC(2026, 2, 1, 4, 0, 0);
const base = { name: '屏障修护面霜', kind: 'regular' as const, priceFen: 42_800, memberPriceFen: 36_800, costFen: 11_000, floorFen: 28_000 };
const full = { _id: 'prd_full', name: '焕颜精华', kind: 'regular' as const, status: 'active' as const, priceFen: 68_800 };
const trial = { name: '精华体验装', kind: 'trial' as const, priceFen: 1_800, fullProductId: 'prd_full' };

const rules = (input: Record<string, unknown>, ctx: Partial<ProductRuleContext> = {}) => {
  const parsed = productInputSchema.parse(input);
  return productRuleIssues(normalizeProductInput(parsed), { now: NOW, ...ctx });
};

describe('catalog rules: the validation table of the operator form', () => {
  test.each<[string, Record<string, unknown>, Partial<ProductRuleContext>, string | null, string | null]>([
    // name, input, context, expected path (null = valid), message fragment
    ['a regular product with member price and floor', base, {}, null, null],
    ['member price equal to the list price', { ...base, memberPriceFen: 42_800 }, {}, null, null],
    ['member price above the list price', { ...base, memberPriceFen: 42_900 }, {}, 'memberPriceFen', '会员价（¥429.00）不能高于原价（¥428.00）'],
    ['floor above the member price', { ...base, floorFen: 40_000 }, {}, 'floorFen', '最低成交价（¥400.00）不能高于会员价（¥368.00）'],
    ['floor above the list price (no member price)', { ...base, memberPriceFen: null, floorFen: 50_000 }, {}, 'floorFen', '不能高于原价（¥428.00）'],
    ['floor equal to the member price', { ...base, floorFen: 36_800 }, {}, null, null],
    ['a trial below its full product', trial, { fullProduct: full }, null, null],
    ['a trial at the full price', { ...trial, priceFen: 68_800 }, { fullProduct: full }, 'priceFen', '体验装价格（¥688.00）必须低于正装「焕颜精华」的价格（¥688.00）'],
    ['a trial above the full price', { ...trial, priceFen: 70_000 }, { fullProduct: full }, 'priceFen', '必须低于正装'],
    ['a trial without a full product', { ...trial, fullProductId: null }, {}, 'fullProductId', '体验装必须关联一个正装商品'],
    ['a trial linked to a missing product', trial, { fullProduct: null }, 'fullProductId', '不存在'],
    ['a trial linked to another trial', trial, { fullProduct: { ...full, kind: 'trial' } }, 'fullProductId', '本身是体验装'],
    ['a trial linked to an archived product', trial, { fullProduct: { ...full, status: 'archived' } }, 'fullProductId', '已下架'],
    ['a trial linked to itself', trial, { productId: 'prd_full', fullProduct: full }, 'fullProductId', '不能关联自己'],
    ['a regular product linked to a full product', { ...base, fullProductId: 'prd_full' }, {}, 'fullProductId', '只有体验装可以关联正装商品'],
    ['a full product priced down to its trial', { ...base, priceFen: 1_800, memberPriceFen: null, floorFen: 0 }, { linkedTrials: [{ _id: 'prd_t', name: '体验装', priceFen: 1_800 }] }, 'priceFen', '必须高于关联体验装「体验装」的价格'],
    ['a full product with trials turned into a trial', { ...trial, fullProductId: 'prd_other' }, { fullProduct: { ...full, _id: 'prd_other' }, linkedTrials: [{ _id: 'prd_t', name: '体验装', priceFen: 900 }] }, 'kind', '不能改为体验装'],
    ['an early-access window in the future', { ...base, memberEarlyAccessUntil: NOW + 14 * DAY_MS }, {}, null, null],
    ['an early-access window in the past', { ...base, memberEarlyAccessUntil: NOW - 1 }, {}, 'memberEarlyAccessUntil', '必须晚于现在'],
    ['an early-access window over a year ahead', { ...base, memberEarlyAccessUntil: NOW + 400 * DAY_MS }, {}, 'memberEarlyAccessUntil', '最长 365 天'],
    ['an expired window kept unchanged on edit', { ...base, memberEarlyAccessUntil: NOW - DAY_MS }, { previous: { memberEarlyAccessUntil: NOW - DAY_MS } }, null, null],
    ['the same image twice', { ...base, images: ['cloud://local.b/products/a.png', 'cloud://local.b/products/a.png'] }, {}, 'images.1', '第 2 张图片与前面的重复'],
  ])('%s', (_name, input, ctx, path, fragment) => {
    const issues = rules(input, ctx);
    if (path === null) expect(issues).toEqual([]);
    else {
      expect(issues.map((i) => i.path)).toContain(path);
      expect(issues.find((i) => i.path === path)!.message).toContain(fragment!);
    }
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a float price (yuan, not fen)', { ...base, priceFen: 428.5 }, '金额必须是整数'],
    ['a zero price', { ...base, priceFen: 0 }, '金额必须大于 0'],
    ['a negative cost', { ...base, costFen: -1 }, '金额不能为负数'],
    ['an empty name', { ...base, name: '  ' }, '请填写商品名称'],
    ['a long name', { ...base, name: '长'.repeat(61) }, '商品名称最多 60 个字'],
    ['ten images', { ...base, images: Array.from({ length: 10 }, (_, i) => `cloud://local.b/products/${i}.png`) }, '最多 9 张图片'],
    ['an image that is not a cloud file id', { ...base, images: ['https://example.com/a.png'] }, '图片须先上传到云存储'],
    ['a refund window over a year', { ...base, refundWindowDays: 400 }, '无理由退款最长 365 天'],
    ['a field the form does not have', { ...base, status: 'archived' }, ''],
  ])('field shapes: %s is refused', (_name, input, fragment) => {
    const r = productInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    if (fragment && !r.success) expect(r.error.issues.map((i) => i.message).join('|')).toContain(fragment);
  });

  test('null clears an optional field', () => {
    const p = normalizeProductInput(productInputSchema.parse({ ...base, memberPriceFen: null, refundWindowDays: null }));
    expect('memberPriceFen' in p).toBe(false);
    expect('refundWindowDays' in p).toBe(false);
  });

  test('warnings: selling below cost is allowed (trials do) but pointed out', () => {
    expect(productWarnings(normalizeProductInput(productInputSchema.parse({ ...trial, costFen: 2_500 })))).toContain('售价 ¥18.00 低于成本 ¥25.00，每卖出一件亏损 ¥7.00');
    expect(productWarnings(normalizeProductInput(productInputSchema.parse({ ...base, images: ['cloud://local.b/products/a.png'] })))).toEqual([]);
  });

  test('archiving a full product with active trials is refused with their names', () => {
    expect(archiveIssues({ name: '焕颜精华' }, [])).toEqual([]);
    expect(archiveIssues({ name: '焕颜精华' }, [{ name: '体验装 A' }, { name: '体验装 B' }])[0].message).toBe('「焕颜精华」是体验装 「体验装 A」、「体验装 B」 的正装，请先下架这些体验装');
  });
});
