import { makeAutoObservable } from 'mobx';
import type { Services } from '../services';
import type { MemberCardView } from '../services/member';
import { IntentIds } from '../services/request-id';
import { AddressBookStore } from './address-book-store';
import { CartStore } from './cart-store';
import { CatalogStore } from './catalog-store';
import { CheckoutStore } from './checkout-store';
import { CouponPickerStore } from './coupon-picker-store';
import { Loadable } from './loadable';
import { DisplayProfileStore } from './display-profile-store';
import { MembershipStore } from './membership-store';
import { MessagesStore } from './messages-store';
import { OperatorRoleStore } from './operator-role-store';
import { OrdersStore } from './orders-store';
import { PayStore, type PayStoreOptions } from './pay-store';
import { SessionStore } from './session-store';
import { TiersStore } from './tiers-store';
import { TrialsStore } from './trials-store';
import { WalletStore } from './wallet-store';
import { WelcomeStore, type WelcomeOptions } from './welcome-store';

/** State a subpackage keeps for itself (created on first use there): forgotten on account switch. */
export interface Resettable {
  reset(): void;
}

/** The app's state, built from services so tests can hand in fakes (DESIGN rule 10). */
export class RootStore {
  readonly session: SessionStore;
  readonly catalog: CatalogStore;
  /** 购物车 (kept on the server). */
  readonly cart: CartStore;
  /** 常用收货地址 for the delivery form (the server records what orders and gift claims used). */
  readonly addresses: AddressBookStore;
  readonly pay: PayStore;
  readonly membership: MembershipStore;
  readonly wallet: WalletStore;
  readonly orders: OrdersStore;
  readonly checkout: CheckoutStore;
  /** The checkout's coupon choice (coupon.quote). */
  readonly coupons: CouponPickerStore;
  readonly tiers: TiersStore;
  /** 会员卡: number, balance, coupons, 已省 this term. */
  readonly memberCard: Loadable<MemberCardView>;
  /** 头像昵称: what the customer chose to be shown as (我的 header) and its editor. */
  readonly displayProfile: DisplayProfileStore;
  readonly trials: TrialsStore;
  /** Whether this person is an operator (the back office's own stores live in packages/ops). */
  readonly ops: OperatorRoleStore;
  /** First response: the daily visit and the welcome for customers who have not answered the survey. */
  readonly welcome: WelcomeStore;
  /** Subscription messages: grants, the prompts at natural moments, the inbox's unread count. */
  readonly messages: MessagesStore;
  /** Request ids per user intent; forgotten on account switch (ids belong to one customer). */
  readonly intents: IntentIds;
  /**
   * The services, for stores that live in subpackages (operator back office): their code stays out
   * of the main package and they are built on first use through `extension()`.
   */
  readonly services: Services;
  private readonly extensions = new Map<string, Resettable>();

  constructor(services: Services, opts: { pay?: PayStoreOptions; welcome?: WelcomeOptions } = {}) {
    this.services = services;
    this.intents = new IntentIds();
    this.session = new SessionStore(services.platform, services.identity);
    this.catalog = new CatalogStore(services.catalog);
    this.pay = new PayStore(services.pay, services.order, opts.pay);
    this.membership = new MembershipStore(services.membership, this.pay, this.intents);
    this.wallet = new WalletStore(services.wallet, this.pay, this.intents, this.catalog);
    this.orders = new OrdersStore(services.order, this.pay, this.intents);
    this.tiers = new TiersStore(services.member, this.intents);
    this.trials = new TrialsStore(services.member);
    this.memberCard = new Loadable(() => services.member.card());
    this.displayProfile = new DisplayProfileStore(services.customer, services.upload, services.media);
    this.coupons = new CouponPickerStore(services.coupon);
    this.cart = new CartStore(services.cart, this.catalog, this.membership);
    this.addresses = new AddressBookStore(services.customer, services.wechatAddress);
    // A new order makes the order list and the trial purchases stale; they reload when next shown.
    this.checkout = new CheckoutStore({
      service: services.order,
      pay: this.pay,
      intents: this.intents,
      catalog: this.catalog,
      membership: this.membership,
      wallet: this.wallet,
      trials: this.trials,
      onOrderChanged: () => {
        this.orders.markStale();
        this.trials.markStale();
      },
      coupons: this.coupons,
      cart: this.cart,
    });
    this.ops = new OperatorRoleStore(services.ops);
    this.welcome = new WelcomeStore(services.customer, services.device, this.session, opts.welcome);
    this.messages = new MessagesStore(services.messages, services.subscribe, this.intents, services.device);
    makeAutoObservable<RootStore, 'extensions'>(this, {
      extensions: false,
      extension: false,
      session: false,
      catalog: false,
      cart: false,
      addresses: false,
      pay: false,
      membership: false,
      wallet: false,
      orders: false,
      checkout: false,
      coupons: false,
      tiers: false,
      trials: false,
      memberCard: false,
      displayProfile: false,
      ops: false,
      welcome: false,
      messages: false,
      intents: false,
      services: false,
    });
  }

  /** A subpackage's own store, made once per app (and reset with the rest on account switch). */
  extension<T extends Resettable>(key: string, make: (root: RootStore) => T): T {
    let ext = this.extensions.get(key);
    if (!ext) {
      ext = make(this);
      this.extensions.set(key, ext);
    }
    return ext as T;
  }

  /** H5 dev login: become `openid` and reload what depends on who is asking. */
  signInDev(openid: string): Promise<void> {
    this.session.signInDev(openid);
    this.resetCustomerState();
    // A new person on this device: their visit, and their welcome if they have not answered the survey.
    void this.welcome.onAppShow();
    return this.catalog.load();
  }

  /** "切换账号": drop the identity; the pages show the dev login until a new one is chosen. */
  signOutDev(): void {
    this.session.signOutDev();
    this.resetCustomerState();
  }

  /**
   * The account was deleted (隐私与数据 → 注销账号): forget everything shown about the customer, keep
   * the identity — the same WeChat user is now a new customer (their next visit starts afresh).
   */
  forgetCustomer(): void {
    this.resetCustomerState();
  }

  private resetCustomerState(): void {
    this.pay.reset();
    this.intents.clear();
    this.catalog.reset();
    this.cart.reset();
    this.addresses.reset();
    this.membership.reset();
    this.wallet.reset();
    this.orders.reset();
    this.checkout.reset();
    this.tiers.reset();
    this.trials.reset();
    this.memberCard.reset();
    this.displayProfile.reset();
    this.ops.reset();
    this.welcome.reset();
    this.messages.reset();
    for (const ext of this.extensions.values()) ext.reset();
  }
}
