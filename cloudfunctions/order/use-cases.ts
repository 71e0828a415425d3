import { fail, ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { getAll, getById } from '../_kit/db';
import { paymentProvider, PAY_CALLBACK_FUNCTION } from '../_kit/payments';
import { runInTransaction } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type PayWith, type RefundDoc, type WalletDoc } from '../../shared/documents';
import { driveRefund } from '../_payments/refund-lifecycle';
import { draftProductOrder, orderIdFor, type DraftItem } from '../_orders/order-draft';
import { couponForOrder } from '../_coupons/use';
import { closeUnpaid } from '../_orders/close-unpaid';
import { toOrderView, type OrderView } from '../_orders/order-view';
import { overCapOf } from '../_payments/money-back';
import { pageNewestFirst } from '../_kit/paging';
import { placeBalanceOrder, placeWechatOrder, quoteCombined, wechatFen, type CombinedQuote, type PlacedOrder } from '../_orders/place-order';
import { refundOrder, refundView, type RefundView } from '../_payments/refund-order';
import { txGet } from '../_kit/tx';
import type { PaymentHandle } from '../../shared/schemas/payment';
import type { Delivery } from '../../shared/gifts/delivery';
import { recordThrowingCall } from '../_kit/platform-health';
import { deletionGuard } from '../_deletion/guard';
import { recordAddressUse } from '../_addresses/book';
import { COLL } from '../_kit/collections';
import { tabCounts, tabWhere } from './tabs';
import type { CustomerOrderTab, OrderTabCounts } from '../../shared/orders/customer-tabs';

export async function createOrder(input: { items: DraftItem[]; payWith: PayWith; balanceFen?: number; couponId?: string; delivery?: Delivery; requestId: string }, ctx: ActionContext): Promise<Result<PlacedOrder>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  // The coupon is checked (owner, validity, next-purchase rule) before pricing and reserved in the placing transaction.
  const coupon = input.couponId ? await couponForOrder(ctx.db, ctx.openid, input.couponId, orderIdFor(ctx.openid, input.requestId), now) : undefined;
  if (coupon && !coupon.ok) return coupon;
  const draft = await draftProductOrder(ctx, input.items, input.payWith, input.requestId, settings, now, input.delivery, coupon?.data);
  if (!draft.ok) return draft;
  const placed = await (input.payWith === 'balance' ? placeBalanceOrder(ctx, draft.data, settings) : placeWechatOrder(ctx, draft.data, settings, input.balanceFen));
  // The address book learns the 快递到家 address after the order committed (best effort, outside
  // the money transaction); the draft keeps a delivery only when the order ships something.
  if (placed.ok) await recordAddressUse(ctx, draft.data.delivery);
  return placed;
}

/**
 * What a 组合支付 order of these items would take: priced exactly as order.create prices it, all of
 * the spendable balance (per the spend rule: principal and bonus) and the rest by WeChat. Nothing is
 * reserved until the customer confirms and order.create runs.
 */
export async function combinedQuote(input: { items: DraftItem[]; couponId?: string }, ctx: ActionContext): Promise<Result<CombinedQuote>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  const probe = orderIdFor(ctx.openid, `quote_${now}`);
  const coupon = input.couponId ? await couponForOrder(ctx.db, ctx.openid, input.couponId, probe, now) : undefined;
  if (coupon && !coupon.ok) return coupon;
  const draft = await draftProductOrder(ctx, input.items, 'combined', `quote_${now}`, settings, now, undefined, coupon?.data);
  if (!draft.ok) return draft;
  return quoteCombined(await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid)), draft.data.totalFen, settings);
}

async function ownOrder(ctx: ActionContext, orderId: string): Promise<OrderDoc | null> {
  const o = await getById<OrderDoc>(ctx.db, COLL.orders, orderId);
  // Someone else's order is "not found": its existence is not revealed.
  return o && o.openid === ctx.openid ? o : null;
}

const refundsOf = (ctx: ActionContext, orderId: string) => getAll<RefundDoc>(ctx.db, COLL.refunds, { orderId }, { max: 100 });

export async function getOrder(input: { orderId: string }, ctx: ActionContext): Promise<Result<OrderView>> {
  const o = await ownOrder(ctx, input.orderId);
  if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
  const view = toOrderView(o, await refundsOf(ctx, o._id), ctx.now());
  // The refund dialog says beforehand what the balance cap sends back to WeChat instead (issue 15 #2).
  if (view.refundableFen > 0 && o.balance) {
    const capFen = (await ctx.settings()).namedBalanceCapFen;
    const over = overCapOf(o, view.refundableFen, await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid)), capFen);
    if (over > 0) return ok({ ...view, refundOverCapFen: over, refundCapFen: capFen });
  }
  return ok(view);
}

export async function listOrders(input: { tab?: CustomerOrderTab; cursor?: number }, ctx: ActionContext): Promise<Result<{ orders: OrderView[]; nextCursor?: number }>> {
  const page = await pageNewestFirst<OrderDoc>(ctx.db, COLL.orders, tabWhere(ctx.db, ctx.openid, input.tab ?? 'all'), 'createdAt', input.cursor, 20);
  const now = ctx.now();
  const orders = await Promise.all(page.items.map(async (o) => toOrderView(o, o.refundedFen > 0 || o.payment?.lateRefundId ? await refundsOf(ctx, o._id) : [], now)));
  return ok({ orders, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/** The counts on 我的订单's tabs. */
export async function countOrders(_input: Record<string, never>, ctx: ActionContext): Promise<Result<OrderTabCounts>> {
  return ok(await tabCounts(ctx.db, ctx.openid));
}

/** 继续支付: the payment params again for a pending WeChat order (same out_trade_no, same prepay). */
export async function payOrder(input: { orderId: string }, ctx: ActionContext): Promise<Result<{ payment: PaymentHandle }>> {
  const o = await ownOrder(ctx, input.orderId);
  if (!o) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
  if (o.status !== 'created' || o.payWith === 'balance') return fail('INVALID_STATE', o.status === 'cancelled' ? '订单已关闭，请重新下单。' : '该订单无需支付。');
  if (o.expiresAt <= ctx.now()) return fail('INVALID_STATE', '订单已超过支付时限，请重新下单。');
  const deleting = await deletionGuard(ctx.db, ctx.openid, 'pay');
  if (deleting) return deleting;
  const provider = paymentProvider();
  const params = await recordThrowingCall(ctx.db, { fn: ctx.fn, api: 'cloudPay.unifiedOrder', adapter: provider.name === 'cloudpay' ? 'wechat' : 'local' }, ctx.now, ctx.log, () =>
    provider.unifiedOrder({ outTradeNo: o._id, totalFee: wechatFen(o), body: o.title, openid: o.openid, callbackFunction: PAY_CALLBACK_FUNCTION }),
  );
  return ok({ payment: { outTradeNo: o._id, totalFen: wechatFen(o), provider: provider.name, params } });
}

/**
 * Cancels an unpaid order and queues the WeChat closeOrder (payment-closes.ts). A payment that still
 * arrives before the close is refunded, never applied.
 */
export async function cancelOrder(input: { orderId: string }, ctx: ActionContext): Promise<Result<OrderView>> {
  const now = ctx.now();
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<OrderDoc>> => {
    const o = await txGet<OrderDoc>(tx, COLL.orders, input.orderId);
    if (!o || o.openid !== ctx.openid) return fail('NOT_FOUND', '没有找到该订单，请刷新订单列表。');
    if (o.status === 'cancelled') return ok(o);
    // WeChat must close the payment too, so the customer cannot pay it any more (outbox, not before 5 minutes).
    return closeUnpaid(tx, o, 'cancelled', now);
  });
  if (!res.ok) return res;
  return ok(toOrderView(res.data, [], now));
}

export async function requestRefund(input: { orderId: string; requestId: string; lines?: Array<{ productId: string; qty: number }> }, ctx: ActionContext): Promise<Result<RefundView>> {
  const res = await refundOrder(ctx, input);
  if (!res.ok) return res;
  const driven = res.data.status === 'pending' ? await driveRefund(ctx.db, res.data._id, ctx.now, ctx.log, { known: res.data }) : res.data;
  return ok(refundView(driven ?? res.data));
}
