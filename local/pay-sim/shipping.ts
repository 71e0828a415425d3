import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { systemClock } from '../../cloudfunctions/_kit/clock';
import { LOCAL_MCH_ID } from '../../cloudfunctions/_kit/shipping/local-adapter';
import { readJsonBody } from '../http-body';
import { envelopeError, sendJson } from '../gateway/http-util';
import type { PaySimStore, SimShippingUpload } from './store';

/**
 * /local/shipping/* — plays WeChat's 小程序发货信息管理服务 for local mode and tests, next to the pay
 * simulator (it checks uploads against the payments the simulator took, as WeChat does):
 *   POST upload_shipping_info   the API itself: the HTTPS body, answered `{errcode, errmsg}`
 *                               (0 = accepted; 10060001 支付单不存在 for an unknown or unpaid payment;
 *                               47001 for a malformed body)
 *   GET  /local/shipping[?outTradeNo=]   every call received, newest first (the recorder an operator inspects)
 *   POST /local/shipping/fail {times, errcode?, errmsg?}   the next `times` calls fail (demo an outage; tests)
 */
const orderKey = z.union([
  z.object({ order_number_type: z.literal(1), mchid: z.string().min(1), out_trade_no: z.string().min(1) }).strict(),
  z.object({ order_number_type: z.literal(2), transaction_id: z.string().min(1) }).strict(),
]);

const uploadBody = z
  .object({
    order_key: orderKey,
    logistics_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    delivery_mode: z.union([z.literal(1), z.literal(2)]),
    is_all_delivered: z.boolean().optional(),
    shipping_list: z
      .array(
        z
          .object({
            tracking_no: z.string().min(1).max(128).optional(),
            express_company: z.string().min(1).max(128).optional(),
            item_desc: z.string().min(1).max(120),
            contact: z.object({ consignor_contact: z.string().max(1024).optional(), receiver_contact: z.string().max(1024).optional() }).strict().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(15),
    upload_time: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/),
    payer: z.object({ openid: z.string().min(1) }).strict(),
  })
  .strict()
  .superRefine((b, ctx) => {
    b.shipping_list.forEach((s, i) => {
      if (b.logistics_type === 1 && (!s.tracking_no || !s.express_company)) ctx.addIssue({ code: 'custom', path: ['shipping_list', i], message: 'express delivery needs tracking_no and express_company' });
      if (s.express_company === 'SF' && !s.contact?.receiver_contact && !s.contact?.consignor_contact) ctx.addIssue({ code: 'custom', path: ['shipping_list', i, 'contact'], message: 'SF needs a contact' });
    });
    if (b.delivery_mode === 2 && b.is_all_delivered === undefined) ctx.addIssue({ code: 'custom', path: ['is_all_delivered'], message: 'required for split delivery' });
  });

export interface ShippingUploadRecord extends Omit<SimShippingUpload, 'body'> {
  body: unknown;
}

export function createShippingRoutes(store: PaySimStore) {
  let armed: { times: number; errcode: number; errmsg: string } | null = null;

  const answer = (res: ServerResponse, errcode: number, errmsg: string) => sendJson(res, 200, { errcode, errmsg });

  function upload(raw: unknown, res: ServerResponse): void {
    const at = systemClock.now();
    const keyOf = (b: unknown) => {
      const k = (b as { order_key?: { out_trade_no?: unknown; transaction_id?: unknown } })?.order_key;
      return { out: typeof k?.out_trade_no === 'string' ? k.out_trade_no : null, tx: typeof k?.transaction_id === 'string' ? k.transaction_id : null };
    };
    const record = (outTradeNo: string | null, transactionId: string | null, errcode: number, errmsg: string) => {
      const lt = (raw as { logistics_type?: unknown })?.logistics_type;
      store.recordShipping({ outTradeNo, transactionId, logisticsType: typeof lt === 'number' ? lt : null, errcode, errmsg, body: JSON.stringify(raw ?? null), at });
      return answer(res, errcode, errmsg);
    };
    // Which payment the call is about (if it names one we know), so every call — refused ones
    // included — is listed under its order.
    const k = keyOf(raw);
    const known = k.tx ? store.getByTransactionId(k.tx) : k.out ? store.get(k.out) : undefined;
    const outTradeNo = known?.outTradeNo ?? k.out;
    const transactionId = known?.transactionId ?? k.tx;
    if (armed && armed.times > 0) {
      armed.times--;
      const { errcode, errmsg } = armed;
      if (armed.times === 0) armed = null;
      return record(outTradeNo, transactionId, errcode, errmsg);
    }
    const parsed = uploadBody.safeParse(raw);
    if (!parsed.success) return record(outTradeNo, transactionId, 47001, `data format error: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
    const b = parsed.data;
    const payment = b.order_key.order_number_type === 2 || b.order_key.mchid === LOCAL_MCH_ID ? known : undefined;
    if (!payment || payment.state !== 'paid') return record(outTradeNo, transactionId, 10060001, '支付单不存在');
    if (payment.openid !== b.payer.openid) return record(payment.outTradeNo, payment.transactionId, 47001, 'data format error: payer.openid does not match the payment');
    return record(payment.outTradeNo, payment.transactionId, 0, 'ok');
  }

  async function handle(rest: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const path = rest.replace(/^\/+|\/+$/g, '');
    if (req.method === 'GET' && path === '') {
      const uploads: ShippingUploadRecord[] = store.shippingUploads(url.searchParams.get('outTradeNo') ?? undefined).map((u) => ({ ...u, body: JSON.parse(u.body) }));
      return sendJson(res, 200, { ok: true, data: { uploads, failuresArmed: armed?.times ?? 0 } });
    }
    if (req.method !== 'POST') return sendJson(res, 405, envelopeError('INVALID_INPUT', '请使用 GET 或 POST。'));
    const parsed = await readJsonBody(req);
    if (!parsed.ok) return answer(res, 47001, parsed.reason === 'too-large' ? 'data format error: body too large' : 'data format error: invalid JSON');
    const body: unknown = parsed.value;
    if (path === 'upload_shipping_info') return upload(body, res);
    if (path === 'fail') {
      const input = z.object({ times: z.number().int().min(0).max(1000), errcode: z.number().int().optional(), errmsg: z.string().max(200).optional() }).strict().safeParse(body);
      if (!input.success) return sendJson(res, 400, envelopeError('INVALID_INPUT', 'times 必须是 0–1000 的整数。'));
      armed = input.data.times > 0 ? { times: input.data.times, errcode: input.data.errcode ?? -1, errmsg: input.data.errmsg ?? 'system error' } : null;
      return sendJson(res, 200, { ok: true, data: { failuresArmed: armed?.times ?? 0 } });
    }
    return sendJson(res, 404, envelopeError('NOT_FOUND', '没有这个发货信息模拟接口。'));
  }

  return { handle };
}
