import { exampleOf, loadFixture, shapeMismatches } from '../platform/fixtures';
import { closeOrderParams, parseCloseOrderReply, parseQueryRefundReply, parseRefundReply, queryRefundParams, refundParams } from '../payments/cloudpay-shapes';

/**
 * The production adapter's parameters and reply parsing, against the documented shapes (the
 * fixtures cite where each was read). The local simulator answers in the same shapes, so the
 * contract test checks the other side.
 */
const merchant = { subMchId: '1900000109', nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS', envId: 'test-123' };

describe('cloudPay parameters (documented snake_case)', () => {
  test('refund, closeOrder and queryRefund send exactly the documented fields', () => {
    const refund = refundParams({ outTradeNo: 'ord_abc', outRefundNo: 'rfd_abc', totalFee: 100, refundFee: 100, callbackFunction: 'refundCallback' }, merchant);
    expect(shapeMismatches(loadFixture('request.cloudpay.refund'), refund)).toEqual([]);
    expect(refund).toMatchObject({ functionName: 'refundCallback', out_refund_no: 'rfd_abc' });
    expect(shapeMismatches(loadFixture('request.cloudpay.close-order'), closeOrderParams('ord_abc', merchant))).toEqual([]);
    expect(shapeMismatches(loadFixture('request.cloudpay.query-refund'), queryRefundParams('rfd_abc', merchant))).toEqual([]);
  });
});

describe('cloudPay replies', () => {
  test('refund: accepted (not done) / not processed / refused / the cloud call itself failed', () => {
    expect(parseRefundReply(exampleOf('reply.cloudpay.refund'))).toEqual({ ok: true, refundId: '2008450740201411110000174436' });
    expect(parseRefundReply(exampleOf('reply.cloudpay.refund.return-fail'))).toEqual({ ok: false, code: 'RETURN_FAIL', message: '特约子商户商户号未授权服务商的产品权限' });
    expect(parseRefundReply({ ...exampleOf<Record<string, unknown>>('reply.cloudpay.result-fail'), errCode: 'NOTENOUGH', errCodeDes: '基本账户余额不足' })).toEqual({ ok: false, code: 'NOTENOUGH', message: '基本账户余额不足' });
    expect(parseRefundReply({ errCode: -604101, errMsg: 'cloudPay.refund:fail -604101 function has no permission to call this API' })).toMatchObject({ ok: false, code: 'CLOUD_-604101' });
    expect(parseRefundReply('nonsense')).toMatchObject({ ok: false, code: 'BAD_REPLY' });
  });

  test('closeOrder: closed, ORDERPAID (the payment landed: do not close), ORDERCLOSED, not processed', () => {
    expect(parseCloseOrderReply(exampleOf('reply.cloudpay.close-order'))).toEqual({ ok: true });
    expect(parseCloseOrderReply(exampleOf('reply.cloudpay.result-fail'))).toEqual({ ok: false, code: 'ORDERPAID', message: '订单已支付，不能发起关单' });
    expect(parseCloseOrderReply({ ...exampleOf<Record<string, unknown>>('reply.cloudpay.result-fail'), errCode: 'ORDERCLOSED', errCodeDes: '订单已关闭' })).toMatchObject({ ok: false, code: 'ORDERCLOSED' });
    expect(parseCloseOrderReply(exampleOf('reply.cloudpay.return-fail'))).toMatchObject({ ok: false, code: 'RETURN_FAIL' });
  });

  test('queryRefund: the listed status and fee; empty lists (as really posted) are UNKNOWN, never a failure', () => {
    const q = exampleOf<Record<string, unknown>>('reply.cloudpay.query-refund');
    expect(parseQueryRefundReply(q, '1217752501201407033233368018R1')).toEqual({ status: 'SUCCESS', refundFee: 100, refundId: '50000000382019052709732678859', successTime: '2020-10-20 14:25:44', recvAccount: '支付用户的零钱' });
    const empty = Object.fromEntries(Object.entries(q).map(([k, v]) => [k, Array.isArray(v) ? [] : v]));
    expect(parseQueryRefundReply(empty, '1217752501201407033233368018R1').status).toBe('UNKNOWN');
    expect(parseQueryRefundReply({ ...q, refundStatusList: ['CHANGE'] }, '1217752501201407033233368018R1').status).toBe('CHANGE');
    // Another refund of the same payment is not this one.
    expect(parseQueryRefundReply(q, 'some_other_no').status).toBe('UNKNOWN');
    expect(parseQueryRefundReply({ ...exampleOf<Record<string, unknown>>('reply.cloudpay.result-fail'), errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' }, 'x')).toMatchObject({ status: 'UNKNOWN', detail: expect.stringContaining('REFUNDNOTEXIST') });
  });
});
