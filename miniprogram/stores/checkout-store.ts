import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { memberSavingsFen } from '@shared/membership/refund';
import { shownPrice, type ShownPrice } from '@shared/membership/savings';
import { formatYuan } from '@shared/money/format';
import type { PublicProduct } from '@shared/schemas/product';
import { emptyDeliveryForm, toDelivery, type DeliveryForm } from '../format/delivery';
import type { CombinedQuote, CombinedSplit, OrderLineView, OrderService, OrderView, PayWith } from '../services/order';
import type { IntentIds } from '../services/request-id';
import type { OrderLine } from '@shared/api/common';
import type { CartStore } from './cart-store';
import type { CatalogStore } from './catalog-store';
import type { CouponPickerStore, QuoteItems } from './coupon-picker-store';
import type { MembershipStore } from './membership-store';
import type { TrialUseView } from '../services/member';
import { failure, info, type Notice } from './notice';
import { unfinishedPayment, type PayStore } from './pay-store';
import type { TrialsStore } from './trials-store';
import type { WalletStore } from './wallet-store';

export const PAY_HOST_CHECKOUT = 'checkout';
export const MAX_QTY = 99;

/**
 * Physical goods need a way to reach the customer (快递到家 / 到店自提). catalog.list marks virtual
 * products (courses, services) with `physical: false` when it says anything; a product it says
 * nothing about is treated as physical (the product default), and the server keeps the delivery
 * only for orders that hold physical goods.
 */
export const isPhysical = (p: PublicProduct): boolean => p.physical !== false;

/** A refusal from order.create, kept with its code so the page can offer the matching next step. */
export interface CheckoutRefusal {
  code: string;
  message: string;
}

/** What the success view shows: the server's amounts. */
export interface PaidSummary {
  orderId: string;
  title: string;
  totalFen: number;
  payWith: PayWith;
  lines: OrderLineView[];
  /** The coupon the order used, as the server recorded it. */
  coupon?: { name: string; discountFen: number };
  /** 组合支付: what came from the balance (principal / bonus) and what WeChat collected. */
  combined?: CombinedSplit;
}

const summaryOf = (o: OrderView): PaidSummary => ({
  orderId: o.orderId,
  title: o.title,
  totalFen: o.totalFen,
  payWith: o.payWith,
  lines: o.lines,
  ...(o.coupon ? { coupon: { name: o.coupon.name, discountFen: o.coupon.discountFen } } : {}),
  ...(o.combined ? { combined: o.combined } : {}),
});

/** What checkout works with: the order service, the pay flow, and the stores whose state prices and gates an order. */
export interface CheckoutDeps {
  service: OrderService;
  pay: PayStore;
  intents: IntentIds;
  catalog: CatalogStore;
  membership: MembershipStore;
  wallet: WalletStore;
  trials: TrialsStore;
  /** An order was created (or paid): lists that show orders or trial purchases are stale. */
  onOrderChanged?: () => void;
  /** The coupon choice (coupon.quote); without it checkout offers no coupons. */
  coupons?: CouponPickerStore;
  /** The cart: lines a cart checkout ordered leave it. */
  cart?: CartStore;
}

/** A line of this checkout with its product as the catalog shows it. */
export interface CheckoutLine {
  product: PublicProduct;
  qty: number;
}

/**
 * Buying one product (立即购买: quantity chosen here) or the cart's ticked lines (去结算: quantities
 * chosen in the cart): 微信支付, 余额支付 or 组合支付, then order.create (+ the pay flow for WeChat). Prices shown before ordering come from catalog.list and the membership status; the
 * amount charged is whatever the server answers — the client never prices an order.
 */
export class CheckoutStore {
  /** 立即购买: the one product, its quantity in `qty`. */
  productId: string | undefined = undefined;
  qty = 1;
  /** 去结算: the cart lines being ordered (then `productId` is unset). */
  cartLines: OrderLine[] | undefined = undefined;
  payWith: PayWith = 'wechat';
  /** How physical goods reach the customer; 到店自提 until the customer picks 快递到家. */
  delivery: DeliveryForm = emptyDeliveryForm();
  placing = false;
  refusal: CheckoutRefusal | undefined = undefined;
  notice: Notice | undefined = undefined;
  /** The paid order, once the server says so. */
  paidOrder: PaidSummary | undefined = undefined;
  /** 组合支付's confirmation step: the server's split, shown until the customer confirms or goes back. */
  combinedQuote: CombinedQuote | undefined = undefined;
  quoting = false;
  /** A confirmed 组合支付 order not paid yet (cashier closed): tapping again continues it, with the same balance part. */
  pendingCombinedFen: number | undefined = undefined;

  private readonly deps: Required<Omit<CheckoutDeps, 'coupons' | 'cart'>>;
  /** The coupon choice (coupon.quote); without it checkout offers no coupons. */
  readonly coupons: CouponPickerStore | undefined;
  private readonly cart: CartStore | undefined;

  constructor({ coupons, cart, onOrderChanged = () => undefined, ...deps }: CheckoutDeps) {
    this.deps = { ...deps, onOrderChanged };
    this.coupons = coupons;
    this.cart = cart;
    makeAutoObservable<CheckoutStore, 'deps' | 'cart'>(this, { deps: false, coupons: false, cart: false });
  }

  /** A fresh checkout for `productId` (the page's query). */
  start(productId: string): void {
    if (this.productId === productId && !this.paidOrder) return;
    this.reset();
    this.productId = productId;
  }

  /** A fresh checkout of these cart lines (the same lines again keep what was chosen). */
  startCart(lines: OrderLine[]): void {
    if (this.cartLines && JSON.stringify(this.cartLines) === JSON.stringify(lines) && !this.paidOrder) return;
    this.reset();
    this.cartLines = lines;
  }

  /** Which checkout this is: the product id, or 'cart'. The page waits until it matches its query. */
  get key(): string | undefined {
    return this.cartLines ? 'cart' : this.productId;
  }

  /** The lines with their products (a product no longer in the catalog is left out: the page says so). */
  get lines(): CheckoutLine[] {
    return this.items.flatMap(({ productId, qty }) => {
      const product = this.deps.catalog.productById(productId);
      return product ? [{ product, qty }] : [];
    });
  }

  /** Every line's product is still on sale. */
  get allLinesListed(): boolean {
    return this.items.length > 0 && this.lines.length === this.items.length;
  }

  get product(): PublicProduct | undefined {
    return this.productId ? this.deps.catalog.productById(this.productId) : undefined;
  }

  /**
   * This trial was bought before (member.trials: used, or reserved by an order in progress):
   * checkout offers the full product instead of an order the server would refuse.
   */
  get trialUse(): TrialUseView | undefined {
    const p = this.product;
    return p?.kind === 'trial' ? this.deps.trials.useOf(p._id) : undefined;
  }

  /** The full product a trial leads to, when it is in the catalog. */
  get fullProduct(): PublicProduct | undefined {
    const id = this.product?.fullProductId;
    return id ? this.deps.catalog.productById(id) : undefined;
  }

  /** Member or list price, as the catalog states it for this customer (the server still prices the order). */
  get shownPrice(): ShownPrice | undefined {
    const p = this.product;
    return p ? shownPrice(p, this.deps.membership.isActive) : undefined;
  }

  /** The member price is what the customer will be charged (if the server agrees) — on some line. */
  get memberPriceApplies(): boolean {
    return this.lines.some((l) => shownPrice(l.product, this.deps.membership.isActive).memberPriceApplies);
  }

  get unitFen(): number | undefined {
    return this.shownPrice?.unitFen;
  }

  /** 购买正装 ¥x on a trial already bought: the full product's price for this customer. */
  get fullProductPriceFen(): number | undefined {
    const p = this.fullProduct;
    return p ? shownPrice(p, this.deps.membership.isActive).unitFen : undefined;
  }

  /** 已享会员价，节省 ¥x on the success view: from the server's priced lines. */
  get paidMemberSavingsFen(): number {
    return this.paidOrder ? memberSavingsFen(this.paidOrder.lines) : 0;
  }

  /** Display only: unit × qty summed over the lines, as the catalog states them. */
  get estimateFen(): number | undefined {
    const lines = this.lines;
    if (!lines.length) return undefined;
    return lines.reduce((sum, l) => sum + shownPrice(l.product, this.deps.membership.isActive).unitFen * l.qty, 0);
  }

  /** What this checkout orders: one product × the quantity, or the cart's lines. */
  get items(): QuoteItems {
    if (this.cartLines) return this.cartLines;
    return this.productId ? [{ productId: this.productId, qty: this.qty }] : [];
  }

  /** What the cashier and the success view call this order. */
  get title(): string {
    const lines = this.lines;
    if (!lines.length) return '订单';
    return lines.length === 1 ? lines[0].product.name : `${lines[0].product.name} 等 ${lines.length} 件商品`;
  }

  /** Asks the server what each coupon does to this order (again with `force`: membership or coupons may have changed). */
  loadCoupons(force = false): Promise<void> {
    // Membership decides member price OR coupon: a changed status is a different quote.
    return this.coupons && this.items.length ? this.coupons.load(this.items, force, this.deps.membership.isActive ? 'member' : '') : Promise.resolve();
  }

  /** A member pays list price minus the coupon instead of member price (setting: member price OR coupon). */
  get couponReplacesMemberPrice(): boolean {
    const quote = this.coupons?.quoteFor(this.items);
    return this.memberPriceApplies && quote?.stacking === 'member-price-or-coupon' && this.coupons!.selected !== undefined;
  }

  /** The total to show: the server's quote (member price, coupon, floors applied) when there is one for this quantity. */
  get totalFen(): number | undefined {
    const quote = this.coupons?.quoteFor(this.items);
    if (!quote) return this.estimateFen;
    return this.coupons!.selected?.totalFen ?? quote.totalFen;
  }

  /** What can be spent now: the balance less what unpaid 组合支付 orders reserved. */
  get balanceFen(): number | undefined {
    const b = this.deps.wallet.balance;
    return b ? b.totalFen - (b.heldFen ?? 0) : undefined;
  }

  /** 组合支付 is offered when some balance is spendable but not enough for the whole order. */
  get combinedOffered(): boolean {
    const b = this.balanceFen;
    return b !== undefined && b > 0 && this.balanceLooksShort;
  }

  /** The balance as last loaded looks short: a hint next to 余额支付; the server still decides. */
  get balanceLooksShort(): boolean {
    const b = this.balanceFen;
    const e = this.totalFen;
    return b !== undefined && e !== undefined && b < e;
  }

  setQty(qty: number): void {
    // A trial is one per customer: the server refuses qty > 1 (INVALID_INPUT), so never offer it.
    const max = this.product?.kind === 'trial' ? 1 : MAX_QTY;
    this.qty = Math.min(max, Math.max(1, Math.floor(qty)));
    this.refusal = undefined;
    this.combinedQuote = undefined;
    this.pendingCombinedFen = undefined;
  }

  /** Some line is physical goods: the order needs a way to reach the customer. */
  get needsDelivery(): boolean {
    return this.lines.some((l) => isPhysical(l.product));
  }

  setDelivery(form: DeliveryForm): void {
    this.delivery = form;
    if (this.refusal?.code === 'DELIVERY') this.refusal = undefined;
  }

  setPayWith(payWith: PayWith): void {
    this.payWith = payWith;
    this.refusal = undefined;
    this.notice = undefined;
    this.combinedQuote = undefined;
    this.pendingCombinedFen = undefined;
  }

  /** 返回修改: the confirmation is closed, nothing was ordered or reserved. */
  closeCombined(): void {
    this.combinedQuote = undefined;
  }

  /**
   * 提交订单. 组合支付 first asks the server for the split (order.combinedQuote) and shows it; the order is
   * placed by `confirmCombined` with the confirmed balance part. Other choices place the order at once.
   */
  async place(): Promise<void> {
    if (this.payWith !== 'combined') return this.submit();
    if (this.pendingCombinedFen !== undefined) return this.submit(this.pendingCombinedFen);
    if (!this.allLinesListed || this.placing || this.quoting || this.deps.pay.busy || !this.canOrder()) return;
    this.quoting = true;
    this.refusal = undefined;
    this.notice = undefined;
    try {
      const couponId = this.coupons?.quoteFor(this.items) ? this.coupons.selected?.couponId : undefined;
      const reply = await this.deps.service.combinedQuote(this.items, couponId);
      runInAction(() => {
        if (reply.ok) this.combinedQuote = reply.data;
        else this.refusal = { code: reply.error.code, message: userMessage(reply.error.code, reply.error.message) };
      });
      // The balance may have changed elsewhere: what the page shows follows.
      if (!reply.ok) void this.deps.wallet.loadBalance();
    } finally {
      runInAction(() => (this.quoting = false));
    }
  }

  /** 确认并微信支付: the 组合支付 order with the balance part just shown; WeChat collects the rest. */
  confirmCombined(): Promise<void> {
    const q = this.combinedQuote;
    return q ? this.submit(q.balanceFen) : Promise.resolve();
  }

  /** What refuses an order before asking the server (same words as its refusals). */
  private canOrder(): boolean {
    const many = this.lines.length > 1;
    const used = this.lines.find((l) => l.product.kind === 'trial' && this.deps.trials.useOf(l.product._id));
    if (used) {
      // Same words as the server's refusal, with the same next step (购买正装, or take it out of the cart).
      this.refusal = { code: 'TRIAL_ALREADY_USED', message: many ? `体验装每人限购一次，您已购买过「${used.product.name}」，请回购物车移除后再结算。` : '体验装每人限购一次，您已购买过，可直接购买正装。' };
      return false;
    }
    const soldOut = this.lines.find((l) => l.product.soldOut);
    if (soldOut) {
      this.refusal = { code: 'OUT_OF_STOCK', message: many ? `「${soldOut.product.name}」已售罄，请回购物车移除后再结算。` : '该商品已售罄，暂时无法购买，请选择其他商品。' };
      return false;
    }
    return true;
  }

  /** Places the order. The same choice tapped again (after a lost reply or a closed cashier) is the same order. */
  private async submit(balanceFen?: number): Promise<void> {
    if (!this.allLinesListed || this.placing || this.deps.pay.busy) return;
    if (!this.canOrder()) return;
    const items = this.items;
    const title = this.title;
    let delivery;
    if (this.needsDelivery) {
      const checked = toDelivery(this.delivery);
      if (!checked.ok) {
        this.refusal = { code: 'DELIVERY', message: checked.message };
        return;
      }
      delivery = checked.delivery;
    }
    const couponId = this.coupons?.quoteFor(this.items) ? this.coupons.selected?.couponId : undefined;
    // Where it goes (and the coupon) is part of the intent: a corrected address is a new order, the same one retried is not.
    // 组合支付: the confirmed balance part is part of the intent too (a different split is a different order).
    const intent = `order:${JSON.stringify(items)}:${this.payWith}:${JSON.stringify(delivery ?? null)}:${couponId ?? ''}${balanceFen !== undefined ? `:${balanceFen}` : ''}`;
    this.placing = true;
    this.refusal = undefined;
    this.notice = undefined;
    try {
      const reply = await this.deps.service.create({ items, payWith: this.payWith, requestId: this.deps.intents.idFor(intent, 'ord'), ...(couponId ? { couponId } : {}), ...(delivery ? { delivery } : {}), ...(balanceFen !== undefined ? { balanceFen } : {}) });
      // The confirmation has done its job (or is out of date): close it either way.
      runInAction(() => (this.combinedQuote = undefined));
      if (!reply.ok) {
        this.deps.intents.settleUnlessUnknown(intent, reply);
        // Bought on another device, say: learn it, so the page offers the full product from now on.
        if (reply.error.code === 'TRIAL_ALREADY_USED') void this.deps.trials.load();
        // Sold out meanwhile: the catalog learns it, so the page shows 已售罄.
        if (reply.error.code === 'OUT_OF_STOCK') void this.deps.catalog.load();
        // The coupon was used elsewhere or expired meanwhile: ask again what applies.
        if (reply.error.code.startsWith('COUPON_')) void this.loadCoupons(true);
        // The balance changed meanwhile (another order, a top-up): show the current one before confirming again.
        if (reply.error.code === 'BALANCE_CHANGED' || reply.error.code === 'INSUFFICIENT_BALANCE') void this.deps.wallet.loadBalance();
        runInAction(() => (this.refusal = { code: reply.error.code, message: userMessage(reply.error.code, reply.error.message) }));
        return;
      }
      const placed = reply.data;
      this.deps.onOrderChanged();
      // 去结算: the ordered lines leave the cart as soon as the order exists (paid or not, it is in 我的订单).
      if (this.cartLines) void this.cart?.ordered(items.map((i) => i.productId));
      // Until it is paid or closed, tapping again continues this order (its balance part stays reserved for it).
      runInAction(() => (this.pendingCombinedFen = placed.combined && placed.status === 'created' ? placed.combined.balanceFen : undefined));
      if (placed.payment && placed.status === 'created') {
        const outcome = await this.deps.pay.run({ host: PAY_HOST_CHECKOUT, orderId: placed.orderId, payment: placed.payment, title });
        switch (outcome.kind) {
          case 'paid':
            this.deps.intents.settle(intent);
            runInAction(() => (this.pendingCombinedFen = undefined));
            // The coupon is spent: the next checkout asks again what applies.
            if (couponId) this.coupons?.markStale();
            // Paid changes more than created did (a trial is now used): stale again.
            this.deps.onOrderChanged();
            if (placed.combined) void this.deps.wallet.loadBalance();
            runInAction(() => (this.paidOrder = summaryOf(outcome.order)));
            return;
          case 'cancelled':
            runInAction(
              () =>
                (this.notice = info(
                  placed.combined
                    ? `已取消支付，订单已为您保留，其中 ${formatYuan(placed.combined.balanceFen)} 余额已为该订单保留、尚未扣除。再次确认可继续支付，也可在「我的订单」中支付或取消（取消后余额即可使用）。`
                    : '已取消支付，订单已为您保留。再次点击下方「微信支付」可继续支付，也可在「我的订单」中支付或取消。',
                )),
            );
            if (placed.combined) void this.deps.wallet.loadBalance();
            return;
          case 'closed':
          case 'pending':
          case 'failed':
            if (outcome.kind === 'closed') {
              runInAction(() => (this.pendingCombinedFen = undefined));
              if (couponId) this.coupons?.markStale();
            }
            runInAction(() => (this.notice = unfinishedPayment(outcome, this.deps.intents, intent)));
            return;
        }
      }
      this.deps.intents.settle(intent);
      if (couponId) this.coupons?.markStale();
      if (placed.status === 'created' || placed.status === 'cancelled') {
        runInAction(() => (this.notice = failure('订单已关闭，请重新提交订单。')));
        return;
      }
      // Paid with balance: the answer is final. Fetch the order for the lines (member price applied).
      const order = await this.deps.service.get(placed.orderId);
      void this.deps.wallet.loadBalance();
      runInAction(() => {
        // Without the detail the success view still shows the charged total, just not the lines.
        this.paidOrder = order.ok ? summaryOf(order.data) : { orderId: placed.orderId, title, totalFen: placed.totalFen, payWith: 'balance', lines: [] };
      });
    } finally {
      runInAction(() => (this.placing = false));
    }
  }

  reset(): void {
    this.productId = undefined;
    this.qty = 1;
    this.cartLines = undefined;
    this.payWith = 'wechat';
    this.delivery = emptyDeliveryForm();
    this.placing = false;
    this.refusal = undefined;
    this.notice = undefined;
    this.paidOrder = undefined;
    this.combinedQuote = undefined;
    this.quoting = false;
    this.pendingCombinedFen = undefined;
    this.coupons?.reset();
  }
}
