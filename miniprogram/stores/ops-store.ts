import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import type { Cursor } from '../services/order';
import type { FulfilmentState, GiftClaimView, OpsRole, OpsService } from '../services/ops';
import type { IntentIds } from '../services/request-id';
import { failure, success, type Notice } from './notice';
import { PagedList } from './paged-list';

export const OPS_TABS: Array<{ state: FulfilmentState; label: string; empty: string }> = [
  { state: 'pending', label: '待处理', empty: '暂无待处理的礼品，新的领取会出现在这里。' },
  { state: 'shipped', label: '已发货', empty: '还没有已发货的礼品。' },
  { state: 'picked-up', label: '已自提', empty: '还没有已自提的礼品。' },
];

export const FORBIDDEN_TEXT = '仅运营人员可访问此页面';

/** The ship form as typed. */
export interface ShipDraft {
  entitlementId: string;
  carrier: string;
  trackingNo: string;
}

const TRACKING_NO = /^[A-Za-z0-9-]{6,40}$/;

/** The carrier and tracking number to send, or the Chinese reason the form is not complete. */
export function checkShipForm(d: Pick<ShipDraft, 'carrier' | 'trackingNo'>): { ok: true; carrier: string; trackingNo: string } | { ok: false; message: string } {
  const carrier = d.carrier.trim();
  // Tracking numbers are often pasted with spaces between digit groups; they are never part of it.
  const trackingNo = d.trackingNo.replace(/\s+/g, '');
  if (!carrier) return { ok: false, message: '请填写快递公司。' };
  if (carrier.length > 20) return { ok: false, message: '快递公司名称最多 20 个字，请检查后重试。' };
  if (!trackingNo) return { ok: false, message: '请填写运单号。' };
  if (!TRACKING_NO.test(trackingNo)) return { ok: false, message: '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。' };
  return { ok: true, carrier, trackingNo };
}

/**
 * Operator side (运营后台): whether the signed-in person is an operator (the 我的 entry), and the
 * gift fulfilment list — claims by state, paged by the server's cursor — with 发货 (快递到家) and
 * 确认已自提 (到店自提). The server checks the role on every call; FORBIDDEN turns the page into
 * "仅运营人员可访问此页面".
 */
export class OpsStore {
  role: OpsRole | undefined = undefined;
  roleLoading = false;

  tab: FulfilmentState = 'pending';
  /** The claims of the current tab, paged by the server's cursor (the back office's shared list). */
  readonly list: PagedList<GiftClaimView>;

  ship: ShipDraft | undefined = undefined;
  /** Why the ship form cannot be sent yet (shown inside the form). */
  shipError: string | undefined = undefined;
  /** The pickup claim awaiting 确认已自提. */
  pickupId: string | undefined = undefined;
  /** The claim an action is running on. */
  busyId: string | undefined = undefined;
  notice: Notice | undefined = undefined;
  private roleGeneration = 0;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    this.list = new PagedList<GiftClaimView>(async (cursor?: Cursor) => {
      const reply = await this.service.giftClaims(this.tab, cursor);
      return reply.ok ? { ok: true, data: { items: reply.data.claims, ...(reply.data.nextCursor !== undefined ? { nextCursor: reply.data.nextCursor } : {}) } } : reply;
    }, (c) => c.entitlementId);
    makeAutoObservable<OpsStore, 'service' | 'intents' | 'roleGeneration'>(this, {
      service: false,
      intents: false,
      roleGeneration: false,
      list: false,
    });
  }

  get claims(): GiftClaimView[] {
    return this.list.items;
  }

  get nextCursor(): Cursor | undefined {
    return this.list.nextCursor;
  }

  get loading(): boolean {
    return this.list.loading;
  }

  get loaded(): boolean {
    return this.list.loaded;
  }

  get loadingMore(): boolean {
    return this.list.loadingMore;
  }

  get error(): string | undefined {
    return this.list.error;
  }

  /** The server said this person is not an operator. */
  get forbidden(): boolean {
    return this.list.forbidden;
  }

  get isOperator(): boolean {
    return this.role?.operator === true;
  }

  get hasMore(): boolean {
    return this.list.hasMore;
  }

  get isEmpty(): boolean {
    return this.list.isEmpty;
  }

  claim(entitlementId: string): GiftClaimView | undefined {
    return this.list.find(entitlementId);
  }

  /** ops.role: no entry unless the server says operator (a failure shows none, never an error). */
  async loadRole(): Promise<void> {
    const generation = ++this.roleGeneration;
    this.roleLoading = true;
    const reply = await this.service.role();
    if (generation !== this.roleGeneration) return;
    runInAction(() => {
      this.roleLoading = false;
      this.role = reply.ok ? reply.data : undefined;
    });
  }

  ensureRole(): Promise<void> {
    return this.role || this.roleLoading ? Promise.resolve() : this.loadRole();
  }

  setTab(state: FulfilmentState): void {
    if (state === this.tab && (this.loaded || this.loading)) return;
    this.tab = state;
    this.list.clear();
    this.ship = undefined;
    this.pickupId = undefined;
    this.notice = undefined;
    void this.load();
  }

  /** (Re)load the current tab; the list on screen stays until the answer replaces it. */
  load(): Promise<void> {
    return this.list.load();
  }

  ensureLoaded(): Promise<void> {
    return this.list.ensureLoaded();
  }

  loadMore(): Promise<void> {
    return this.list.loadMore();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** 发货: open the form for a 快递到家 claim. */
  openShip(entitlementId: string): void {
    const c = this.claim(entitlementId);
    if (!c || c.delivery.method !== 'address' || c.fulfilment.state !== 'pending') return;
    this.ship = { entitlementId, carrier: '', trackingNo: '' };
    this.shipError = undefined;
    this.notice = undefined;
  }

  setShipField(field: 'carrier' | 'trackingNo', value: string): void {
    if (!this.ship) return;
    this.ship = { ...this.ship, [field]: value };
    this.shipError = undefined;
  }

  cancelShip(): void {
    if (this.busyId) return;
    this.ship = undefined;
    this.shipError = undefined;
  }

  /** 确认发货: checked here first (an empty tracking number never reaches the server). */
  async submitShip(): Promise<boolean> {
    const draft = this.ship;
    if (!draft || this.busyId) return false;
    const checked = checkShipForm(draft);
    if (!checked.ok) {
      this.shipError = checked.message;
      return false;
    }
    // A corrected tracking number is a new request; the same one retried is the same request.
    const intent = `ship:${draft.entitlementId}:${checked.carrier}:${checked.trackingNo}`;
    this.busyId = draft.entitlementId;
    this.shipError = undefined;
    const reply = await this.service.shipGift(draft.entitlementId, checked.carrier, checked.trackingNo, this.intents.idFor(intent, 'ship'));
    this.intents.settleUnlessUnknown(intent, reply);
    return this.afterAction(draft.entitlementId, reply, (c) => `已发货：「${c.name}」· ${checked.carrier} ${checked.trackingNo}。顾客可在「累计消费礼」中查看物流。`, () => {
      this.ship = undefined;
    }, (message) => {
      this.shipError = message;
    });
  }

  openPickup(entitlementId: string): void {
    const c = this.claim(entitlementId);
    if (!c || c.delivery.method !== 'pickup' || c.fulfilment.state !== 'pending') return;
    this.pickupId = entitlementId;
    this.notice = undefined;
  }

  cancelPickup(): void {
    if (!this.busyId) this.pickupId = undefined;
  }

  /** 确认已自提, after the confirm dialog. */
  async confirmPickup(): Promise<boolean> {
    const id = this.pickupId;
    if (!id || this.busyId) return false;
    const intent = `pickup:${id}`;
    this.busyId = id;
    const reply = await this.service.markPickedUp(id, this.intents.idFor(intent, 'pickup'));
    this.intents.settleUnlessUnknown(intent, reply);
    return this.afterAction(id, reply, (c) => `已确认自提：「${c.name}」。`, () => {
      this.pickupId = undefined;
    });
  }

  /**
   * Shared ending of 发货 / 确认已自提: on success the claim leaves the 待处理 list; a refusal that
   * means the list is out of date (someone else handled it) reloads it.
   */
  private async afterAction(
    id: string,
    reply: Awaited<ReturnType<OpsService['markPickedUp']>>,
    done: (c: GiftClaimView) => string,
    close: () => void,
    showInForm?: (message: string) => void,
  ): Promise<boolean> {
    if (reply.ok) {
      runInAction(() => {
        this.busyId = undefined;
        close();
        this.list.update(reply.data, this.tab === reply.data.fulfilment.state);
        this.notice = success(done(reply.data));
      });
      return true;
    }
    const { code } = reply.error;
    const message = userMessage(code, reply.error.message);
    runInAction(() => {
      this.busyId = undefined;
      if (code === 'FORBIDDEN') this.list.markForbidden();
      // A network failure keeps the form open for the retry; anything else closes it and says why.
      if (code === 'INTERNAL' && showInForm) {
        showInForm(message);
        return;
      }
      close();
      this.notice = failure(message);
    });
    if (code === 'INVALID_STATE' || code === 'NOT_FOUND' || code === 'CONFLICT') await this.load();
    return false;
  }

  reset(): void {
    this.roleGeneration++;
    this.role = undefined;
    this.roleLoading = false;
    this.tab = 'pending';
    this.list.reset();
    this.ship = undefined;
    this.shipError = undefined;
    this.pickupId = undefined;
    this.busyId = undefined;
    this.notice = undefined;
  }
}
