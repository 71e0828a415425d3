import { makeAutoObservable } from 'mobx';
import type { PublicProduct } from '@shared/schemas/product';
import type { PublicSettings } from '@shared/settings';
import type { CatalogService } from '../services/catalog';
import { Loader, readBoth } from './loader';

/** The category tab that shows every product. */
export const ALL_CATEGORIES = '全部';

/** Search matches the name or description, ignoring case and spaces (customers type 面霜, 精华 or 50ml). */
const normalise = (text: string) => text.toLowerCase().replace(/\s+/g, '');
export const matchesQuery = (p: PublicProduct, query: string): boolean => {
  const q = normalise(query);
  return q === '' || normalise(p.name).includes(q) || normalise(p.description).includes(q);
};

export interface CategoryGroup {
  category: string;
  products: PublicProduct[];
}

/**
 * Products and public settings, loaded together: every tab page needs one or the other and they
 * come from the same function. Order is the server's (it sorts by the operator's `sort`).
 */
export class CatalogStore {
  products: PublicProduct[] = [];
  settings: PublicSettings | undefined = undefined;
  loading = false;
  /** Chinese, ready to show; undefined when the last load succeeded. */
  error: string | undefined = undefined;
  loaded = false;
  /** 首页's search box and category tab: what the list shows. */
  query = '';
  category: string = ALL_CATEGORIES;
  // A login switch can start a new load while an old one is in flight; only the newest may land.
  private readonly loader = new Loader(this);

  constructor(private readonly service: CatalogService) {
    makeAutoObservable<CatalogStore, 'service' | 'loader'>(this, { service: false, loader: false });
  }

  /** Categories in order of first appearance, products in served order within each. */
  get groups(): CategoryGroup[] {
    const byCategory = new Map<string, PublicProduct[]>();
    for (const p of this.products) {
      const list = byCategory.get(p.category);
      if (list) list.push(p);
      else byCategory.set(p.category, [p]);
    }
    return Array.from(byCategory, ([category, products]) => ({ category, products }));
  }

  /** The tabs: 全部, then each category in served order. */
  get categories(): string[] {
    return [ALL_CATEGORIES, ...this.groups.map((g) => g.category).filter((c) => c !== ALL_CATEGORIES)];
  }

  /** The groups the home list shows: the chosen category, filtered by the search. */
  get visibleGroups(): CategoryGroup[] {
    return this.groups
      .filter((g) => this.category === ALL_CATEGORIES || g.category === this.category)
      .map((g) => ({ category: g.category, products: g.products.filter((p) => matchesQuery(p, this.query)) }))
      .filter((g) => g.products.length > 0);
  }

  setQuery(query: string): void {
    this.query = query.slice(0, 40);
  }

  setCategory(category: string): void {
    this.category = category;
  }

  productById(id: string): PublicProduct | undefined {
    return this.products.find((p) => p._id === id);
  }

  get isEmpty(): boolean {
    return this.loaded && this.products.length === 0;
  }

  /** Load unless already loaded or loading: pages call this on show. */
  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  async load(): Promise<void> {
    await this.loader.load(
      () => readBoth(this.service.list(), this.service.settings()),
      ([list, settings]) => {
        this.products = list.products;
        this.settings = settings;
      },
    );
  }

  /**
   * The server refused a top-up because this plan's offer changed (TOPUP_OFFER_CHANGED carries the
   * current one): show it now, before a reload brings the rest of the settings.
   */
  applyTopUpOffer(offer: { planId: string; principalFen: number; bonusFen: number }): void {
    if (!this.settings) return;
    this.settings = {
      ...this.settings,
      topUpPlans: this.settings.topUpPlans.map((p) => (p.id === offer.planId ? { ...p, principalFen: offer.principalFen, bonusFen: offer.bonusFen } : p)),
    };
  }

  /** Forget what the previous identity saw (prices and early access depend on who asks). */
  reset(): void {
    this.loader.reset();
    this.products = [];
    this.settings = undefined;
    this.query = '';
    this.category = ALL_CATEGORIES;
  }
}
