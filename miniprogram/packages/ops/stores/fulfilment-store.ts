import { makeAutoObservable, runInAction } from 'mobx';
import { userMessage } from '@shared/errors/messages';
import { carrierName, CARRIERS, TRACKING_NO_PATTERN, type CarrierCode } from '@shared/orders/fulfilment';
import type { OpsOrdersTab, OpsOrderView, OpsService, ShippingUploadState, ShippingUploadView } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, success, type Notice } from '../../../stores/notice';
import { PagedList } from '../../../stores/paged-list';

export const ORDER_TABS: Array<{ state: OpsOrdersTab; label: string; empty: string }> = [
  { state: 'to-ship', label: '待发货', empty: '没有待发货的订单。新的实物订单支付后会出现在这里。' },
  { state: 'shipped', label: '已发货', empty: '还没有已发货的订单。' },
  { state: 'picked-up', label: '已自提', empty: '还没有已自提的订单。' },
  { state: 'delivered', label: '已发放', empty: '还没有自动发放的虚拟商品订单（会员、充值、课程）。' },
];

export const UPLOAD_TABS: Array<{ state: ShippingUploadState; label: string; empty: string }> = [
  { state: 'failed', label: '上传失败', empty: '没有上传失败的发货信息。' },
  { state: 'pending', label: '待上传', empty: '没有等待上传的发货信息。' },
  { state: 'succeeded', label: '已上传', empty: '还没有已上传成功的发货信息。' },
];

/** The ship form as typed. */
export interface OrderShipDraft {
  orderId: string;
  carrier: CarrierCode | '';
  trackingNo: string;
}

/** The carrier and tracking number to send, or the Chinese reason the form is not complete. */
export function checkOrderShipForm(d: Pick<OrderShipDraft, 'carrier' | 'trackingNo'>): { ok: true; carrier: CarrierCode; trackingNo: string } | { ok: false; message: string } {
  // Tracking numbers are often pasted with spaces between digit groups; they are never part of it.
  const trackingNo = d.trackingNo.replace(/\s+/g, '');
  if (!d.carrier || !CARRIERS.some((c) => c.code === d.carrier)) return { ok: false, message: '请选择快递公司。' };
  if (!trackingNo) return { ok: false, message: '请填写运单号。' };
  if (!TRACKING_NO_PATTERN.test(trackingNo)) return { ok: false, message: '运单号应为 6–40 位字母、数字或 -，请核对快递面单后重试。' };
  return { ok: true, carrier: d.carrier, trackingNo };
}

/**
 * 订单发货: paid orders by fulfilment state (待发货 / 已发货 / 已自提 / 已发放), 发货 with a carrier
 * from the list WeChat knows and a tracking number, 确认已自提 for store pickups. Shipping also
 * reports the shipment to WeChat (server side); its outcome shows on the card.
 */
export class OrderFulfilmentStore {
  tab: OpsOrdersTab = 'to-ship';
  readonly list: PagedList<OpsOrderView>;
  ship: OrderShipDraft | undefined = undefined;
  shipError: string | undefined = undefined;
  pickupId: string | undefined = undefined;
  busyId: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    this.list = new PagedList(async (cursor) => {
      const r = await this.service.orders(this.tab, cursor);
      return r.ok ? { ok: true, data: { items: r.data.orders, nextCursor: r.data.nextCursor } } : r;
    }, (o) => o.orderId);
    makeAutoObservable<OrderFulfilmentStore, 'service' | 'intents'>(this, { service: false, intents: false, list: false });
  }

  order(orderId: string): OpsOrderView | undefined {
    return this.list.find(orderId);
  }

  setTab(tab: OpsOrdersTab): void {
    if (tab === this.tab && (this.list.loaded || this.list.loading)) return;
    this.tab = tab;
    this.list.clear();
    this.ship = undefined;
    this.pickupId = undefined;
    this.notice = undefined;
    void this.list.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  /** 发货 is offered for orders going by courier, and for orders without delivery details (the operator knows). */
  canShip(o: OpsOrderView): boolean {
    return o.fulfilment.state === 'pending' && o.delivery?.method !== 'pickup';
  }

  canConfirmPickup(o: OpsOrderView): boolean {
    return o.fulfilment.state === 'pending' && o.delivery?.method !== 'address';
  }

  openShip(orderId: string): void {
    const o = this.order(orderId);
    if (!o || !this.canShip(o)) return;
    this.ship = { orderId, carrier: '', trackingNo: '' };
    this.shipError = undefined;
    this.notice = undefined;
  }

  setShipCarrier(carrier: CarrierCode): void {
    if (!this.ship) return;
    this.ship = { ...this.ship, carrier };
    this.shipError = undefined;
  }

  setShipTracking(trackingNo: string): void {
    if (!this.ship) return;
    this.ship = { ...this.ship, trackingNo };
    this.shipError = undefined;
  }

  cancelShip(): void {
    if (this.busyId) return;
    this.ship = undefined;
    this.shipError = undefined;
  }

  /** 确认发货: checked here first, so an incomplete form never reaches the server. */
  async submitShip(): Promise<boolean> {
    const draft = this.ship;
    if (!draft || this.busyId) return false;
    const checked = checkOrderShipForm(draft);
    if (!checked.ok) {
      this.shipError = checked.message;
      return false;
    }
    // A corrected tracking number is a new request; the same one retried is the same request.
    const intent = `ship-order:${draft.orderId}:${checked.carrier}:${checked.trackingNo}`;
    this.busyId = draft.orderId;
    this.shipError = undefined;
    const reply = await this.service.shipOrder(draft.orderId, checked.carrier, checked.trackingNo, this.intents.idFor(intent, 'ship'));
    this.intents.settleUnlessUnknown(intent, reply);
    if (reply.ok) {
      const upload = reply.data.shippingUpload;
      const wechat = upload?.state === 'failed' ? ` 微信发货信息上传失败（${upload.lastError ?? '未知原因'}），请到「发货信息上传」重试。` : '';
      this.finish(reply.data, `已发货：「${reply.data.title}」· ${carrierName(checked.carrier)} ${checked.trackingNo}。顾客可在订单详情中查看物流。${wechat}`, upload?.state === 'failed');
      return true;
    }
    await this.refused(reply.error, (m) => (this.shipError = m), () => (this.ship = undefined));
    return false;
  }

  openPickup(orderId: string): void {
    const o = this.order(orderId);
    if (!o || !this.canConfirmPickup(o)) return;
    this.pickupId = orderId;
    this.notice = undefined;
  }

  cancelPickup(): void {
    if (!this.busyId) this.pickupId = undefined;
  }

  async confirmPickup(): Promise<boolean> {
    const id = this.pickupId;
    if (!id || this.busyId) return false;
    const intent = `pickup-order:${id}`;
    this.busyId = id;
    const reply = await this.service.markOrderPickedUp(id, this.intents.idFor(intent, 'pickup'));
    this.intents.settleUnlessUnknown(intent, reply);
    if (reply.ok) {
      this.finish(reply.data, `已确认自提：「${reply.data.title}」。`, false);
      return true;
    }
    await this.refused(reply.error, undefined, () => (this.pickupId = undefined));
    return false;
  }

  private finish(o: OpsOrderView, text: string, warn: boolean): void {
    runInAction(() => {
      this.busyId = undefined;
      this.ship = undefined;
      this.pickupId = undefined;
      this.list.update(o, o.fulfilment.state === 'pending' ? this.tab === 'to-ship' : this.tab === o.fulfilment.state);
      this.notice = warn ? failure(text) : success(text);
    });
  }

  /** A network failure keeps the form open for the retry; anything else closes it, says why, and reloads when the list is stale. */
  private async refused(error: { code: string; message: string }, showInForm: ((m: string) => void) | undefined, close: () => void): Promise<void> {
    const message = userMessage(error.code, error.message);
    runInAction(() => {
      this.busyId = undefined;
      if (error.code === 'FORBIDDEN') this.list.markForbidden();
      if ((error.code === 'INTERNAL' || error.code === 'INVALID_INPUT') && showInForm) {
        showInForm(message);
        return;
      }
      close();
      this.notice = failure(message);
    });
    if (error.code === 'INVALID_STATE' || error.code === 'NOT_FOUND' || error.code === 'CONFLICT') await this.list.load();
  }

  reset(): void {
    this.tab = 'to-ship';
    this.list.reset();
    this.ship = undefined;
    this.shipError = undefined;
    this.pickupId = undefined;
    this.busyId = undefined;
    this.notice = undefined;
  }
}

/**
 * 发货信息上传: WeChat's shipping-info uploads by state — 上传失败 is the to-do list (重试 sends it
 * again now), 待上传 shows what the sweep will retry and when, 已上传 the done ones.
 */
export class ShippingUploadsStore {
  tab: ShippingUploadState = 'failed';
  readonly list: PagedList<ShippingUploadView>;
  busyId: string | undefined = undefined;
  notice: Notice | undefined = undefined;

  constructor(
    private readonly service: OpsService,
    private readonly intents: IntentIds,
  ) {
    this.list = new PagedList(async (cursor) => {
      const r = await this.service.shippingUploads(this.tab, cursor);
      return r.ok ? { ok: true, data: { items: r.data.uploads, nextCursor: r.data.nextCursor } } : r;
    }, (u) => u.orderId);
    makeAutoObservable<ShippingUploadsStore, 'service' | 'intents'>(this, { service: false, intents: false, list: false });
  }

  setTab(tab: ShippingUploadState): void {
    if (tab === this.tab && (this.list.loaded || this.list.loading)) return;
    this.tab = tab;
    this.list.clear();
    this.notice = undefined;
    void this.list.load();
  }

  dismissNotice(): void {
    this.notice = undefined;
  }

  canRetry(u: ShippingUploadView): boolean {
    return u.state === 'failed' || u.state === 'pending';
  }

  /** 重试: send it to WeChat again now; the card shows the new outcome. */
  async retry(orderId: string): Promise<boolean> {
    const u = this.list.find(orderId);
    if (!u || this.busyId || !this.canRetry(u)) return false;
    // One tap = one retry; a lost reply retried reuses the id, so WeChat is not asked twice.
    const intent = `retry-upload:${orderId}:${u.attempts}`;
    this.busyId = orderId;
    this.notice = undefined;
    const reply = await this.service.retryShippingUpload(orderId, this.intents.idFor(intent, 'retry'));
    this.intents.settleUnlessUnknown(intent, reply);
    runInAction(() => {
      this.busyId = undefined;
      if (!reply.ok) {
        if (reply.error.code === 'FORBIDDEN') this.list.markForbidden();
        this.notice = failure(userMessage(reply.error.code, reply.error.message));
        return;
      }
      const next = reply.data;
      this.list.update(next, next.state === this.tab);
      this.notice =
        next.state === 'succeeded'
          ? success(`订单 ${orderId} 的发货信息已上传到微信。`)
          : next.state === 'failed'
            ? failure(`订单 ${orderId} 仍上传失败：${next.lastError ?? '原因未知'}。请检查后再试，或联系技术支持。`)
            : success(`订单 ${orderId} 已重新排队上传，稍后刷新查看结果。`);
    });
    if (!reply.ok && (reply.error.code === 'NOT_FOUND' || reply.error.code === 'INVALID_STATE')) await this.list.load();
    return reply.ok && reply.data.state === 'succeeded';
  }

  reset(): void {
    this.tab = 'failed';
    this.list.reset();
    this.busyId = undefined;
    this.notice = undefined;
  }
}
