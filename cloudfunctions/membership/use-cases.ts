import type { GiftPackView } from '../../shared/api/membership';
import { fail, ok, type Result } from '../../shared/errors/result';
import { currentRefundPolicy } from '../../shared/membership/refund';
import { earlyRenewalApplies, earlyRenewalIssueKey } from '../../shared/membership/early-renewal';
import { membershipStatus } from '../../shared/membership/term';
import { validityWindow, type CouponTemplate } from '../../shared/promotions/coupon';
import { couponIdFor } from '../_coupons/docs';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { membershipIdOf, type Delivery, type EntitlementDoc, type MembershipDoc, type OrderDoc, type RefundDoc } from '../../shared/documents';
import { driveRefund } from '../_payments/refund-lifecycle';
import { claimEntitlement } from '../_gifts/claim-gift';
import { membershipRefundQuote, refundMembership } from '../_payments/membership-refund';
import { baseOrder, pendingPayment } from '../_orders/order-draft';
import { placeBalanceOrder, placeWechatOrder, type PlacedOrder } from '../_orders/place-order';
import { refundView, type RefundView } from '../_payments/refund-order';
import { COLL } from '../_kit/collections';

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
    // The refund rules are sold with it (issue 15 #5): the window is the order's refundWindowDays.
    membership: { planId: plan.id, planName: plan.name, termDays: plan.termDays, refundPolicy: currentRefundPolicy(settings) },
    ...(payWith === 'wechat' ? { payment: pendingPayment() } : {}),
  };
  return payWith === 'wechat' ? placeWechatOrder(ctx, draft, settings) : placeBalanceOrder(ctx, draft, settings);
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
  const reward = m && m.terms.some((t) => !t.refunded) ? await earlyRenewalOffer(ctx, m, now) : undefined;
  return ok({
    active: st === 'active' || st === 'expiring',
    status: st,
    ...(m && m.expiresAt > 0 ? { expiresAt: m.expiresAt } : {}),
    ...(ent ? { giftPack: packView(ent, now) } : {}),
    ...(reward ? { earlyRenewalReward: reward } : {}),
  });
}

/**
 * 提前续费奖励 as the member page shows it: only while a renewal paid now would earn it — inside the
 * window, the coupon still issuable, and not already earned for this term (same id as the grant).
 */
async function earlyRenewalOffer(ctx: ActionContext, m: MembershipDoc, now: number): Promise<{ couponName: string; daysBefore: number } | undefined> {
  const reward = (await ctx.settings()).earlyRenewalReward;
  if (!earlyRenewalApplies(reward, m.expiresAt, now)) return undefined;
  const [t, earned] = await Promise.all([
    getById<CouponTemplate>(ctx.db, COLL.coupon_templates, reward.couponTemplateId),
    getById(ctx.db, COLL.coupons, couponIdFor(reward.couponTemplateId, ctx.openid, earlyRenewalIssueKey(m._id, m.expiresAt))),
  ]);
  if (!t || t.status !== 'active' || earned || now > validityWindow(t.validity, now).validUntil) return undefined;
  return { couponName: t.name, daysBefore: reward.daysBefore };
}

/** Claims this term's welcome pack (see claimEntitlement: stock-safe, idempotent). */
export async function claimPack(input: { entitlementId: string; delivery: Delivery; requestId: string }, ctx: ActionContext): Promise<Result<GiftPackView>> {
  const res = await claimEntitlement(ctx, input.entitlementId, input.delivery, (e) => (e.status === 'void' ? '会员费已退款，礼包已作废。' : '该礼包当前不能领取。'));
  return res.ok ? ok(packView(res.data, ctx.now())) : res;
}

export const refundQuote = (_input: Record<string, never>, ctx: ActionContext) => membershipRefundQuote(ctx);

export async function refund(input: { requestId: string }, ctx: ActionContext): Promise<Result<RefundView>> {
  const res = await refundMembership(ctx, input);
  if (!res.ok) return res;
  const driven: RefundDoc | null = res.data.status === 'pending' ? await driveRefund(ctx.db, res.data._id, ctx.now, ctx.log, { known: res.data }) : res.data;
  return ok(refundView(driven ?? res.data));
}
