import { initialFulfilment, maskPhone } from '../fulfilment';
import { buildShippingInfo, type ShippingInfoInput } from '../shipping-info';

const NOW = Date.UTC(2026, 2, 1, 4, 5, 6, 789); // 12:05:06.789 in Shanghai
const base: ShippingInfoInput = { outTradeNo: 'ord_abc123', transactionId: '4200001', openid: 'o_cust', itemDesc: '屏障修护面霜 50g ×1', logistics: 'virtual', now: NOW };

describe('WeChat shipping-info body (upload_shipping_info)', () => {
  test('virtual goods: transaction id as the order key, logistics_type 3, one unified delivery, Shanghai RFC 3339 time', () => {
    expect(buildShippingInfo(base)).toEqual({
      ok: true,
      body: {
        order_key: { order_number_type: 2, transaction_id: '4200001' },
        logistics_type: 3,
        delivery_mode: 1,
        shipping_list: [{ item_desc: '屏障修护面霜 50g ×1' }],
        upload_time: '2026-03-01T12:05:06.789+08:00',
        payer: { openid: 'o_cust' },
      },
    });
  });

  test.each<[string, Partial<ShippingInfoInput>, unknown]>([
    ['express with a carrier code and tracking number', { logistics: 'express', carrier: 'ZTO', trackingNo: 'ZT123456' }, { logistics_type: 1, shipping_list: [{ item_desc: base.itemDesc, tracking_no: 'ZT123456', express_company: 'ZTO' }] }],
    ['SF needs the receiver contact, masked', { logistics: 'express', carrier: 'SF', trackingNo: 'SF1234567', receiverPhone: '13900001234' }, { shipping_list: [{ item_desc: base.itemDesc, tracking_no: 'SF1234567', express_company: 'SF', contact: { receiver_contact: '139****1234' } }] }],
    ['store pickup is logistics_type 4', { logistics: 'pickup' }, { logistics_type: 4, shipping_list: [{ item_desc: base.itemDesc }] }],
    ['without a transaction id: merchant id + out_trade_no', { transactionId: undefined, mchid: '1900000109' }, { order_key: { order_number_type: 1, mchid: '1900000109', out_trade_no: 'ord_abc123' } }],
  ])('%s', (_n, patch, expected) => {
    const r = buildShippingInfo({ ...base, ...patch });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.body).toMatchObject(expected as object);
  });

  test.each<[string, Partial<ShippingInfoInput>, string]>([
    ['no way to find the payment', { transactionId: undefined, mchid: undefined }, '缺少微信支付单号和商户号，无法定位支付单'],
    ['express without a tracking number', { logistics: 'express', carrier: 'YTO' }, '快递发货需要快递公司和运单号'],
    ['SF without a phone', { logistics: 'express', carrier: 'SF', trackingNo: 'SF1234567' }, '顺丰发货需要收件人手机号'],
  ])('refuses %s', (_n, patch, reason) => {
    expect(buildShippingInfo({ ...base, ...patch })).toEqual({ ok: false, reason });
  });

  test('item_desc is cut to 120 characters (not bytes: Chinese stays whole)', () => {
    const r = buildShippingInfo({ ...base, itemDesc: '面'.repeat(130) });
    expect(r.ok && [...r.body.shipping_list[0].item_desc].length).toBe(120);
  });

  test('masks phones keeping the last four digits', () => {
    expect(maskPhone('13900001234')).toBe('139****1234');
    expect(maskPhone('021-6666 8888')).toBe('021****8888');
  });

  test('fulfilment on payment: physical lines wait for the operator, everything else is delivered', () => {
    expect(initialFulfilment({ kind: 'product', lines: [{ physical: false }, { physical: true }] }, NOW)).toEqual({ state: 'pending' });
    expect(initialFulfilment({ kind: 'product', lines: [{ physical: false }] }, NOW)).toEqual({ state: 'delivered', auto: true, at: NOW });
    expect(initialFulfilment({ kind: 'membership', lines: [] }, NOW)).toEqual({ state: 'delivered', auto: true, at: NOW });
    expect(initialFulfilment({ kind: 'topup', lines: [] }, NOW).state).toBe('delivered');
  });
});
