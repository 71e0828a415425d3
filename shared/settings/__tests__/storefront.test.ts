import { settingsSchema, toPublicSettings } from '..';

/** 首页横幅: customers see it only while enabled; an enabled banner needs a title, a product target a product. */
const base = settingsSchema.parse({});

test('off by default, and then absent from what customers get', () => {
  expect(base.homeBanner).toEqual({ enabled: false, title: '', subtitle: '', target: 'coupons' });
  expect(toPublicSettings(base).homeBanner).toBeUndefined();
});

test('enabled: customers get the text and the target, nothing else', () => {
  const s = settingsSchema.parse({ ...base, homeBanner: { enabled: true, title: '  新品上市 ', subtitle: '会员抢先购', target: 'product', productId: 'prd_essence_new' } });
  expect(toPublicSettings(s).homeBanner).toEqual({ title: '新品上市', subtitle: '会员抢先购', target: 'product', productId: 'prd_essence_new' });
});

test('refused with Chinese reasons: no title, product target without a product, too long, a stray field', () => {
  const issues = (b: unknown) => {
    const r = settingsSchema.safeParse({ ...base, homeBanner: b });
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  expect(issues({ enabled: true, title: '', target: 'coupons' })).toContain('开启横幅须填写标题');
  expect(issues({ enabled: false, title: 'x', target: 'product' })).toContain('跳转到指定商品须选择商品');
  expect(issues({ enabled: true, title: '一'.repeat(25), target: 'coupons' })).toContain('横幅标题最多 24 个字');
  expect(issues({ enabled: true, title: 'x', target: 'coupons', image: 'a.png' }).length).toBeGreaterThan(0);
});
