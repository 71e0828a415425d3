import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { systemClock } from '../../cloudfunctions/_kit/clock';
import { PAY_CALLBACK_SOURCE } from '../../cloudfunctions/_kit/sources';
import { LOCAL_APPID, type FunctionRegistry } from '../gateway/functions';
import { readJsonBody } from '../http-body';
import { envelopeError, sendJson } from '../gateway/http-util';
import { nonceStr, signParams, verifySignature } from './sign';
import { createRefundSim, notifyHead, REFUSALS, type RefusalCode } from './refunds';
import type { PaySimStore, SimPayment, SimRefund } from './store';

/** The simulator's merchant key: local only, used for real HMAC-SHA256 signatures. */
export const SIM_MERCHANT_KEY = 'local-wxpay-simulator-merchant-k';
const RETRY_DELAYS_MS = [1_000, 5_000, 15_000];

const unifiedOrderInput = z
  .object({
    outTradeNo: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    totalFee: z.number().int().positive(),
    body: z.string().min(1).max(128),
    openid: z.string().min(1).max(64),
    callbackFunction: z.string().min(1).max(60),
  })
  .strict();

const payInput = z
  .object({ timeStamp: z.string(), nonceStr: z.string(), package: z.string(), signType: z.string(), paySign: z.string() })
  .strict()
  .partial();

const timeEnd = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);

export function paymentParams(p: Pick<SimPayment, 'prepayId'>, now: number) {
  const params = { appId: LOCAL_APPID, timeStamp: String(Math.floor(now / 1000)), nonceStr: nonceStr(), package: `prepay_id=${p.prepayId}`, signType: 'HMAC-SHA256' as const };
  const paySign = signParams(params, SIM_MERCHANT_KEY);
  const { appId, ...rest } = params;
  void appId;
  return { ...rest, paySign };
}

const resultInput = z.object({ status: z.enum(['SUCCESS', 'CHANGE', 'REFUNDCLOSE']), notify: z.boolean().optional() }).strict();
const timesInput = z.object({ times: z.number().int().min(0).max(1000) }).strict();
const refuseInput = z.object({ times: z.number().int().min(0).max(1000), code: z.enum(Object.keys(REFUSALS) as [RefusalCode, ...RefusalCode[]]).optional() }).strict();

/**
 * /local/pay/* — plays WeChat Pay for local mode and tests (API.md). `unifiedorder`, `refund`,
 * `closeorder` and `queryrefund` are what the local adapter calls (the last three in cloudPay's
 * documented parameters and reply shapes); `<outTradeNo>/succeed` is the customer paying in the pay
 * sheet and delivers the result callback to the callback function with SOURCE = wx_paycallback, like
 * the platform; `<outTradeNo>/redeliver` delivers the same callback again. Refunds: PROCESSING on
 * acceptance, the result delivered afterwards to the refund's functionName (refunds.ts);
 * `refund/<outRefundNo>/result {status, notify?}` finishes a refund by hand (SUCCESS on a CHANGE one =
 * the merchant handled the 退款异常 in 商户平台), `refunds/hold {times}`
 * keeps the next n PROCESSING until then, `refunds/deliver` delivers everything owed now,
 * `refunds/query-empty {times}` makes the next n queryRefund replies list nothing (as cloudPay can),
 * `refunds/refuse {times, code?}` makes WeChat refuse the next n refund requests (SYSTEMERROR, NOTENOUGH…).
 */
export function createPaySimRoutes(store: PaySimStore, registry: FunctionRegistry, log: (s: string) => void) {
  const timers = new Set<NodeJS.Timeout>();
  const refunds = createRefundSim(store, registry, log);

  async function deliver(p: SimPayment, attempt = 0): Promise<unknown> {
    // Exactly the documented notify (fixture event.pay-callback): one app here, so the service
    // provider's and the sub-merchant's openid are the same customer.
    const event = {
      ...notifyHead(),
      resultCode: 'SUCCESS',
      openid: p.openid,
      isSubscribe: 'N',
      subOpenid: p.openid,
      subIsSubscribe: 'N',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      totalFee: p.totalFee,
      feeType: 'CNY',
      cashFee: p.totalFee,
      transactionId: p.transactionId,
      outTradeNo: p.outTradeNo,
      timeEnd: timeEnd(p.paidAt ?? systemClock.now()),
    };
    let answer: unknown;
    try {
      answer = await registry.invoke(p.callbackFunction, event, { source: PAY_CALLBACK_SOURCE });
    } catch (e) {
      answer = { errcode: -1, errmsg: e instanceof Error ? e.message : String(e) };
    }
    // Answered after the simulator shut down: left unacknowledged, so a restart redelivers it (as WeChat would).
    if (!store.isOpen) return answer;
    store.recordCallbackAnswer(p.outTradeNo, JSON.stringify(answer));
    const accepted = !!answer && typeof answer === 'object' && (answer as { errcode?: unknown }).errcode === 0;
    // WeChat keeps retrying a callback that was not acknowledged; so do we (a few times, then stop).
    if (!accepted && attempt < RETRY_DELAYS_MS.length) {
      const t = setTimeout(() => {
        timers.delete(t);
        const fresh = store.get(p.outTradeNo);
        if (fresh) void deliver(fresh, attempt + 1);
      }, RETRY_DELAYS_MS[attempt]);
      t.unref();
      timers.add(t);
      log(`[pay-sim] callback for ${p.outTradeNo} not acknowledged (${JSON.stringify(answer)}); retry ${attempt + 1} scheduled`);
    }
    return answer;
  }

  async function handle(rest: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && parts.length === 2 && parts[0] === 'refund') {
      const r = store.getRefund(parts[1]);
      if (!r) return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这笔退款。'));
      return sendJson(res, 200, { ok: true, data: refundView(r) });
    }
    if (req.method === 'GET' && parts.length === 1) {
      const p = store.get(parts[0]);
      if (!p) return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这笔待支付订单。'));
      return sendJson(res, 200, {
        ok: true,
        data: { outTradeNo: p.outTradeNo, totalFee: p.totalFee, body: p.body, state: p.state, transactionId: p.transactionId, createdAt: p.createdAt, closedAt: p.closedAt ?? null, firstCloseAt: p.firstCloseAt ?? null, refunds: store.refundsOf(p.outTradeNo).map(refundView) },
      });
    }
    if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 POST。'));
    const parsed = await readJsonBody(req);
    if (!parsed.ok) {
      return parsed.reason === 'too-large' ? sendJson(res, 413, envelopeError('PAYLOAD_TOO_LARGE', '请求内容超过 1 MB。')) : sendJson(res, 400, envelopeError('INVALID_INPUT', '请求体不是合法的 JSON。'));
    }
    const body: unknown = parsed.value;

    if (parts.length === 1 && parts[0] === 'unifiedorder') {
      const input = unifiedOrderInput.safeParse(body);
      if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', '统一下单参数不正确。'));
      const now = systemClock.now();
      const existing = store.get(input.data.outTradeNo);
      if (existing) {
        // Same out_trade_no: WeChat returns the same prepay for identical params, refuses otherwise.
        if (existing.totalFee !== input.data.totalFee || existing.openid !== input.data.openid) return sendJson(res, 409, envelopeError('CONFLICT', '商户订单号重复（金额或用户不一致）。'));
        if (existing.state === 'paid') return sendJson(res, 409, envelopeError('CONFLICT', '该订单已支付。'));
        if (existing.state === 'closed') return sendJson(res, 409, envelopeError('CONFLICT', '该订单已关闭，请重新下单。'));
        return sendJson(res, 200, { ok: true, data: paymentParams(existing, now) });
      }
      const p: SimPayment = { ...input.data, prepayId: `wx${now}${randomBytes(6).toString('hex')}`, state: 'pending', transactionId: null, createdAt: now, paidAt: null, callbackAnswer: null };
      store.insert(p);
      return sendJson(res, 200, { ok: true, data: paymentParams(p, now) });
    }

    // cloudPay's refund / closeOrder / queryRefund: documented parameters in, cloudPay's reply out.
    if (parts.length === 1 && (parts[0] === 'refund' || parts[0] === 'closeorder' || parts[0] === 'queryrefund')) {
      return sendJson(res, 200, refunds.api(parts[0] === 'refund' ? 'refund' : parts[0] === 'closeorder' ? 'closeOrder' : 'queryRefund', body));
    }
    if (parts.length === 3 && parts[0] === 'refund' && parts[2] === 'result') {
      const input = resultInput.safeParse(body);
      if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', '请提供 status：SUCCESS、CHANGE 或 REFUNDCLOSE。'));
      const r = store.getRefund(parts[1]);
      if (!r) return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这笔退款。'));
      if (r.status !== 'PROCESSING' && !(r.status === 'CHANGE' && input.data.status === 'SUCCESS')) return sendJson(res, 409, envelopeError('CONFLICT', `该退款已是 ${r.status}。`));
      const callback = await refunds.finish(r.outRefundNo, input.data.status, input.data.notify ?? true);
      return sendJson(res, 200, { ok: true, data: { ...refundView(store.getRefund(r.outRefundNo)!), callback: callback ?? null } });
    }
    if (parts.length === 2 && parts[0] === 'refunds' && (parts[1] === 'hold' || parts[1] === 'query-empty')) {
      const input = timesInput.safeParse(body);
      if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', '请提供 times（0–1000 的整数）。'));
      return sendJson(res, 200, { ok: true, data: parts[1] === 'hold' ? { holding: refunds.hold(input.data.times) } : { emptyQueries: refunds.queryEmpty(input.data.times) } });
    }
    if (parts.length === 2 && parts[0] === 'refunds' && parts[1] === 'refuse') {
      const input = refuseInput.safeParse(body);
      if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', `请提供 times（0–1000 的整数），code 可选：${Object.keys(REFUSALS).join('、')}。`));
      return sendJson(res, 200, { ok: true, data: { refusing: refunds.refuse(input.data.times, input.data.code) } });
    }
    if (parts.length === 2 && parts[0] === 'refunds' && parts[1] === 'deliver') {
      return sendJson(res, 200, { ok: true, data: await refunds.flush() });
    }
    if (parts.length === 2 && (parts[1] === 'succeed' || parts[1] === 'redeliver')) {
      const p = store.get(parts[0]);
      if (!p) return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这笔待支付订单。'));
      if (parts[1] === 'succeed') {
        const sig = payInput.safeParse(body);
        if (!sig.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', '支付参数不正确。'));
        if (sig.data.paySign) {
          const { paySign, ...signed } = sig.data;
          if (!verifySignature({ appId: LOCAL_APPID, ...signed }, paySign, SIM_MERCHANT_KEY)) return sendJson(res, 400, envelopeError('INVALID_INPUT', '支付签名校验失败。'));
          if (signed.package !== `prepay_id=${p.prepayId}`) return sendJson(res, 400, envelopeError('INVALID_INPUT', '支付参数与订单不匹配。'));
        }
        if (p.state !== 'pending') return sendJson(res, 409, envelopeError('CONFLICT', p.state === 'paid' ? '该订单已支付。' : '该订单已关闭。'));
        const transactionId = `42${Date.now()}${randomBytes(5).toString('hex')}`;
        store.markPaid(p.outTradeNo, transactionId, systemClock.now());
      } else if (p.state !== 'paid') {
        return sendJson(res, 409, envelopeError('CONFLICT', '订单尚未支付，无法重发回调。'));
      }
      const answer = await deliver(store.get(p.outTradeNo)!);
      return sendJson(res, 200, { ok: true, data: { outTradeNo: p.outTradeNo, callback: answer } });
    }
    return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这个支付模拟接口。'));
  }

  /**
   * After a restart (a crash included), paid payments whose callback was never acknowledged are
   * delivered again — WeChat keeps retrying until acknowledged, so money taken is never left
   * without its order. The retry timers of the previous process died with it.
   */
  function resumeCallbacks(): number {
    const owed = store.unacknowledgedPaid();
    for (const p of owed) void deliver(p);
    if (owed.length) log(`[pay-sim] redelivering ${owed.length} unacknowledged payment callback(s) after restart`);
    return owed.length;
  }

  return {
    handle,
    resumeCallbacks: () => resumeCallbacks() + refunds.resume(),
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      refunds.close();
    },
  };
}

/** A refund as the simulator's inspection routes show it. */
function refundView(r: SimRefund) {
  return { outRefundNo: r.outRefundNo, outTradeNo: r.outTradeNo, refundFee: r.refundFee, refundId: r.refundId, status: r.status, held: r.held === 1, createdAt: r.createdAt, finishedAt: r.finishedAt, successTime: r.successTime, callbackFunction: r.callbackFunction, callbackAnswer: r.callbackAnswer ? JSON.parse(r.callbackAnswer) : null, submissions: r.submissions };
}
