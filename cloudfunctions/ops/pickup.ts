import { fail, ok, type Result } from '../../shared/errors/result';
import type { EntitlementDoc, OrderDoc } from '../../shared/documents';
import type { MemberPickupsView, PickupOrderView } from '../../shared/api/ops';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getAll } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { resolveCode, spendCode } from '../_membership/member-card';
import { markOrderPickedUp } from './fulfilment';
import { customerDisplays } from '../_customers/display-profiles';
import { NO_DISPLAY } from '../../shared/customers/display-profile';
import { claimView, markPickedUp } from './gift-claims';

/**
 * 到店自提 at the counter: the customer shows the member code (会员码), the operator scans or types
 * it, sees what this customer may collect (paid pickup orders, claimed pickup gifts), and
 * confirms. Confirming spends the code — one shown code hands goods over once — and then marks
 * each chosen item picked up through the same step 订单发货 and 礼品发货 use (audit, WeChat
 * shipping info), each idempotent on the request id.
 */
const pickupOrderView = (o: OrderDoc): PickupOrderView => ({ orderId: o._id, title: o.title, lines: o.lines.map((l) => ({ name: l.name, qty: l.qty - l.refundedQty })).filter((l) => l.qty > 0), totalFen: o.totalFen, ...(o.paidAt ? { paidAt: o.paidAt } : {}) });

async function waitingFor(ctx: ActionContext, openid: string): Promise<{ orders: OrderDoc[]; gifts: EntitlementDoc[] }> {
  const [orders, gifts] = await Promise.all([
    getAll<OrderDoc>(ctx.db, COLL.orders, { openid, 'fulfilment.state': 'pending', 'delivery.method': 'pickup' }, { max: 100 }),
    getAll<EntitlementDoc>(ctx.db, COLL.entitlements, { openid, status: 'claimed', 'fulfilment.state': 'pending', 'delivery.method': 'pickup' }, { max: 100 }),
  ]);
  return { orders, gifts };
}

/** What the counter sees: whose card it is (with the name they chose) and what is still waiting. */
async function viewOf(ctx: ActionContext, openid: string, cardNo: string): Promise<MemberPickupsView> {
  const [w, shown] = await Promise.all([waitingFor(ctx, openid), customerDisplays(ctx.db, [openid], ctx.now())]);
  return {
    openid,
    customer: shown.get(openid) ?? NO_DISPLAY,
    cardNo,
    orders: w.orders.sort((a, b) => (a.paidAt ?? 0) - (b.paidAt ?? 0)).map(pickupOrderView),
    gifts: w.gifts.map(claimView),
  };
}

/** 核对会员码: whose code it is and what they may collect; reading spends nothing. */
export async function memberPickups(input: { code: string }, ctx: ActionContext): Promise<Result<MemberPickupsView>> {
  const resolved = await resolveCode(ctx.db, input.code, ctx.now());
  if (!resolved.ok) return resolved;
  const { card } = resolved.data;
  return ok(await viewOf(ctx, card.openid, card.cardNo));
}

/** 确认交付: the chosen items of the code's customer, handed over under one spent code. */
export async function confirmPickup(input: { code: string; orderIds: string[]; entitlementIds: string[]; requestId: string }, ctx: ActionContext): Promise<Result<MemberPickupsView>> {
  if (input.orderIds.length + input.entitlementIds.length === 0) return fail('INVALID_INPUT', '请勾选要交给顾客的订单或礼品。');
  // A code already spent is refused first (the usual case: the same screen shown twice).
  const resolved = await resolveCode(ctx.db, input.code, ctx.now(), { requestId: input.requestId });
  if (!resolved.ok) return resolved;
  const { card, step } = resolved.data;
  const waiting = await waitingFor(ctx, card.openid);
  const orderIds = new Set(waiting.orders.map((o) => o._id));
  const giftIds = new Set(waiting.gifts.map((g) => g._id));
  // A retry of a confirmation that spent the code: finish what is still waiting, refuse nothing.
  if (card.lastUsedRequestId === input.requestId) {
    return handOver(ctx, card.openid, card.cardNo, input.orderIds.filter((id) => orderIds.has(id)), input.entitlementIds.filter((id) => giftIds.has(id)), input.requestId);
  }
  // Only this customer's items still waiting in store: another person's order is never handed over on this code.
  const stray = [...input.orderIds.filter((id) => !orderIds.has(id)), ...input.entitlementIds.filter((id) => !giftIds.has(id))];
  if (stray.length) return fail('INVALID_STATE', '所选的订单或礼品不属于这位顾客，或已交付，请重新核对会员码。');
  const spent = await runInTransaction(ctx.db, (tx) => spendCode(tx, card.openid, step, input.requestId));
  if (!spent.ok) return spent;
  return handOver(ctx, card.openid, card.cardNo, input.orderIds, input.entitlementIds, input.requestId);
}

async function handOver(ctx: ActionContext, openid: string, cardNo: string, orderIds: string[], entitlementIds: string[], requestId: string): Promise<Result<MemberPickupsView>> {
  for (const orderId of orderIds) {
    const r = await markOrderPickedUp({ orderId, requestId }, ctx);
    if (!r.ok) return r;
  }
  for (const entitlementId of entitlementIds) {
    const r = await markPickedUp({ entitlementId, requestId }, ctx);
    if (!r.ok) return r;
  }
  return ok(await viewOf(ctx, openid, cardNo));
}
