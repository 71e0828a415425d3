import type { CloseOrderResult, ProviderRefundStatus, RefundQueryResult, RefundRequest, RefundResult } from './port';

/**
 * cloudPay's request parameters and replies, shared by the production adapter (wx-server-sdk) and
 * the local one (the simulator answers in the same shapes), so both run the same code and the
 * platform fixtures (`_kit/platform/fixtures/reply.*`) check the simulator against it.
 *
 * Parameters are exactly as documented (WeChat cloud docs, …/wxcloud/reference-sdk-api/open/pay/):
 * CloudPay.refund — `sub_mch_id, nonce_str, transaction_id | out_trade_no, out_refund_no (≤ 64),
 * total_fee, refund_fee`, plus `envId` and `functionName` (the function that receives the
 * asynchronous result); CloudPay.closeOrder — `sub_mch_id, out_trade_no, nonce_str`;
 * CloudPay.queryRefund — `sub_mch_id, nonce_str` and one of `refund_id | out_refund_no |
 * transaction_id | out_trade_no`. (unifiedOrder keeps its documented camelCase, see the adapter.)
 *
 * Replies are camelCase JSON: every real reply posted on the WeChat community is (queryRefund,
 * doc 000484fe0ec200394c409a2a466800, 2023-09-01; refund, a FAIL reply quoted in the question
 * 云开发中无法完成退款API, 2023-10-04). They also carry the cloud call's own `errCode: 0, errMsg:
 * 'cloudPay.<name>:ok'`, a NUMBER — so WeChat's business err_code (a STRING such as ORDERPAID) is read
 * from `errCode` only when it is a string, or from `err_code` (the doc tables' spelling).
 */
export interface MerchantParams {
  subMchId: string;
  nonceStr: string;
  envId?: string;
}

export function refundParams(req: RefundRequest, m: MerchantParams): Record<string, unknown> {
  return {
    sub_mch_id: m.subMchId,
    nonce_str: m.nonceStr,
    out_trade_no: req.outTradeNo,
    out_refund_no: req.outRefundNo,
    total_fee: req.totalFee,
    refund_fee: req.refundFee,
    ...(m.envId ? { envId: m.envId } : {}),
    functionName: req.callbackFunction,
  };
}

export const closeOrderParams = (outTradeNo: string, m: MerchantParams): Record<string, unknown> => ({ sub_mch_id: m.subMchId, out_trade_no: outTradeNo, nonce_str: m.nonceStr });

export const queryRefundParams = (outRefundNo: string, m: MerchantParams): Record<string, unknown> => ({ sub_mch_id: m.subMchId, nonce_str: m.nonceStr, out_refund_no: outRefundNo });

type Reply = Record<string, unknown>;
const isObject = (v: unknown): v is Reply => !!v && typeof v === 'object' && !Array.isArray(v);
const text = (r: Reply, ...keys: string[]): string | undefined => {
  for (const k of keys) if (typeof r[k] === 'string' && (r[k] as string).length > 0) return r[k] as string;
  return undefined;
};

/** The cloud call itself failed (`errCode` a non-zero number, e.g. -604101 without the permission). */
function callFailure(r: Reply): { code: string; message: string } | null {
  return typeof r.errCode === 'number' && r.errCode !== 0 ? { code: `CLOUD_${r.errCode}`, message: text(r, 'errMsg') ?? 'cloud call failed' } : null;
}

/** WeChat's business error of a reply whose result_code is not SUCCESS. */
function businessError(r: Reply, fallback: string): { code: string; message: string } {
  return { code: text(r, 'errCode', 'err_code') ?? fallback, message: text(r, 'errCodeDes', 'err_code_des', 'resultMsg', 'result_msg', 'returnMsg') ?? fallback };
}

function envelopeFailure(r: unknown): { code: string; message: string } | null {
  if (!isObject(r)) return { code: 'BAD_REPLY', message: 'reply is not an object' };
  const call = callFailure(r);
  if (call) return call;
  // return_code is the communication flag: FAIL means the request was not processed at all.
  if (text(r, 'returnCode', 'return_code') !== 'SUCCESS') return { code: 'RETURN_FAIL', message: text(r, 'returnMsg', 'return_msg') ?? 'returnCode is not SUCCESS' };
  return null;
}

const resultOk = (r: Reply) => text(r, 'resultCode', 'result_code') === 'SUCCESS';

export function parseRefundReply(reply: unknown): RefundResult {
  const f = envelopeFailure(reply);
  if (f) return { ok: false, ...f };
  const r = reply as Reply;
  if (resultOk(r)) {
    const refundId = text(r, 'refundId', 'refund_id');
    return { ok: true, ...(refundId ? { refundId } : {}) };
  }
  return { ok: false, ...businessError(r, 'REFUND_FAILED') };
}

export function parseCloseOrderReply(reply: unknown): CloseOrderResult {
  const f = envelopeFailure(reply);
  if (f) return { ok: false, ...f };
  const r = reply as Reply;
  return resultOk(r) ? { ok: true } : { ok: false, ...businessError(r, 'CLOSE_FAILED') };
}

const STATUSES = new Set<ProviderRefundStatus>(['SUCCESS', 'PROCESSING', 'CHANGE', 'REFUNDCLOSE']);
const asStatus = (v: unknown): ProviderRefundStatus | undefined => (typeof v === 'string' && STATUSES.has(v as ProviderRefundStatus) ? (v as ProviderRefundStatus) : undefined);
const intOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : undefined);
const at = (r: Reply, key: string, i: number): unknown => (Array.isArray(r[key]) ? (r[key] as unknown[])[i] : undefined);

/**
 * queryRefund's reply for one out_refund_no. The lists (`outRefundNoList`, `refundStatusList`,
 * `refundFeeList`, …) are what cloudPay really returns; they can be EMPTY although `refundCount`
 * ≥ 1 (WeChat staff: the indexed lists appear when querying by transaction_id/out_trade_no with
 * several refunds) — that answer is UNKNOWN, never a failure. The doc tables' indexed fields
 * (`refund_status_$n`) are read too, in case a reply carries them.
 */
export function parseQueryRefundReply(reply: unknown, outRefundNo: string): RefundQueryResult {
  const f = envelopeFailure(reply);
  if (f) return { status: 'UNKNOWN', detail: `${f.code}: ${f.message}` };
  const r = reply as Reply;
  if (!resultOk(r)) {
    const e = businessError(r, 'QUERY_FAILED');
    return { status: 'UNKNOWN', detail: `${e.code}: ${e.message}` };
  }
  const listed = Array.isArray(r.outRefundNoList) ? (r.outRefundNoList as unknown[]) : [];
  let i = listed.indexOf(outRefundNo);
  // Queried by out_refund_no, a single listed refund is that refund even if its number is not echoed.
  if (i < 0 && listed.length === 0 && Array.isArray(r.refundStatusList) && r.refundStatusList.length === 1) i = 0;
  if (i >= 0) {
    const status = asStatus(at(r, 'refundStatusList', i));
    if (status) {
      const refundFee = intOf(at(r, 'refundFeeList', i));
      const refundId = at(r, 'refundIdList', i);
      const successTime = at(r, 'refundSuccessTimeList', i);
      const recv = at(r, 'refundRecvAccoutList', i);
      return {
        status,
        ...(refundFee !== undefined ? { refundFee } : {}),
        ...(typeof refundId === 'string' && refundId ? { refundId } : {}),
        ...(typeof successTime === 'string' && successTime ? { successTime } : {}),
        ...(typeof recv === 'string' && recv ? { recvAccount: recv } : {}),
      };
    }
  }
  for (let n = 0; n < 50; n++) {
    const no = r[`out_refund_no_${n}`] ?? r[`outRefundNo${n}`];
    if (no === undefined) break;
    if (no !== outRefundNo) continue;
    const status = asStatus(r[`refund_status_${n}`] ?? r[`refundStatus${n}`]);
    const refundFee = intOf(r[`refund_fee_${n}`] ?? r[`refundFee${n}`]);
    if (status) return { status, ...(refundFee !== undefined ? { refundFee } : {}) };
  }
  return { status: 'UNKNOWN', detail: `reply lists no status for ${outRefundNo} (refundCount ${String(r.refundCount ?? '?')})` };
}
