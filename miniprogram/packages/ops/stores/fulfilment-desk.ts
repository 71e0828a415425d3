import { action, makeObservable, observable, runInAction } from 'mobx';
import type { Envelope } from '@shared/errors/envelope';
import { userMessage } from '@shared/errors/messages';
import type { Cursor } from '../../../services/order';
import type { IntentIds } from '../../../services/request-id';
import type { Notice } from '../../../stores/notice';
import type { PageFetch } from '../../../stores/paged-list';
import { ShipForm, type CarrierRule } from './ship-form';
import { TabbedList } from './tabbed-list';

/** What differs between the two fulfilment desks (gift claims, orders): the calls, the rules, the words. */
export interface DeskKind<T, K extends string, C extends string> {
  fetch(tab: K, cursor?: Cursor): ReturnType<PageFetch<T>>;
  keyOf(item: T): string;
  canShip(item: T): boolean;
  canConfirmPickup(item: T): boolean;
  carrier: CarrierRule<C>;
  ship(id: string, carrier: C, trackingNo: string, requestId: string): Promise<Envelope<T>>;
  markPickedUp(id: string, requestId: string): Promise<Envelope<T>>;
  /** Whether a handled item still belongs on `tab`. */
  belongsTo(item: T, tab: K): boolean;
  shipped(item: T, carrier: C, trackingNo: string): Notice;
  pickedUp(item: T): Notice;
  /** Intent names: gifts and orders never share a request id. */
  intents: { ship: string; pickup: string };
}

/** Refusals that mean the list is out of date (someone else handled the item): it is reloaded. */
const STALE = ['INVALID_STATE', 'NOT_FOUND', 'CONFLICT'] as const;
/** Refusals worth a retry of the same form: it stays open with the reason. */
const RETRY_IN_FORM = ['INTERNAL', 'INVALID_INPUT'];

/**
 * A fulfilment desk: items by fulfilment state, 发货 (one ship form, checked before sending) and
 * 确认已自提 after a confirm. On success the item moves to its new tab; a refusal says why.
 */
export class FulfilmentDesk<T, K extends string, C extends string> extends TabbedList<T, K> {
  readonly shipForm: ShipForm<C>;
  /** The item awaiting 确认已自提. */
  pickupId: string | undefined = undefined;

  constructor(
    firstTab: K,
    private readonly kind: DeskKind<T, K, C>,
    intents: IntentIds,
  ) {
    super(firstTab, (tab, cursor) => kind.fetch(tab, cursor), kind.keyOf, intents);
    this.shipForm = new ShipForm(kind.carrier);
    makeObservable(this, { pickupId: observable, openShip: action, cancelShip: action, openPickup: action, cancelPickup: action });
  }

  item(id: string): T | undefined {
    return this.list.find(id);
  }

  canShip(item: T): boolean {
    return this.kind.canShip(item);
  }

  canConfirmPickup(item: T): boolean {
    return this.kind.canConfirmPickup(item);
  }

  /** The item the ship form is open for. */
  get shipping(): T | undefined {
    return this.shipForm.draft ? this.item(this.shipForm.draft.id) : undefined;
  }

  get pickup(): T | undefined {
    return this.pickupId ? this.item(this.pickupId) : undefined;
  }

  openShip(id: string): void {
    const item = this.item(id);
    if (!item || !this.canShip(item)) return;
    this.shipForm.open(id);
    this.notice = undefined;
  }

  cancelShip(): void {
    if (!this.busyId) this.shipForm.close();
  }

  /** 确认发货: checked here first, so an incomplete form never reaches the server. */
  async submitShip(): Promise<boolean> {
    const draft = this.shipForm.draft;
    if (!draft || this.busyId) return false;
    const checked = this.shipForm.check();
    if (!checked) return false;
    const { carrier, trackingNo } = checked;
    // A corrected tracking number is a new request; the same one retried is the same request.
    const intent = `${this.kind.intents.ship}:${draft.id}:${carrier}:${trackingNo}`;
    const reply = await this.act(draft.id, intent, 'ship', (requestId) => this.kind.ship(draft.id, carrier, trackingNo, requestId));
    if (reply.ok) return this.done(reply.data, this.kind.shipped(reply.data, carrier, trackingNo));
    if (RETRY_IN_FORM.includes(reply.error.code)) {
      // A network failure keeps the form open for the retry.
      this.shipForm.showError(userMessage(reply.error.code, reply.error.message));
      return false;
    }
    this.shipForm.close();
    await this.refused(reply.error, STALE);
    return false;
  }

  openPickup(id: string): void {
    const item = this.item(id);
    if (!item || !this.canConfirmPickup(item)) return;
    this.pickupId = id;
    this.notice = undefined;
  }

  cancelPickup(): void {
    if (!this.busyId) this.pickupId = undefined;
  }

  /** 确认已自提, after the confirm dialog. */
  async confirmPickup(): Promise<boolean> {
    const id = this.pickupId;
    if (!id || this.busyId) return false;
    const reply = await this.act(id, `${this.kind.intents.pickup}:${id}`, 'pickup', (requestId) => this.kind.markPickedUp(id, requestId));
    if (reply.ok) return this.done(reply.data, this.kind.pickedUp(reply.data));
    runInAction(() => (this.pickupId = undefined));
    await this.refused(reply.error, STALE);
    return false;
  }

  /** Handled: the dialogs close, the item moves to the tab it now belongs to. */
  private done(item: T, notice: Notice): true {
    runInAction(() => {
      this.closeDialogs();
      this.list.update(item, this.kind.belongsTo(item, this.tab));
      this.notice = notice;
    });
    return true;
  }

  protected override closeDialogs(): void {
    this.shipForm.close();
    this.pickupId = undefined;
  }
}
