import { runInAction } from 'mobx';
import { carrierName, type CarrierCode } from '@shared/orders/fulfilment';
import type { OpsOrdersTab, OpsOrderView, OpsService, ShippingUploadState, ShippingUploadView, Shown } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { failure, success } from '../../../stores/notice';
import { FulfilmentDesk } from './fulfilment-desk';
import { carrierFromList } from './ship-form';
import { TabbedList, type ListTab } from './tabbed-list';
import { pageOf } from './page-of';

export const ORDER_TABS: Array<ListTab<OpsOrdersTab>> = [
  { key: 'to-ship', label: '待发货', empty: '没有待发货的订单。新的实物订单支付后会出现在这里。' },
  { key: 'shipped', label: '已发货', empty: '还没有已发货的订单。' },
  { key: 'picked-up', label: '已自提', empty: '还没有已自提的订单。' },
  { key: 'delivered', label: '已发放', empty: '还没有自动发放的虚拟商品订单（会员、充值、课程）。' },
];

export const UPLOAD_TABS: Array<ListTab<ShippingUploadState>> = [
  { key: 'failed', label: '上传失败', empty: '没有上传失败的发货信息。' },
  { key: 'pending', label: '待上传', empty: '没有等待上传的发货信息。' },
  { key: 'succeeded', label: '已上传', empty: '还没有已上传成功的发货信息。' },
];

/**
 * 订单发货: paid orders by fulfilment state (待发货 / 已发货 / 已自提 / 已发放), 发货 with a carrier
 * from the list WeChat knows and a tracking number, 确认已自提 for store pickups. Shipping also
 * reports the shipment to WeChat (server side); its outcome shows on the card.
 */
export function orderFulfilmentDesk(service: OpsService, intents: IntentIds): FulfilmentDesk<OpsOrderView, OpsOrdersTab, CarrierCode> {
  const pending = (o: OpsOrderView) => o.fulfilment.state === 'pending';
  return new FulfilmentDesk<OpsOrderView, OpsOrdersTab, CarrierCode>(
    'to-ship',
    {
      fetch: async (tab, cursor) => pageOf(await service.orders(tab, cursor), (d) => d.orders, (d) => d.nextCursor),
      keyOf: (o) => o.orderId,
      // 发货 is offered for orders going by courier, and for orders without delivery details (the operator knows).
      canShip: (o) => pending(o) && o.delivery?.method !== 'pickup',
      canConfirmPickup: (o) => pending(o) && o.delivery?.method !== 'address',
      carrier: carrierFromList,
      ship: (id, carrier, trackingNo, requestId) => service.shipOrder(id, carrier, trackingNo, requestId),
      markPickedUp: (id, requestId) => service.markOrderPickedUp(id, requestId),
      belongsTo: (o, tab) => (o.fulfilment.state === 'pending' ? tab === 'to-ship' : tab === o.fulfilment.state),
      shipped: (o, carrier, trackingNo) => {
        const upload = o.shippingUpload;
        const failed = upload?.state === 'failed';
        const wechat = failed ? ` 微信发货信息上传失败（${upload.lastError ?? '未知原因'}），请到「发货信息上传」重试。` : '';
        const text = `已发货：「${o.title}」· ${carrierName(carrier)} ${trackingNo}。顾客可在订单详情中查看物流。${wechat}`;
        return failed ? failure(text) : success(text);
      },
      pickedUp: (o) => success(`已确认自提：「${o.title}」。`),
      intents: { ship: 'ship-order', pickup: 'pickup-order' },
    },
    intents,
  );
}

export type OrderFulfilmentStore = ReturnType<typeof orderFulfilmentDesk>;

/**
 * 发货信息上传: WeChat's shipping-info uploads by state — 上传失败 is the to-do list (重试 sends it
 * again now), 待上传 shows what the sweep will retry and when, 已上传 the done ones.
 */
export class ShippingUploadsStore extends TabbedList<Shown<ShippingUploadView>, ShippingUploadState> {
  constructor(
    private readonly service: OpsService,
    intents: IntentIds,
  ) {
    super(
      'failed',
      async (tab, cursor) => pageOf(await service.shippingUploads(tab, cursor), (d) => d.uploads, (d) => d.nextCursor),
      (u) => u.orderId,
      intents,
    );
  }

  canRetry(u: ShippingUploadView): boolean {
    return u.state === 'failed' || u.state === 'pending';
  }

  /** 重试: send it to WeChat again now; the card shows the new outcome. */
  async retry(orderId: string): Promise<boolean> {
    const u = this.list.find(orderId);
    if (!u || this.busyId || !this.canRetry(u)) return false;
    // One tap = one retry; a lost reply retried reuses the id, so WeChat is not asked twice.
    const reply = await this.act(orderId, `retry-upload:${orderId}:${u.attempts}`, 'retry', (requestId) => this.service.retryShippingUpload(orderId, requestId));
    if (!reply.ok) {
      await this.refused(reply.error, ['NOT_FOUND', 'INVALID_STATE']);
      return false;
    }
    const next = reply.data;
    runInAction(() => {
      this.list.update(next, next.state === this.tab);
      this.notice =
        next.state === 'succeeded'
          ? success(`订单 ${orderId} 的发货信息已上传到微信。`)
          : next.state === 'failed'
            ? failure(`订单 ${orderId} 仍上传失败：${next.lastError ?? '原因未知'}。请检查后再试，或联系技术支持。`)
            : success(`订单 ${orderId} 已重新排队上传，稍后刷新查看结果。`);
    });
    return next.state === 'succeeded';
  }
}
