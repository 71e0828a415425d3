import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { OrderLine } from '@shared/api/common';
import { shownPrice } from '@shared/membership/savings';
import type { PublicProduct } from '@shared/schemas/product';
import type { CartLine, CartService, CartView } from '../services/cart';
import type { CatalogStore } from './catalog-store';
import { Loadable } from './loadable';
import type { MembershipStore } from './membership-store';
import { failure, success, type Notice } from './notice';
import { MAX_QTY } from './checkout-store';

/** A cart line with its product as the catalog shows it now (absent: no longer on sale). */
export interface CartItem {
  line: CartLine;
  product: PublicProduct | undefined;
  /** Can be checked out now: on sale and not sold out. */
  available: boolean;
  selected: boolean;
  /** Member or list price per unit for this customer (display only; the server prices the order). */
  unitFen: number | undefined;
}

/**
 * 购物车: kept on the server (cart function) so it follows the customer across sessions. Every
 * change is sent as an absolute quantity and the page shows what the server answers. Which lines
 * go to checkout is this device's choice (all available ones until the customer unticks some).
 */
export class CartStore {
  notice: Notice | undefined = undefined;
  /** The product whose line is being changed (its buttons wait). */
  busy: string | undefined = undefined;
  /** Lines the customer unticked: kept in the cart, left out of this checkout. */
  unticked: string[] = [];
  /** The cart as the server last answered (a read, or the answer to a change). */
  private readonly read: Loadable<CartView>;

  constructor(
    private readonly service: CartService,
    private readonly catalog: CatalogStore,
    private readonly membership: MembershipStore,
  ) {
    this.read = new Loadable(() => service.get());
    makeAutoObservable<CartStore, 'service' | 'read' | 'catalog' | 'membership'>(this, { service: false, read: false, catalog: false, membership: false });
  }

  get lines(): CartLine[] {
    return this.read.data?.lines ?? [];
  }

  get loaded(): boolean {
    return this.read.loaded;
  }

  get error(): string | undefined {
    return this.read.error;
  }

  /** Units in the cart (the badge on 购物车). */
  get count(): number {
    return this.lines.reduce((n, l) => n + l.qty, 0);
  }

  qtyOf(productId: string): number {
    return this.lines.find((l) => l.productId === productId)?.qty ?? 0;
  }

  get items(): CartItem[] {
    return this.lines.map((line) => {
      const product = this.catalog.productById(line.productId);
      const available = product !== undefined && product.soldOut !== true;
      return {
        line,
        product,
        available,
        selected: available && !this.unticked.includes(line.productId),
        unitFen: product ? shownPrice(product, this.membership.isActive).unitFen : undefined,
      };
    });
  }

  /** What 去结算 orders: the ticked lines that can be bought now. */
  get checkoutLines(): OrderLine[] {
    return this.items.filter((i) => i.selected).map((i) => ({ productId: i.line.productId, qty: i.line.qty }));
  }

  /** Display only: the ticked lines at the catalog's prices for this customer. */
  get estimateFen(): number {
    return this.items.filter((i) => i.selected).reduce((sum, i) => sum + (i.unitFen ?? 0) * i.line.qty, 0);
  }

  get allTicked(): boolean {
    const available = this.items.filter((i) => i.available);
    return available.length > 0 && available.every((i) => i.selected);
  }

  async ensureLoaded(): Promise<void> {
    await this.read.ensureLoaded();
  }

  async load(): Promise<void> {
    await this.read.load();
  }

  /** 加入购物车: one more of this product (a trial stays at one). */
  add(productId: string): Promise<boolean> {
    const product = this.catalog.productById(productId);
    const next = product?.kind === 'trial' ? 1 : Math.min(MAX_QTY, this.qtyOf(productId) + 1);
    return this.change(productId, next, `已加入购物车${product ? `：${product.name}` : ''}`);
  }

  setQty(productId: string, qty: number): Promise<boolean> {
    return this.change(productId, Math.min(MAX_QTY, Math.max(0, Math.floor(qty))));
  }

  remove(productId: string): Promise<boolean> {
    return this.change(productId, 0);
  }

  toggle(productId: string): void {
    this.unticked = this.unticked.includes(productId) ? this.unticked.filter((id) => id !== productId) : [...this.unticked, productId];
  }

  toggleAll(): void {
    this.unticked = this.allTicked ? this.items.filter((i) => i.available).map((i) => i.line.productId) : [];
  }

  /** An order was placed for these lines: they leave the cart (the order list has them now). */
  async ordered(productIds: string[]): Promise<void> {
    if (!productIds.length) return;
    const reply = await this.service.remove(productIds);
    // Not removed (offline, say): read the cart again rather than show lines that may be gone.
    if (reply.ok) this.read.set(reply.data);
    else await this.read.load();
  }

  private async change(productId: string, qty: number, done?: string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = productId;
    this.notice = undefined;
    try {
      const reply = await this.service.set(productId, qty);
      runInAction(() => {
        if (reply.ok) {
          this.read.set(reply.data);
          if (done) this.notice = success(done);
        } else this.notice = failure(userMessage(reply.error.code, reply.error.message));
      });
      return reply.ok;
    } finally {
      runInAction(() => (this.busy = undefined));
    }
  }

  reset(): void {
    this.read.reset();
    this.unticked = [];
    this.notice = undefined;
    this.busy = undefined;
  }
}
