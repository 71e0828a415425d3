import type { DashboardView } from '@shared/ops/dashboard';
import { Loadable } from '../../../stores/loadable';
import { PickupCounterStore } from './pickup-counter-store';
import { useStores } from '../../../stores/context';
import type { Resettable, RootStore } from '../../../stores/root-store';
import { resetAll } from './reset-all';
import { AuditStore } from './audit-store';
import { ProductEditorStore, ProductsStore } from './catalog-store';
import { readLaunchFacts } from '../../../services/launch-facts';
import { orderFulfilmentDesk, ShippingUploadsStore, type OrderFulfilmentStore } from './fulfilment-store';
import { giftClaimsDesk, type GiftClaimsStore } from './gift-claims-store';
import { LaunchChecklistStore } from './launch-store';
import { OwnerClaimStore } from './owner-claim-store';
import { RefundsStore } from './refunds-store';
import { SettingsEditorStore } from './settings-store';
import { FollowupDesk } from './followup-store';

/**
 * The operator back office's state. It lives in the ops subpackage (its code stays out of the main
 * package) and is built from the root's services on the first back-office page opened; an account
 * switch resets it with the rest.
 */
export class BackOffice implements Resettable {
  readonly products: ProductsStore;
  readonly editor: ProductEditorStore;
  /** 礼品发货: claimed gifts to ship or hand over. */
  readonly gifts: GiftClaimsStore;
  readonly orders: OrderFulfilmentStore;
  readonly uploads: ShippingUploadsStore;
  readonly refunds: RefundsStore;
  readonly audit: AuditStore;
  readonly settings: SettingsEditorStore;
  readonly launch: LaunchChecklistStore;
  readonly claim: OwnerClaimStore;
  /** 运营后台 home: today's figures and to-dos. */
  readonly dashboard: Loadable<DashboardView>;
  /** 到店核销: the member code at the counter. */
  readonly pickup: PickupCounterStore;
  /** 一对一跟进: lists, one list, a customer's card and contact form, a new list, the execution view. */
  readonly followup: FollowupDesk;

  constructor(root: RootStore) {
    const { services, intents } = root;
    this.products = new ProductsStore(services.ops, intents);
    this.editor = new ProductEditorStore(services.ops, intents, this.products, services.media, services.upload);
    this.gifts = giftClaimsDesk(services.ops, intents);
    this.orders = orderFulfilmentDesk(services.ops, intents);
    this.uploads = new ShippingUploadsStore(services.ops, intents);
    this.refunds = new RefundsStore(services.ops, intents);
    this.audit = new AuditStore(services.ops);
    this.settings = new SettingsEditorStore(services.settings, intents);
    this.launch = new LaunchChecklistStore(services.ops, intents, () => readLaunchFacts(services.platform, services.privacyAuth));
    // Claimed: the role is asked again, so 我的 and the back office see the new owner at once.
    this.claim = new OwnerClaimStore(services.ops, intents, () => root.ops.loadRole());
    this.dashboard = new Loadable(() => services.ops.dashboard());
    this.pickup = new PickupCounterStore(services.ops, intents);
    this.followup = new FollowupDesk(services, intents);
  }

  reset(): void {
    resetAll(this);
  }
}

export const backOfficeOf = (root: RootStore): BackOffice => root.extension('ops-back-office', (r) => new BackOffice(r));

/** The back office of the app's RootStore (pages of packages/ops). */
export function useBackOffice(): BackOffice {
  return backOfficeOf(useStores());
}
