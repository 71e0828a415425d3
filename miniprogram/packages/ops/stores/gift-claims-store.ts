import type { FulfilmentState, GiftClaimView, OpsService } from '../../../services/ops';
import type { IntentIds } from '../../../services/request-id';
import { success } from '../../../stores/notice';
import { FulfilmentDesk } from './fulfilment-desk';
import { carrierByName } from './ship-form';
import type { ListTab } from './tabbed-list';
import { pageOf } from './page-of';

export const GIFT_TABS: Array<ListTab<FulfilmentState>> = [
  { key: 'pending', label: '待处理', empty: '暂无待处理的礼品，新的领取会出现在这里。' },
  { key: 'shipped', label: '已发货', empty: '还没有已发货的礼品。' },
  { key: 'picked-up', label: '已自提', empty: '还没有已自提的礼品。' },
];

/** Carriers operators pick most for gifts; any other can be typed. */
export const GIFT_CARRIERS = ['顺丰速运', '京东物流', '中通快递', '圆通速递', 'EMS'];

/**
 * 礼品发货: claimed gifts (入会礼包, 消费礼) by fulfilment state, paged by the server's cursor —
 * 发货 for 快递到家 claims (carrier by name + tracking number), 确认已自提 for 到店自提 ones.
 */
export function giftClaimsDesk(service: OpsService, intents: IntentIds): FulfilmentDesk<GiftClaimView, FulfilmentState, string> {
  const pending = (c: GiftClaimView) => c.fulfilment.state === 'pending';
  return new FulfilmentDesk<GiftClaimView, FulfilmentState, string>(
    'pending',
    {
      fetch: async (tab, cursor) => pageOf(await service.giftClaims(tab, cursor), (d) => d.claims, (d) => d.nextCursor),
      keyOf: (c) => c.entitlementId,
      canShip: (c) => pending(c) && c.delivery.method === 'address',
      canConfirmPickup: (c) => pending(c) && c.delivery.method === 'pickup',
      carrier: carrierByName,
      ship: (id, carrier, trackingNo, requestId) => service.shipGift(id, carrier, trackingNo, requestId),
      markPickedUp: (id, requestId) => service.markPickedUp(id, requestId),
      belongsTo: (c, tab) => c.fulfilment.state === tab,
      shipped: (c, carrier, trackingNo) => success(`已发货：「${c.name}」· ${carrier} ${trackingNo}。顾客可在「累计消费礼」中查看物流。`),
      pickedUp: (c) => success(`已确认自提：「${c.name}」。`),
      intents: { ship: 'ship', pickup: 'pickup' },
    },
    intents,
  );
}

export type GiftClaimsStore = ReturnType<typeof giftClaimsDesk>;
