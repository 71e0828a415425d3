import type { Envelope } from '@shared/errors/envelope';
import { USER_MESSAGES } from '@shared/errors/messages';
import type { PublicProduct } from '@shared/schemas/product';
import { defaultSettings, toPublicSettings, type PublicSettings } from '@shared/settings';
import type { CatalogService } from '../../services/catalog';
import { CatalogStore } from '../catalog-store';
import { RootStore } from '../root-store';
import { failingBackend } from '../../__tests__/support/seed-cloud';
import { memoryIdentity, servicesOver } from '../../__tests__/support/fake-services';

/** A fake of the *service* (DESIGN rule 10): each call returns a promise the test settles. */
class FakeCatalogService implements CatalogService {
  listCalls: Array<(e: Envelope<{ products: PublicProduct[] }>) => void> = [];
  settingsCalls: Array<(e: Envelope<PublicSettings>) => void> = [];
  list() {
    return new Promise<Envelope<{ products: PublicProduct[] }>>((r) => this.listCalls.push(r));
  }
  settings() {
    return new Promise<Envelope<PublicSettings>>((r) => this.settingsCalls.push(r));
  }
}

const product = (id: string, category: string, extra: Partial<PublicProduct> = {}): PublicProduct => ({
  _id: id,
  name: `商品 ${id}`,
  description: '',
  kind: 'regular',
  category,
  physical: true,
  priceFen: 1000,
  ...extra,
});
const settings = toPublicSettings(defaultSettings());
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('CatalogStore', () => {
  test('loads products and settings; groups keep first-appearance order and served order', async () => {
    const svc = new FakeCatalogService();
    const store = new CatalogStore(svc);
    const served = [product('a', '新品'), product('b', '护肤'), product('c', '新品'), product('d', '体验装', { kind: 'trial', fullProductId: 'b' })];

    const done = store.load();
    expect(store.loading).toBe(true);
    svc.listCalls[0]({ ok: true, data: { products: served } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await done;

    expect(store.loading).toBe(false);
    expect(store.loaded).toBe(true);
    expect(store.error).toBeUndefined();
    expect(store.settings).toEqual(settings);
    expect(store.groups.map((g) => [g.category, g.products.map((p) => p._id)])).toEqual([
      ['新品', ['a', 'c']],
      ['护肤', ['b']],
      ['体验装', ['d']],
    ]);
    expect(store.productById('b')?.name).toBe('商品 b');
    expect(store.isEmpty).toBe(false);
  });

  test('an empty catalog is "empty", not an error', async () => {
    const svc = new FakeCatalogService();
    const store = new CatalogStore(svc);
    const done = store.load();
    svc.listCalls[0]({ ok: true, data: { products: [] } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await done;
    expect(store.isEmpty).toBe(true);
    expect(store.error).toBeUndefined();
  });

  test('a failed list shows the server message; a blank one falls back to the Chinese default', async () => {
    const svc = new FakeCatalogService();
    const store = new CatalogStore(svc);
    let done = store.load();
    svc.listCalls[0]({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录后再试。' } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await done;
    expect(store.error).toBe('请先登录后再试。');
    expect(store.loaded).toBe(false);
    expect(store.loading).toBe(false);

    done = store.load();
    expect(store.error).toBeUndefined();
    svc.listCalls[1]({ ok: true, data: { products: [product('a', '护肤')] } });
    svc.settingsCalls[1]({ ok: false, error: { code: 'INTERNAL', message: '' } });
    await done;
    expect(store.error).toBe(USER_MESSAGES.INTERNAL);
    // Half a catalog is not shown as if it were whole.
    expect(store.products).toEqual([]);
  });

  test('a slower, older load never overwrites a newer one', async () => {
    const svc = new FakeCatalogService();
    const store = new CatalogStore(svc);
    const first = store.load();
    store.reset();
    const second = store.load();
    svc.listCalls[1]({ ok: true, data: { products: [product('new', '护肤')] } });
    svc.settingsCalls[1]({ ok: true, data: settings });
    await second;
    svc.listCalls[0]({ ok: true, data: { products: [product('old', '护肤')] } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await first;
    expect(store.products.map((p) => p._id)).toEqual(['new']);
    expect(store.loading).toBe(false);
  });

  test('ensureLoaded loads once', async () => {
    const svc = new FakeCatalogService();
    const store = new CatalogStore(svc);
    void store.ensureLoaded();
    void store.ensureLoaded();
    expect(svc.listCalls).toHaveLength(1);
    svc.listCalls[0]({ ok: true, data: { products: [] } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await flush();
    await store.ensureLoaded();
    expect(svc.listCalls).toHaveLength(1);
  });
});

describe('RootStore session', () => {
  test('weapp is always signed in: WeChat supplies the identity', () => {
    const root = new RootStore(servicesOver(failingBackend('INTERNAL', ''), { platform: 'weapp', catalog: new FakeCatalogService(), identity: memoryIdentity() }));
    expect(root.session.isLoggedIn).toBe(true);
    expect(root.session.devOpenid).toBeUndefined();
  });

  test('H5 dev login stores the openid and reloads the catalog; switching account forgets it', async () => {
    const svc = new FakeCatalogService();
    const identity = memoryIdentity();
    const root = new RootStore(servicesOver(failingBackend('INTERNAL', ''), { platform: 'h5', catalog: svc, identity }));
    expect(root.session.isLoggedIn).toBe(false);

    const done = root.signInDev('cust_alice');
    expect(identity.value).toBe('cust_alice');
    expect(root.session.devOpenid).toBe('cust_alice');
    expect(root.session.isLoggedIn).toBe(true);
    svc.listCalls[0]({ ok: true, data: { products: [product('a', '护肤')] } });
    svc.settingsCalls[0]({ ok: true, data: settings });
    await done;
    expect(root.catalog.products).toHaveLength(1);

    root.signOutDev();
    expect(identity.value).toBeUndefined();
    expect(root.session.isLoggedIn).toBe(false);
    expect(root.catalog.products).toEqual([]);
    expect(root.catalog.loaded).toBe(false);
  });

  test('H5 picks up an openid saved by an earlier visit', () => {
    const root = new RootStore(servicesOver(failingBackend('INTERNAL', ''), { platform: 'h5', catalog: new FakeCatalogService(), identity: memoryIdentity('cust_demo') }));
    expect(root.session.devOpenid).toBe('cust_demo');
    expect(root.session.isLoggedIn).toBe(true);
  });
});
