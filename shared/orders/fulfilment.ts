/**
 * Fulfilment of paid orders, apart from their money state (orders/states.ts): a shipped order can
 * still be refunded within its window, and a refund never "un-ships" anything, so the two move
 * independently.
 *
 *   pending    has physical goods, waiting for the operator (快递发货 / 到店自提)
 *   shipped    handed to a carrier (carrier + tracking number) — the customer sees 已发货
 *   picked-up  collected in store
 *   delivered  nothing physical (membership, top-up, course): delivered automatically on payment
 *   cancelled  fully refunded before it was shipped: nothing to ship
 */
export const ORDER_FULFILMENT_STATES = ['pending', 'shipped', 'picked-up', 'delivered', 'cancelled'] as const;
export type OrderFulfilmentState = (typeof ORDER_FULFILMENT_STATES)[number];

export const FULFILMENT_LABELS: Readonly<Record<OrderFulfilmentState, string>> = {
  pending: '待发货',
  shipped: '已发货',
  'picked-up': '已自提',
  delivered: '已发放',
  cancelled: '无需发货',
};

/** The state in words; an order waiting for store pickup says 待自提 (not 待发货). */
export const fulfilmentLabel = (state: OrderFulfilmentState, method?: 'address' | 'pickup'): string => (state === 'pending' && method === 'pickup' ? '待自提' : FULFILMENT_LABELS[state]);

/**
 * Carriers, by the code WeChat's shipping-info API expects in `express_company` (the delivery ids
 * of its get_delivery_list). Operators pick from this list, so an upload never fails on a
 * misspelled carrier. Extend it as the shop uses more carriers.
 */
export const CARRIERS = [
  { code: 'SF', name: '顺丰速运' },
  { code: 'ZTO', name: '中通快递' },
  { code: 'YTO', name: '圆通速递' },
  { code: 'STO', name: '申通快递' },
  { code: 'YD', name: '韵达速递' },
  { code: 'JTSD', name: '极兔速递' },
  { code: 'JD', name: '京东物流' },
  { code: 'EMS', name: 'EMS' },
  { code: 'YZPY', name: '邮政快递包裹' },
  { code: 'DBL', name: '德邦快递' },
] as const;
export type CarrierCode = (typeof CARRIERS)[number]['code'];
export const CARRIER_CODES = CARRIERS.map((c) => c.code) as [CarrierCode, ...CarrierCode[]];
export const carrierName = (code: string): string => CARRIERS.find((c) => c.code === code)?.name ?? code;

/** Tracking numbers: letters, digits and -, 6–40 long (spaces pasted between digit groups are dropped by the form). */
export const TRACKING_NO_PATTERN = /^[A-Za-z0-9-]{6,40}$/;

export interface OrderFulfilment {
  state: OrderFulfilmentState;
  carrier?: CarrierCode;
  carrierName?: string;
  trackingNo?: string;
  /** When it reached this state. */
  at?: number;
  /** Operator openid who shipped / confirmed pickup (absent when automatic). */
  by?: string;
  /** Delivered automatically (virtual goods), not by an operator. */
  auto?: boolean;
}

/** What needs shipping when an order is paid: anything physical waits for the operator; the rest is delivered now. */
export function initialFulfilment(order: { kind: 'product' | 'membership' | 'topup'; lines: ReadonlyArray<{ physical: boolean }> }, now: number): OrderFulfilment {
  const physical = order.kind === 'product' && order.lines.some((l) => l.physical);
  return physical ? { state: 'pending' } : { state: 'delivered', auto: true, at: now };
}

/** 13900001234 → 139****1234 (WeChat wants contacts masked, last four digits kept). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return digits.replace(/.(?=.{4})/g, '*');
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** Where an order's goods stand as the customer and the operator read it (no operator ids). */
export function fulfilmentView(f: OrderFulfilment, method?: 'address' | 'pickup') {
  return {
    state: f.state,
    label: fulfilmentLabel(f.state, method),
    ...(f.carrier ? { carrier: f.carrier } : {}),
    ...(f.carrierName ? { carrierName: f.carrierName } : {}),
    ...(f.trackingNo ? { trackingNo: f.trackingNo } : {}),
    ...(f.at !== undefined ? { at: f.at } : {}),
  };
}
