import { inBusinessTz } from '../time';
import { maskPhone, type CarrierCode } from './fulfilment';

/**
 * WeChat's shipping-info upload (小程序发货信息管理服务, `POST /wxa/sec/order/upload_shipping_info`,
 * cloud call `wxa.sec.order.uploadShippingInfo`): a Mini Program payment's money stays frozen until
 * the merchant reports how the order was delivered — virtual goods too. This builds the request
 * body exactly as the API documents it (snake_case); the adapters send it.
 */
export const LOGISTICS_TYPES = { express: 1, 'same-city': 2, virtual: 3, pickup: 4 } as const;
export type Logistics = 'express' | 'virtual' | 'pickup';

export interface ShippingInfoBody {
  order_key: { order_number_type: 1; mchid: string; out_trade_no: string } | { order_number_type: 2; transaction_id: string };
  logistics_type: 1 | 2 | 3 | 4;
  /** 1 = UNIFIED_DELIVERY (one parcel / one delivery for the whole order). */
  delivery_mode: 1 | 2;
  shipping_list: Array<{ item_desc: string; tracking_no?: string; express_company?: string; contact?: { consignor_contact?: string; receiver_contact?: string } }>;
  /** RFC 3339; WeChat orders updates by it. */
  upload_time: string;
  payer: { openid: string };
}

export interface ShippingInfoInput {
  /** Our order id = the payment's out_trade_no. */
  outTradeNo: string;
  /** WeChat Pay transaction id from the payment callback (preferred order key). */
  transactionId?: string;
  /** Merchant id the payment was made with (needed only without a transaction id). */
  mchid?: string;
  openid: string;
  /** What was bought, ≤ 120 chars (WeChat shows it to the customer). */
  itemDesc: string;
  logistics: Logistics;
  carrier?: CarrierCode;
  trackingNo?: string;
  /** Receiver's phone (masked before sending): required by WeChat when the carrier is SF. */
  receiverPhone?: string;
  now: number;
}

export const ITEM_DESC_MAX = 120;

export function buildShippingInfo(i: ShippingInfoInput): { ok: true; body: ShippingInfoBody } | { ok: false; reason: string } {
  let order_key: ShippingInfoBody['order_key'];
  if (i.transactionId) order_key = { order_number_type: 2, transaction_id: i.transactionId };
  else if (i.mchid) order_key = { order_number_type: 1, mchid: i.mchid, out_trade_no: i.outTradeNo };
  else return { ok: false, reason: '缺少微信支付单号和商户号，无法定位支付单' };

  const item_desc = [...(i.itemDesc.trim() || '商品')].slice(0, ITEM_DESC_MAX).join('');
  const entry: ShippingInfoBody['shipping_list'][number] = { item_desc };
  if (i.logistics === 'express') {
    if (!i.carrier || !i.trackingNo) return { ok: false, reason: '快递发货需要快递公司和运单号' };
    entry.tracking_no = i.trackingNo;
    entry.express_company = i.carrier;
    if (i.carrier === 'SF') {
      if (!i.receiverPhone) return { ok: false, reason: '顺丰发货需要收件人手机号' };
      entry.contact = { receiver_contact: maskPhone(i.receiverPhone) };
    }
  }
  return {
    ok: true,
    body: {
      order_key,
      logistics_type: LOGISTICS_TYPES[i.logistics],
      delivery_mode: 1,
      shipping_list: [entry],
      upload_time: inBusinessTz(i.now).format('YYYY-MM-DDTHH:mm:ss.SSSZ'),
      payer: { openid: i.openid },
    },
  };
}
