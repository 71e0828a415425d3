import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock } from '../../cloudfunctions/_kit/clock';
import { PAY_CALLBACK_SOURCE } from '../../cloudfunctions/_kit/sources';
import { LOCAL_APPID, type FunctionRegistry } from '../gateway/functions';
import { nonceStr, signParams } from './sign';
import type { PaySimStore, SimPayment, SimRefund, SimRefundStatus } from './store';

/**
 * The simulator's refunds and closes, in cloudPay's shapes (fixtures request.cloudpay.* and
 * reply.cloudpay.*): a refund is PROCESSING when accepted and its RESULT is delivered afterwards —
 * asynchronously, after the refund call has been answered — to the refund's functionName with
 * SOURCE wx_paycallback (fixture event.refund-result), redelivered like WeChat while it is not
 * acknowledged with errcode 0. closeOrder closes a pending payment (which then cannot be paid);
 * queryRefund answers with cloudPay's lists.
 */
export const SIM_MCH_ID = '1900000109';
/** How long WeChat takes to finish a refund here (real WeChat: minutes to days). */
export const REFUND_RESULT_DELAY_MS = 200;
const RETRY_DELAYS_MS = [1_000, 5_000, 15_000];

/** The merchant fields both notifications (pay result, refund result) open with: one app, one merchant here. */
export const notifyHead = () => ({ returnCode: 'SUCCESS', appid: LOCAL_APPID, mchId: SIM_MCH_ID, subAppid: LOCAL_APPID, subMchId: SIM_MCH_ID, nonceStr: nonceStr() });

/** Refusals WeChat Pay v2 申请退款 lists (fixture reply.cloudpay.result-fail) that a retry can get past. */
export const REFUSALS = { SYSTEMERROR: '系统超时', NOTENOUGH: '基本账户余额不足，请充值后重新发起', BIZERR_NEED_RETRY: '并发情况下，业务被拒绝，商户重试即可解决', FREQUENCY_LIMITED: '频率限制' } as const;
export type RefusalCode = keyof typeof REFUSALS;

/** Merchant key for the replies' `sign` (local only). */
const SIGN_KEY = 'local-wxpay-simulator-merchant-k';

const outTradeNo = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);
const outRefundNo = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const merchant = { sub_mch_id: z.string().min(1).max(32), nonce_str: z.string().min(1).max(32) };

/** CloudPay.refund's documented parameters (out_trade_no; transaction_id is not used by this app). */
const refundRequest = z
  .object({ ...merchant, out_trade_no: outTradeNo, out_refund_no: outRefundNo, total_fee: z.number().int().positive(), refund_fee: z.number().int().positive(), envId: z.string().min(1).max(64).optional(), functionName: z.string().min(1).max(60) })
  .strict();
const closeRequest = z.object({ ...merchant, out_trade_no: outTradeNo }).strict();
const queryRequest = z.object({ ...merchant, out_refund_no: outRefundNo }).strict();

/** Every request the simulator's cloudPay endpoints answered (the platform contract test checks both sides). */
export type PaySimExchange = { api: 'refund' | 'closeOrder' | 'queryRefund'; request: unknown; reply: Record<string, unknown> };
export const paySimExchanges = new Set<(e: PaySimExchange) => void>();

const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);

export function createRefundSim(store: PaySimStore, registry: FunctionRegistry, log: (s: string) => void) {
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Map<string, Promise<unknown>>();
  let holdNext = 0;
  let queryEmptyNext = 0;
  let refuseNext: { times: number; code: RefusalCode } = { times: 0, code: 'SYSTEMERROR' };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  const signed = (reply: Record<string, unknown>) => ({ ...reply, sign: signParams(Object.fromEntries(Object.entries(reply).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>, SIGN_KEY) });
  const head = (sub: string) => ({ returnCode: 'SUCCESS', returnMsg: 'OK', appid: LOCAL_APPID, mchId: SIM_MCH_ID, subAppid: LOCAL_APPID, subMchId: sub, nonceStr: nonceStr() });
  /** returnCode FAIL: the request was not processed (fixture reply.cloudpay.refund.return-fail, for refund). */
  const returnFail = (api: PaySimExchange['api'], msg: string) =>
    api === 'refund' ? { returnCode: 'FAIL', returnMsg: msg, couponTypeList: [], couponRefundIdList: [], couponRefundFeeList: [], errCode: 0, errMsg: 'cloudPay.refund:ok' } : { returnCode: 'FAIL', returnMsg: msg, errCode: 0, errMsg: `cloudPay.${api}:ok` };
  /** resultCode FAIL with WeChat's err_code (fixture reply.cloudpay.result-fail). */
  const resultFail = (api: PaySimExchange['api'], sub: string, code: string, des: string) => {
    const { sign, ...rest } = signed({ ...head(sub), resultCode: 'FAIL', resultMsg: code, errCode: code, errCodeDes: des });
    return { ...rest, sign, errMsg: `cloudPay.${api}:ok` };
  };

  function resultEvent(r: SimRefund, p: SimPayment) {
    // Fixture event.refund-result: v2 退款结果通知's decrypted fields, camelCase, top level.
    return {
      ...notifyHead(),
      transactionId: p.transactionId ?? '',
      outTradeNo: r.outTradeNo,
      refundId: r.refundId,
      outRefundNo: r.outRefundNo,
      totalFee: p.totalFee,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      refundStatus: r.status,
      ...(r.status === 'SUCCESS' && r.successTime ? { successTime: r.successTime } : {}),
      refundRecvAccout: r.status === 'SUCCESS' ? '支付用户的零钱' : '退回原账户失败，请商户处理',
      refundAccount: 'REFUND_SOURCE_UNSETTLED_FUNDS',
      refundRequestSource: 'API',
    };
  }

  /** Delivers a final refund's result to its function; WeChat redelivers what is not acknowledged. */
  function deliver(outRefundNoValue: string, attempt = 0): Promise<unknown> {
    const running = inFlight.get(outRefundNoValue);
    if (running) return running;
    const job = (async () => {
      const r = store.getRefund(outRefundNoValue);
      const p = r ? store.get(r.outTradeNo) : undefined;
      if (!r || !p || r.status === 'PROCESSING' || !r.callbackFunction || !r.notify) return undefined;
      // A scheduled redelivery whose result was acknowledged meanwhile (a flush, a manual post) is not sent again.
      if (attempt > 0 && r.callbackAnswer && (JSON.parse(r.callbackAnswer) as { errcode?: unknown }).errcode === 0) return undefined;
      let answer: unknown;
      try {
        answer = await registry.invoke(r.callbackFunction, resultEvent(r, p), { source: PAY_CALLBACK_SOURCE });
      } catch (e) {
        answer = { errcode: -1, errmsg: e instanceof Error ? e.message : String(e) };
      }
      if (!store.isOpen) return answer; // shut down meanwhile: unacknowledged, redelivered after a restart
      store.recordRefundAnswer(r.outRefundNo, JSON.stringify(answer));
      const acked = !!answer && typeof answer === 'object' && (answer as { errcode?: unknown }).errcode === 0;
      if (!acked && attempt < RETRY_DELAYS_MS.length) {
        later(RETRY_DELAYS_MS[attempt], () => void deliver(outRefundNoValue, attempt + 1));
        log(`[pay-sim] refund result for ${r.outRefundNo} not acknowledged (${JSON.stringify(answer)}); retry ${attempt + 1} scheduled`);
      }
      return answer;
    })().finally(() => inFlight.delete(outRefundNoValue));
    inFlight.set(outRefundNoValue, job);
    return job;
  }

  /** WeChat finishes a refund: PROCESSING → status, then (unless the notification is lost) the result goes out. */
  function finish(no: string, status: Exclude<SimRefundStatus, 'PROCESSING'>, notify = true): Promise<unknown> | undefined {
    const now = systemClock.now();
    if (!store.finishRefund(no, status, now, status === 'SUCCESS' ? beijing(now) : null, notify)) return undefined;
    return notify ? deliver(no) : Promise.resolve(undefined);
  }

  const scheduleFinish = (no: string) => later(REFUND_RESULT_DELAY_MS, () => void finish(no, 'SUCCESS'));

  function refund(body: unknown): Record<string, unknown> {
    const input = refundRequest.safeParse(body);
    if (!input.success) return returnFail('refund', '参数格式校验错误');
    const q = input.data;
    const p = store.get(q.out_trade_no);
    if (!p || p.state !== 'paid') return resultFail('refund', q.sub_mch_id, 'ORDERNOTEXIST', '订单不存在');
    if (p.totalFee !== q.total_fee) return resultFail('refund', q.sub_mch_id, 'PARAM_ERROR', '订单金额与支付金额不一致');
    if (refuseNext.times > 0) {
      refuseNext = { ...refuseNext, times: refuseNext.times - 1 };
      return resultFail('refund', q.sub_mch_id, refuseNext.code, REFUSALS[refuseNext.code]);
    }
    const held = holdNext > 0;
    const res = store.acceptRefund({ outRefundNo: q.out_refund_no, outTradeNo: p.outTradeNo, refundFee: q.refund_fee, refundId: `50${Date.now()}${randomBytes(4).toString('hex')}`, createdAt: systemClock.now(), callbackFunction: q.functionName, held }, p.totalFee);
    if (res.outcome === 'mismatch') return resultFail('refund', q.sub_mch_id, 'PARAM_ERROR', '同一退款单号的金额或订单不一致');
    if (res.outcome === 'exceeds') return resultFail('refund', q.sub_mch_id, 'ERROR', '累计退款金额超过订单金额');
    const r = res.refund!;
    if (res.outcome !== 'again') {
      if (held) holdNext--;
      // Answered first, finished afterwards: the result never overtakes the accepting reply.
      if (!held) scheduleFinish(r.outRefundNo);
      log(`[pay-sim] refund ${r.outRefundNo} accepted (${r.refundFee} fen${held ? ', held PROCESSING' : ''})`);
    }
    return signed({
      ...head(q.sub_mch_id),
      resultCode: 'SUCCESS',
      transactionId: p.transactionId ?? '',
      outTradeNo: p.outTradeNo,
      outRefundNo: r.outRefundNo,
      refundId: r.refundId,
      refundFee: r.refundFee,
      settlementRefundFee: r.refundFee,
      totalFee: p.totalFee,
      feeType: 'CNY',
      cashFee: p.totalFee,
      cashFeeType: 'CNY',
      cashRefundFee: r.refundFee,
      couponRefundFee: 0,
      couponRefundCount: 0,
      couponTypeList: [],
      couponRefundIdList: [],
      couponRefundFeeList: [],
      errCode: 0,
      errMsg: 'cloudPay.refund:ok',
    });
  }

  function closeOrder(body: unknown): Record<string, unknown> {
    const input = closeRequest.safeParse(body);
    if (!input.success) return returnFail('closeOrder', '参数格式校验错误');
    const q = input.data;
    const now = systemClock.now();
    const before = store.get(q.out_trade_no);
    if (!before) return resultFail('closeOrder', q.sub_mch_id, 'ORDERNOTEXIST', '此交易订单号不存在');
    // The doc's rule is the caller's to keep; the simulator records the first call so tests can check it.
    if (now - before.createdAt < 5 * 60_000) log(`[pay-sim] closeOrder for ${q.out_trade_no} only ${Math.round((now - before.createdAt) / 1000)} s after it was created (WeChat: at least 5 minutes)`);
    if (before.state === 'paid') {
      store.closePayment(q.out_trade_no, now); // records the call; a paid payment stays paid
      return resultFail('closeOrder', q.sub_mch_id, 'ORDERPAID', '订单已支付，不能发起关单');
    }
    if (before.state === 'closed') return resultFail('closeOrder', q.sub_mch_id, 'ORDERCLOSED', '订单已关闭，无法重复关闭');
    const after = store.closePayment(q.out_trade_no, now)!;
    if (after.state === 'paid') return resultFail('closeOrder', q.sub_mch_id, 'ORDERPAID', '订单已支付，不能发起关单');
    const { sign, ...rest } = signed({ ...head(q.sub_mch_id), resultCode: 'SUCCESS', resultMsg: 'OK' });
    return { ...rest, sign, errCode: 0, errMsg: 'cloudPay.closeOrder:ok' };
  }

  function queryRefund(body: unknown): Record<string, unknown> {
    const input = queryRequest.safeParse(body);
    if (!input.success) return returnFail('queryRefund', '参数格式校验错误');
    const q = input.data;
    const r = store.getRefund(q.out_refund_no);
    const p = r ? store.get(r.outTradeNo) : undefined;
    if (!r || !p) return resultFail('queryRefund', q.sub_mch_id, 'REFUNDNOTEXIST', '退款订单查询失败');
    // cloudPay has been seen answering with every list empty (refundCount ≥ 1): reproduce on demand.
    const empty = queryEmptyNext > 0;
    if (empty) queryEmptyNext--;
    const one = <T>(v: T): T[] => (empty ? [] : [v]);
    const { subAppid: _drop, ...h } = head(q.sub_mch_id);
    void _drop;
    return signed({
      appid: h.appid,
      returnCode: 'SUCCESS',
      returnMsg: 'OK',
      resultCode: 'SUCCESS',
      mchId: h.mchId,
      subMchId: h.subMchId,
      nonceStr: h.nonceStr,
      transactionId: p.transactionId ?? '',
      outTradeNo: p.outTradeNo,
      totalFee: p.totalFee,
      cashFee: p.totalFee,
      refundCount: 1,
      outRefundNoList: one(r.outRefundNo),
      refundIdList: one(r.refundId),
      refundChannel: one('ORIGINAL'),
      refundFeeList: one(r.refundFee),
      settlementRefundFeeList: one(r.refundFee),
      couponTypeArray: [],
      couponRefundFeeList: [],
      couponRefundCountList: [],
      couponRefundIdArray: [],
      couponRefundFeeArray: [],
      refundStatusList: one(r.status),
      refundAccountList: one('REFUND_SOURCE_UNSETTLED_FUNDS'),
      refundRecvAccoutList: one(r.status === 'SUCCESS' ? '支付用户的零钱' : ''),
      refundSuccessTimeList: one(r.successTime ?? ''),
      errCode: 0,
      errMsg: 'cloudPay.queryRefund:ok',
    });
  }

  /** The cloudPay endpoints: answer, and tell the taps what was asked and answered. */
  function api(name: PaySimExchange['api'], body: unknown): Record<string, unknown> {
    const reply = name === 'refund' ? refund(body) : name === 'closeOrder' ? closeOrder(body) : queryRefund(body);
    for (const t of paySimExchanges) t({ api: name, request: body, reply });
    return reply;
  }

  /**
   * Everything owed now: refunds WeChat would finish by itself (not held) are finished, and every
   * final result not yet acknowledged is delivered; resolves when the answers are in. What tests
   * and the crash verifier wait on instead of sleeping.
   */
  async function flush(): Promise<{ delivered: number; acknowledged: number; owed: number }> {
    const jobs = new Set<Promise<unknown>>();
    for (const r of store.processingUnheld()) {
      const j = finish(r.outRefundNo, 'SUCCESS');
      if (j) jobs.add(j);
    }
    for (const r of store.unacknowledgedResults()) jobs.add(deliver(r.outRefundNo));
    for (const j of inFlight.values()) jobs.add(j);
    const answers = await Promise.all(jobs);
    const acknowledged = answers.filter((a) => !!a && typeof a === 'object' && (a as { errcode?: unknown }).errcode === 0).length;
    return { delivered: answers.filter((a) => a !== undefined).length, acknowledged, owed: store.unacknowledgedResults().length + store.processingUnheld().length };
  }

  /** After a restart: refunds left PROCESSING are finished, owed results delivered (the old timers died with the process). */
  function resume(): number {
    const processing = store.processingUnheld();
    for (const r of processing) scheduleFinish(r.outRefundNo);
    const owed = store.unacknowledgedResults();
    for (const r of owed) void deliver(r.outRefundNo);
    if (processing.length || owed.length) log(`[pay-sim] after restart: ${processing.length} refund(s) to finish, ${owed.length} result(s) to redeliver`);
    return processing.length + owed.length;
  }

  return {
    api,
    finish,
    flush,
    resume,
    hold(times: number) {
      holdNext = times;
      return holdNext;
    },
    /** The next `times` refund requests are refused with WeChat's `code` (nothing is stored: WeChat did not take them). */
    refuse(times: number, code: RefusalCode = 'SYSTEMERROR') {
      refuseNext = { times, code };
      return times;
    },
    queryEmpty(times: number) {
      queryEmptyNext = times;
      return queryEmptyNext;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

export type RefundSim = ReturnType<typeof createRefundSim>;
