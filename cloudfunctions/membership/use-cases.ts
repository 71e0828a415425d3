import { fail, ok, type Result } from '../../shared/errors/result';
import { membershipStatus } from '../../shared/membership/term';
import type { Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { COLL, membershipIdOf, type Delivery, type EntitlementDoc, type MembershipDoc, type OrderDoc, type RefundDoc } from '../_money/docs';
import { driveRefund } from '../_money/drive-refund';
import { makeEvent } from '../_money/events';
import { membershipRefundQuote, refundMembership } from '../_money/membership-refund';
import { baseOrder, pendingPayment } from '../_money/order-draft';
import { placeBalanceOrder, placeWechatOrder, type PlacedOrder } from '../_money/place-order';
import { refundView, type RefundView } from '../_money/refund-order';
import { txCreate, txGet, txReplace } from '../_money/tx';

export async function buyMembership(input: { planId: string; payWith?: 'wechat' | 'balance'; requestId: string }, ctx: ActionContext): Promise<Result<PlacedOrder>> {
  const settings = await ctx.settings();
  const plan = settings.membershipPlans.find((p) => p.id === input.planId && p.active);
  if (!plan) return fail('NOT_FOUND', '该会员方案已下线，请刷新后重新选择。');
  const payWith = input.payWith ?? 'wechat';
  if (payWith === 'balance' && !settings.membershipPayableWithBalance) return fail('INVALID_INPUT', '会员费仅支持微信支付。');
  const draft: OrderDoc = {
    ...baseOrder(ctx, 'membership', payWith, input.requestId, settings, ctx.now()),
    title: plan.name,
    lines: [],
    totalFen: plan.priceFen,
    membership: { planId: plan.id, planName: plan.name, termDays: plan.termDays },
    ...(payWith === 'wechat' ? { payment: pendingPayment() } : {}),
  };
  return payWith === 'wechat' ? placeWechatOrder(ctx, draft) : placeBalanceOrder(ctx, draft, settings);
}

export interface GiftPackView {
  entitlementId: string;
  name: string;
  items: string[];
  valueFen: number;
  status: EntitlementDoc['status'];
  claimDeadline: number;
  delivery?: Delivery;
  fulfilment?: EntitlementDoc['fulfilment'];
}

const packView = (e: EntitlementDoc, now: number): GiftPackView => ({
  entitlementId: e._id,
  name: e.name,
  items: e.items,
  valueFen: e.valueFen,
  // An unclaimed pack past its deadline reads as expired; the stored status is left alone.
  status: e.status === 'available' && now > e.claimDeadline ? 'expired' : e.status,
  claimDeadline: e.claimDeadline,
  ...(e.delivery ? { delivery: e.delivery } : {}),
  ...(e.fulfilment ? { fulfilment: e.fulfilment } : {}),
});

export async function status(_input: Record<string, never>, ctx: ActionContext) {
  const now = ctx.now();
  const m = await getById<MembershipDoc>(ctx.db, COLL.memberships, membershipIdOf(ctx.openid));
  const st = membershipStatus(m?.expiresAt, now);
  const term = m ? [...m.terms].reverse().find((t) => !t.refunded && t.entitlementId) : undefined;
  const ent = term?.entitlementId ? await getById<EntitlementDoc>(ctx.db, COLL.entitlements, term.entitlementId) : null;
  return ok({
    active: st === 'active' || st === 'expiring',
    status: st,
    ...(m && m.expiresAt > 0 ? { expiresAt: m.expiresAt } : {}),
    ...(ent ? { giftPack: packView(ent, now) } : {}),
  });
}

/** The remaining stock of a gift: a document per gift id, seeded from settings on first claim. */
function initialStock(settings: Settings, giftId: string): number | undefined {
  const pack = settings.membershipPlans.find((p) => p.giftPack?.id === giftId)?.giftPack;
  if (pack) return pack.stock;
  return settings.tiers.find((t) => t.gift.id === giftId)?.gift.stock;
}

/**
 * Claims a welcome pack once, in ONE transaction with the stock decrement (by id) and the
 * `gift.claimed` event: concurrent claims on the last unit conflict and retry, so stock is never
 * oversold; claiming again returns the existing claim.
 */
export async function claimPack(input: { entitlementId: string; delivery: Delivery; requestId: string }, ctx: ActionContext): Promise<Result<GiftPackView>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  return runInTransaction(
    ctx.db,
    async (tx): Promise<Result<GiftPackView>> => {
      const ent = await txGet<EntitlementDoc>(tx, COLL.entitlements, input.entitlementId);
      if (!ent || ent.openid !== ctx.openid) return fail('NOT_FOUND', '没有找到该礼包，请刷新后查看。');
      if (ent.status === 'claimed') return ok(packView(ent, now));
      if (ent.status !== 'available') return fail('GIFT_NOT_CLAIMABLE', ent.status === 'void' ? '会员费已退款，礼包已作废。' : '该礼包当前不能领取。');
      if (now > ent.claimDeadline) return fail('GIFT_NOT_CLAIMABLE', '礼包已过领取期限，如有疑问请联系客服。');
      const stockId = `gst_${ent.giftId}`;
      const stock = await txGet<{ _id: string; remaining: number; claimed: number }>(tx, COLL.giftStock, stockId);
      const remaining = stock ? stock.remaining : initialStock(settings, ent.giftId) ?? 0;
      if (remaining <= 0) return fail('GIFT_OUT_OF_STOCK', `「${ent.name}」已领完，请联系客服为您安排替代礼品。`);
      const nextStock = { _id: stockId, giftId: ent.giftId, remaining: remaining - 1, claimed: (stock?.claimed ?? 0) + 1, updatedAt: now };
      await (stock ? txReplace(tx, COLL.giftStock, nextStock) : txCreate(tx, COLL.giftStock, nextStock));
      faultPoint('claim.after-stock');
      const claimed: EntitlementDoc = { ...ent, status: 'claimed', claimedAt: now, delivery: input.delivery, fulfilment: { state: 'pending' }, version: ent.version + 1 };
      await txReplace(tx, COLL.entitlements, claimed);
      await txCreate(
        tx,
        COLL.events,
        makeEvent({
          factId: ent._id,
          type: 'gift.claimed',
          openid: ctx.openid,
          at: now,
          amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 },
          qualifyingDeltaFen: 0,
          productKinds: [],
          data: { giftId: ent.giftId, source: ent.source, valueFen: ent.valueFen, costFen: ent.costFen, delivery: input.delivery.method },
        }),
      );
      return ok(packView(claimed, now));
    },
    { attempts: 30 },
  );
}

export const refundQuote = (_input: Record<string, never>, ctx: ActionContext) => membershipRefundQuote(ctx);

export async function refund(input: { requestId: string }, ctx: ActionContext): Promise<Result<RefundView>> {
  const res = await refundMembership(ctx, input);
  if (!res.ok) return res;
  const driven: RefundDoc | null = res.data.status === 'pending' ? await driveRefund(ctx.db, res.data._id, ctx.now, ctx.log) : res.data;
  return ok(refundView(driven ?? res.data));
}
