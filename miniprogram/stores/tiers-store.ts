import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { Delivery } from '@shared/gifts/delivery';
import { emptyDeliveryForm, toDelivery, type DeliveryForm } from '../format/delivery';
import { availableGiftCount } from '../format/tiers';
import type { MemberService, TierView, TiersView } from '../services/member';
import type { IntentIds } from '../services/request-id';
import { Loader } from './loader';
import { failure, success, type Notice } from './notice';

/** The claim being prepared: which gift, the form as typed, and (after 确认领取) the checked delivery awaiting the final confirm. */
export interface GiftClaimDraft {
  giftId: string;
  form: DeliveryForm;
  /** Set once the form passed the checks: the confirm dialog shows it. */
  review?: Delivery;
}

/** Refusals after which what the page shows is out of date (stock gone, status moved): reload. */
const RELOAD_AFTER = new Set(['GIFT_OUT_OF_STOCK', 'GIFT_NOT_CLAIMABLE', 'NOT_FOUND', 'CONFLICT']);

/**
 * Cumulative-spend tiers (累计消费礼): the customer's qualifying spend, every tier's gift and its
 * status, and claiming a reached tier's gift (快递到家 or 到店自提). The server decides status,
 * gaps and stock; this store only shows its answer and sends claims, one request id per gift.
 */
export class TiersStore {
  view: TiersView | undefined = undefined;
  loading = false;
  loaded = false;
  error: string | undefined = undefined;
  draft: GiftClaimDraft | undefined = undefined;
  claiming = false;
  notice: Notice | undefined = undefined;
  private readonly loader = new Loader(this);

  constructor(
    private readonly service: MemberService,
    private readonly intents: IntentIds,
  ) {
    makeAutoObservable<TiersStore, 'service' | 'intents' | 'loader'>(this, { service: false, intents: false, loader: false });
  }

  get availableCount(): number {
    return availableGiftCount(this.view);
  }

  tier(giftId: string): TierView | undefined {
    return this.view?.tiers.find((t) => t.giftId === giftId);
  }

  async load(): Promise<void> {
    await this.loader.load(() => this.service.tiers(), (view) => (this.view = view));
  }

  ensureLoaded(): Promise<void> {
    return this.loader.ensureLoaded(() => this.load());
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** 领取: open the delivery form for an available gift (one form at a time). */
  openClaim(giftId: string): void {
    if (this.tier(giftId)?.status !== 'available') return;
    this.draft = { giftId, form: emptyDeliveryForm() };
    this.notice = undefined;
  }

  updateForm(patch: Partial<DeliveryForm>): void {
    if (!this.draft) return;
    this.draft = { giftId: this.draft.giftId, form: { ...this.draft.form, ...patch } };
  }

  cancelClaim(): void {
    if (this.claiming) return;
    this.draft = undefined;
  }

  /** 确认领取 on the form: check it the way the server will, then ask for the final confirm. */
  review(): boolean {
    if (!this.draft) return false;
    const checked = toDelivery(this.draft.form);
    if (!checked.ok) {
      this.notice = failure(checked.message);
      return false;
    }
    this.notice = undefined;
    this.draft = { ...this.draft, review: checked.delivery };
    return true;
  }

  /** Back from the confirm dialog to the form. */
  backToForm(): void {
    if (this.draft && !this.claiming) this.draft = { giftId: this.draft.giftId, form: this.draft.form };
  }

  /**
   * The final confirm: send member.claimGift. The request id belongs to the gift, so a retry after a
   * lost reply reaches the same claim instead of a second one.
   */
  async confirmClaim(): Promise<boolean> {
    const draft = this.draft;
    if (!draft?.review || this.claiming) return false;
    const { giftId, review: delivery } = draft;
    const intent = `tier-gift:${giftId}`;
    this.claiming = true;
    this.notice = undefined;
    const reply = await this.service.claimGift(giftId, this.intents.idFor(intent, 'gift'), delivery);
    this.intents.settleUnlessUnknown(intent, reply);
    if (!reply.ok) {
      const stale = RELOAD_AFTER.has(reply.error.code);
      runInAction(() => {
        this.claiming = false;
        // A network failure goes back to the form (same request id on retry); a refusal that means
        // the page is out of date closes it, and the reload below shows the gift as it now stands.
        this.draft = stale ? undefined : { giftId, form: draft.form };
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
      });
      if (stale) await this.load();
      return false;
    }
    const claimed = reply.data;
    runInAction(() => {
      this.claiming = false;
      this.draft = undefined;
      if (this.view) this.view = { ...this.view, tiers: this.view.tiers.map((t) => (t.giftId === claimed.giftId ? claimed : t)) };
      this.notice = success(
        delivery.method === 'pickup' ? `「${claimed.giftName}」领取成功，请到店出示会员码自提。` : `「${claimed.giftName}」领取成功，我们会尽快寄出，请留意物流信息。`,
      );
    });
    // The rest of the view (next gift, gaps) is the server's to say: refresh it. If that refresh
    // fails, the page keeps showing the view it has (pages show `error` only without a view).
    await this.load();
    return true;
  }

  reset(): void {
    this.loader.reset();
    this.view = undefined;
    this.draft = undefined;
    this.claiming = false;
    this.notice = undefined;
  }
}
