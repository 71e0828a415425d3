import { fail, ok, type Result } from '../../shared/errors/result';
import { carrierName, type CarrierCode, type OrderFulfilment, type OrderFulfilmentState } from '../../shared/orders/fulfilment';
import { SHIPPING_UPLOAD_STATE_LABELS, type OpsOrdersTab, type OpsOrderView, type ShippingUploadView, type Shown } from '../../shared/ops/views';
import type { Logistics } from '../../shared/orders/shipping-info';
import { isPaidState, ORDER_STATE_LABELS } from '../../shared/orders/states';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { shippingUploadIdOf, type OrderDoc, type ShippingUploadDoc, type ShippingUploadState } from '../../shared/documents';
import { fulfilmentView } from '../_orders/order-view';
import { pageNewestFirst } from '../_kit/paging';
import { driveShippingUpload, leasedForCreator, needsShippingUpload, newShippingUpload } from '../_orders/shipping-uploads';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit, writeAudit, writeFulfilmentAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';
import { customerDisplays, withCustomers } from '../_customers/display-profiles';
import { NO_DISPLAY, type CustomerDisplay } from '../../shared/customers/display-profile';

/**
 * Order fulfilment for operators: paid orders by fulfilment state, shipping physical goods
 * (carrier + tracking number) or confirming a store pickup, and the WeChat shipping-info uploads
 * behind them. Virtual goods (memberships, top-ups, courses) were delivered — and reported to
 * WeChat — when they were paid; they appear under `delivered`.
 */
export const uploadView = (u: ShippingUploadDoc): ShippingUploadView => ({
  uploadId: u._id,
  orderId: u.orderId,
  openid: u.openid,
  logistics: u.logistics,
  state: u.state,
  attempts: u.attempts,
  ...(u.lastError ? { lastError: u.lastError } : {}),
  ...(u.lastAttemptAt !== undefined ? { lastAttemptAt: u.lastAttemptAt } : {}),
  ...(u.nextAttemptAt !== undefined && (u.state === 'pending' || u.state === 'failed') ? { nextAttemptAt: u.nextAttemptAt } : {}),
  ...(u.succeededAt !== undefined ? { succeededAt: u.succeededAt } : {}),
  createdAt: u.createdAt,
});

/** Orders paid before fulfilment was recorded: physical ones still wait for shipping. */
const fulfilmentOf = (o: OrderDoc): OrderFulfilment =>
  o.fulfilment ?? (o.kind === 'product' && o.lines.some((l) => l.physical) ? { state: 'pending' } : { state: 'delivered', auto: true });

function orderView(o: OrderDoc, upload: ShippingUploadDoc | null, customer: CustomerDisplay): OpsOrderView {
  const f = fulfilmentOf(o);
  return {
    orderId: o._id,
    openid: o.openid,
    customer,
    kind: o.kind,
    title: o.title,
    status: o.status,
    statusLabel: ORDER_STATE_LABELS[o.status],
    totalFen: o.totalFen,
    payWith: o.payWith,
    createdAt: o.createdAt,
    ...(o.paidAt !== undefined ? { paidAt: o.paidAt } : {}),
    lines: o.lines.map((l) => ({ productId: l.productId, name: l.name, kind: l.kind, qty: l.qty, refundedQty: l.refundedQty, physical: l.physical })),
    delivery: o.delivery ?? null,
    fulfilment: { ...fulfilmentView(f, o.delivery?.method), ...(f.by ? { by: f.by } : {}) },
    shippingUpload: upload ? uploadView(upload) : null,
  };
}

/** Orders as operators see them: each with its shipping upload, and the page's customers looked up in one query. */
async function withUploads(ctx: ActionContext, orders: OrderDoc[]): Promise<OpsOrderView[]> {
  const [uploads, shown] = await Promise.all([
    Promise.all(orders.map((o) => getById<ShippingUploadDoc>(ctx.db, COLL.shipping_uploads, shippingUploadIdOf(o._id)))),
    customerDisplays(ctx.db, orders.map((o) => o.openid), ctx.now()),
  ]);
  return orders.map((o, i) => orderView(o, uploads[i], shown.get(o.openid) ?? NO_DISPLAY));
}

const withUpload = async (ctx: ActionContext, o: OrderDoc) => (await withUploads(ctx, [o]))[0];

const TAB_STATE: Record<OpsOrdersTab, OrderFulfilmentState> = { 'to-ship': 'pending', shipped: 'shipped', 'picked-up': 'picked-up', delivered: 'delivered', cancelled: 'cancelled' };

/** Paid orders by fulfilment state, newest payment first (the `(fulfilment.state, paidAt)` index). */
export async function listOrders(input: { state: OpsOrdersTab; cursor?: number }, ctx: ActionContext): Promise<Result<{ orders: OpsOrderView[]; nextCursor?: number }>> {
  const page = await pageNewestFirst<OrderDoc>(ctx.db, COLL.orders, { 'fulfilment.state': TAB_STATE[input.state] }, 'paidAt', input.cursor, 20);
  const orders = await withUploads(ctx, page.items);
  return ok({ orders, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

export async function getOrder(input: { orderId: string }, ctx: ActionContext): Promise<Result<OpsOrderView>> {
  const o = await getById<OrderDoc>(ctx.db, COLL.orders, input.orderId);
  if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新列表。');
  return ok(await withUpload(ctx, o));
}

type Step = { to: 'shipped'; carrier: CarrierCode; trackingNo: string } | { to: 'picked-up' };

/**
 * Ships an order (快递: carrier + tracking number) or confirms its store pickup, once, in ONE
 * transaction with its audit record and — for orders paid through WeChat Pay — the shipping-info
 * upload, which is then sent. Repeating the same step is harmless (a double tap returns the order
 * as it is); a different step on a handled order is refused, so a tracking number is never
 * silently overwritten.
 */
async function fulfil(ctx: ActionContext, orderId: string, step: Step, requestId: string): Promise<Result<OpsOrderView>> {
  const now = ctx.now();
  const action = step.to === 'shipped' ? 'order.ship' : 'order.pickup';
  const auditId = auditIdFor(ctx.openid, requestId, action, orderId);
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<{ order: OrderDoc; upload?: ShippingUploadDoc }>> => {
    const o = await txGet<OrderDoc>(tx, COLL.orders, orderId);
    if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新列表。');
    if (await priorAudit(tx, auditId)) return ok({ order: o });
    if (o.kind !== 'product') return fail('INVALID_STATE', '会员和储值订单为虚拟商品，支付后已自动发放，无需发货。');
    if (!isPaidState(o.status)) return fail('INVALID_STATE', o.status === 'refunded' ? '该订单已全额退款，无需发货。' : '该订单尚未支付，不能发货。');
    const cur = fulfilmentOf(o);
    if (cur.state === step.to && (step.to !== 'shipped' || (cur.carrier === step.carrier && cur.trackingNo === step.trackingNo))) return ok({ order: o });
    if (cur.state === 'delivered') return fail('INVALID_STATE', '该订单只有虚拟商品，支付后已自动发放，无需发货。');
    if (cur.state === 'shipped') return fail('INVALID_STATE', `该订单已发货（${cur.carrierName ?? cur.carrier ?? ''} ${cur.trackingNo ?? ''}），不能重复发货；如需更正运单号请联系客服处理。`);
    if (cur.state === 'picked-up') return fail('INVALID_STATE', '该订单已确认自提，不能再发货。');
    if (cur.state !== 'pending') return fail('INVALID_STATE', '该订单当前无需发货，请刷新列表。');
    if (step.to === 'shipped' && o.delivery?.method === 'pickup') return fail('INVALID_STATE', '该订单选择了到店自提，请在顾客取货后点「确认已自提」。');
    if (step.to === 'picked-up' && o.delivery?.method === 'address') return fail('INVALID_STATE', '该订单需要快递寄出，请填写快递公司和运单号发货。');

    const fulfilment: OrderFulfilment =
      step.to === 'shipped' ? { state: 'shipped', carrier: step.carrier, carrierName: carrierName(step.carrier), trackingNo: step.trackingNo, at: now, by: ctx.openid } : { state: 'picked-up', at: now, by: ctx.openid };
    const next: OrderDoc = { ...o, fulfilment, updatedAt: now, version: o.version + 1 };
    let upload: ShippingUploadDoc | undefined;
    if (needsShippingUpload(o)) {
      const logistics: Logistics = step.to === 'shipped' ? 'express' : 'pickup';
      const built = newShippingUpload(next, logistics, now, step.to === 'shipped' ? { carrier: step.carrier, trackingNo: step.trackingNo } : {});
      // What WeChat would refuse anyway is refused here, while the operator can still change it.
      if (built.buildError) return fail('INVALID_INPUT', `${built.buildError}，请修改后再发货。`);
      if (!(await txGet(tx, COLL.shipping_uploads, built._id))) {
        upload = leasedForCreator(built, now);
        await txCreate(tx, COLL.shipping_uploads, upload);
      }
    }
    await txReplace(tx, COLL.orders, next);
    const shipped = step.to === 'shipped' ? { carrierName: carrierName(step.carrier), trackingNo: step.trackingNo } : {};
    await writeFulfilmentAudit(tx, { by: ctx.openid, at: now, requestId }, { id: auditId, entity: 'order', entityId: o._id, action, what: `订单「${o.title}」`, to: step.to, ...shipped, before: cur, after: fulfilment });
    return ok({ order: next, ...(upload ? { upload } : {}) });
  });
  if (!res.ok) return res;
  // After the commit: tell WeChat. A failure is recorded on the upload and retried; the shipment
  // stands either way (even if this instance dies here, the sweep finds the upload still due).
  if (res.data.upload) {
    await driveShippingUpload(ctx.db, res.data.upload._id, ctx.now, ctx.log, { fn: ctx.fn, leased: res.data.upload }).catch((e) =>
      ctx.log.log('error', 'shipping upload after fulfilment failed', { orderId, error: e instanceof Error ? e.message : String(e) }),
    );
  }
  return ok(await withUpload(ctx, res.data.order));
}

export const shipOrder = (input: { orderId: string; carrier: CarrierCode; trackingNo: string; requestId: string }, ctx: ActionContext) =>
  fulfil(ctx, input.orderId, { to: 'shipped', carrier: input.carrier, trackingNo: input.trackingNo }, input.requestId);

export const markOrderPickedUp = (input: { orderId: string; requestId: string }, ctx: ActionContext) => fulfil(ctx, input.orderId, { to: 'picked-up' }, input.requestId);

/** Shipping-info uploads by state, newest first — `failed` is the operator's to-do list. */
export async function listShippingUploads(input: { state: ShippingUploadState; cursor?: number }, ctx: ActionContext): Promise<Result<{ uploads: Array<Shown<ShippingUploadView>>; nextCursor?: number }>> {
  const page = await pageNewestFirst<ShippingUploadDoc>(ctx.db, COLL.shipping_uploads, { state: input.state }, 'createdAt', input.cursor, 20);
  return ok({ uploads: await withCustomers(ctx.db, page.items.map(uploadView), ctx.now()), ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/**
 * Sends an upload again now, whatever its backoff says (never one already accepted, and never
 * while another attempt is in flight). Audited; a retried request does not send twice.
 */
export async function retryShippingUpload(input: { orderId: string; requestId: string }, ctx: ActionContext): Promise<Result<Shown<ShippingUploadView>>> {
  const shown = async (u: ShippingUploadDoc) => ok((await withCustomers(ctx.db, [uploadView(u)], ctx.now()))[0]);
  const uploadId = shippingUploadIdOf(input.orderId);
  const auditId = auditIdFor(ctx.openid, input.requestId, 'shipping.retry', uploadId);
  const before = await getById<ShippingUploadDoc>(ctx.db, COLL.shipping_uploads, uploadId);
  if (!before) return fail('NOT_FOUND', '该订单没有需要上传的发货信息（余额支付的订单无需上传）。');
  if (await getById(ctx.db, COLL.audit_log, auditId)) return shown(before);
  if (before.state === 'succeeded') return shown(before);
  if (before.state === 'cancelled') return fail('INVALID_STATE', '该订单已全额退款，无需上传发货信息。');
  const after = (await driveShippingUpload(ctx.db, uploadId, ctx.now, ctx.log, { force: true, fn: ctx.fn })) ?? before;
  const now = ctx.now();
  await runInTransaction(ctx.db, async (tx) => {
    if (await priorAudit(tx, auditId)) return;
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      id: auditId,
      entity: 'shipping-upload',
      entityId: uploadId,
      action: 'shipping.retry',
      summary: `重试上传订单 ${input.orderId} 的发货信息：${after.state === 'failed' ? `仍失败（${after.lastError ?? '原因未知'}）` : SHIPPING_UPLOAD_STATE_LABELS[after.state]}`,
      before: { state: before.state, attempts: before.attempts, lastError: before.lastError ?? null },
      after: { state: after.state, attempts: after.attempts, lastError: after.lastError ?? null },
    });
  });
  return shown(after);
}
