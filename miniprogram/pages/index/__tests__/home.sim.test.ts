import { formatYuan } from '@shared/money/format';
import { USER_MESSAGES } from '@shared/errors/messages';
import { createCloudBridge, offlineBackend, type CloudBackend } from '../../../__tests__/support/cloud-bridge';
import { failingBackend, seedCatalog } from '../../../__tests__/support/seed-cloud';
import { waitFor } from '../../../__tests__/support/wait-for';
import { ensureWeappBuild } from '../../../__tests__/support/weapp-build';
import { bootWeapp, type SimulatedComponent } from '../../../__tests__/support/weapp-shim';

/**
 * The home page of the WEAPP BUILD (dist/weapp) in miniprogram-simulate. The app's own code runs
 * unchanged: page → CatalogStore → services/cloud.ts → Taro.cloud.callFunction → wx.cloud. Only
 * wx.cloud, the platform piece simulate lacks, is supplied: it answers with `catalog` envelopes for
 * the demo seed (support/seed-cloud.ts), or fails like a dropped network / a server error.
 */
jest.setTimeout(180_000);

const catalog = seedCatalog();
let backend: CloudBackend = offlineBackend;
const bridge = createCloudBridge(() => backend);
let page: SimulatedComponent;

const text = (c: SimulatedComponent | undefined) => c?.dom.textContent ?? '';

beforeAll(() => {
  ensureWeappBuild();
  const app = bootWeapp(bridge);
  page = app.openPage('pages/index/index');
});

afterAll(() => {
  page?.detach();
});

test('offline: the page says what went wrong in Chinese and offers a retry; no dev login on weapp', async () => {
  const retry = await waitFor(() => page.querySelector('#retry'), 'the retry button');
  expect(text(retry)).toBe('加载失败：网络异常，请检查网络后重试，点击重试');
  // The catalog, plus what decides the cards' badges: membership (members-only window) and the
  // trials already bought (已购买过), and today's visit (app open). None of those failing may take over the page.
  // (Which calls, not how often: a page show may retry a load that already failed.)
  expect([...new Set(bridge.calls.map((c) => `${c.name}.${String(c.data.action)}`))].sort()).toEqual(['cart.get', 'catalog.list', 'catalog.settings', 'customer.visit', 'member.trials', 'membership.refundQuote', 'membership.status']);
  // The dev login is H5-only and must be compiled out of the weapp build.
  expect(page.querySelector('#dev-login')).toBeUndefined();
  expect(page.dom.textContent).not.toContain('本地开发登录');
  expect(page.querySelector('#product-list')).toBeUndefined();
});

test('a server error envelope without a usable message shows the Chinese fallback, never the bare code', async () => {
  backend = failingBackend('INTERNAL', '');
  const before = bridge.calls.length;
  page.querySelector('#retry')!.dispatchEvent('tap');
  await waitFor(() => bridge.calls.length >= before + 2 && text(page.querySelector('#retry')).includes('系统繁忙'), 'the INTERNAL message');
  const shown = text(page.querySelector('#retry'));
  expect(shown).toBe(`加载失败：${USER_MESSAGES.INTERNAL.replace(/。$/, '')}，点击重试`);
  expect(shown).not.toContain('INTERNAL');
});

test('retry renders the seeded catalog: ¥ prices, member prices, trial badges, grouped by category', async () => {
  backend = catalog.backend;
  const { products, settings } = catalog;
  // The demo seed must exercise every card variant, or this test would prove little.
  expect(products.length).toBeGreaterThan(2);
  expect(products.some((p) => p.kind === 'trial' && p.fullProductId)).toBe(true);
  expect(products.some((p) => p.memberPriceFen !== undefined)).toBe(true);
  expect(products.some((p) => p.memberPriceFen === undefined)).toBe(true);

  page.querySelector('#retry')!.dispatchEvent('tap');
  const list = await waitFor(() => page.querySelector('#product-list'), '#product-list');
  expect(page.querySelector('#retry')).toBeUndefined();

  // The same facts the H5 e2e test checks, as literals, so a formatting regression cannot hide
  // behind expectations computed with the same helper.
  const all = text(list);
  for (const s of ['¥688', '会员价 ¥588', '体验装 · 每人限购一次', '护肤课程 体验课', '正装：焕颜修护精华 50ml']) expect(all).toContain(s);

  const now = Date.now();
  for (const p of products) {
    const card = page.querySelector(`#product-${p._id}`);
    expect(card).toBeDefined();
    const t = text(card);
    expect(t).toContain(p.name);
    expect(t).toContain(formatYuan(p.priceFen));
    if (p.memberPriceFen !== undefined) expect(t).toContain(`会员价 ${formatYuan(p.memberPriceFen)}`);
    else expect(t).not.toContain('会员价');
    if (p.kind === 'trial') {
      expect(t).toContain('体验装 · 每人限购一次');
      const full = products.find((f) => f._id === p.fullProductId);
      expect(full).toBeDefined();
      expect(t).toContain(`正装：${full!.name}`);
    } else {
      expect(t).not.toContain('体验装');
    }
    // Membership cannot be loaded from this backend: the customer is treated as a non-member.
    const early = p.memberEarlyAccessUntil !== undefined && p.memberEarlyAccessUntil > now;
    expect(t.includes('会员抢先购 · 还剩 ')).toBe(early);
    if (early) expect(text(page.querySelector(`#product-${p._id}-early`))).toMatch(/^会员抢先购 · 还剩 1[34]天(\d+小时)? 对所有人开放$/);
    expect(t).not.toContain('已购买过');
  }
  // The seed has a product in its member-only window: the badge must show on exactly that card.
  expect(products.filter((p) => p.memberEarlyAccessUntil !== undefined && p.memberEarlyAccessUntil > now)).not.toHaveLength(0);

  // Grouped by category in order of first appearance; served order within each group.
  const categories: string[] = [];
  for (const p of products) if (!categories.includes(p.category)) categories.push(p.category);
  const expectedOrder = categories.flatMap((c) => products.filter((p) => p.category === c).map((p) => p._id));
  // simulate keeps `id` on its component nodes, not as DOM attributes: map DOM cards back to ids.
  // Selectors only resolve from the page component, so containment in the list is checked on the DOM.
  const inList = (c: SimulatedComponent) => list.dom.contains(c.dom);
  const domToId = new Map(products.map((p) => [page.querySelector(`#product-${p._id}`)?.dom, p._id]));
  const renderedOrder = page.querySelectorAll('.product-card').filter(inList).map((c) => domToId.get(c.dom));
  expect(renderedOrder).toEqual(expectedOrder);
  const titles = page.querySelectorAll('.section-title').filter(inList).map((c) => text(c));
  expect(titles).toEqual(categories);

  // The membership banner comes from the served settings.
  const plan = settings.membershipPlans[0];
  expect(plan).toBeDefined();
  expect(text(page.querySelector('#member-banner'))).toContain(`${formatYuan(plan!.priceFen)} / ${plan!.termDays} 天`);
});
