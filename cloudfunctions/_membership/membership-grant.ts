import { earlyRenewalApplies, earlyRenewalIssueKey } from '../../shared/membership/early-renewal';
import { extendExpiry } from '../../shared/membership/term';
import type { Settings } from '../../shared/settings';
import { DAY_MS } from '../../shared/time';
import { faultPoint } from '../_kit/faults';
import type { Tx } from '../_kit/transaction';
import { membershipIdOf, type EntitlementDoc, type MembershipDoc, type OrderDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';
import { issueCoupon } from '../_coupons/issue';

/**
 * Grants a paid membership term inside the payment transaction: expiry = max(now, expiry) + term,
 * computed on the membership document read in this transaction (so two renewals paid at once
 * conflict and retry instead of both extending from the same old expiry), plus the welcome pack
 * entitlement for this term, and — renewed within settings.earlyRenewalReward.daysBefore days before
 * the current expiry — the early-renewal coupon (once per renewed term: its issue key is the
 * membership + the renewed expiry; a redelivered payment never gets here, the order is already paid).
 */
export async function grantMembershipTerm(tx: Tx, order: OrderDoc, settings: Settings, now: number): Promise<OrderDoc> {
  const m = order.membership!;
  const plan = settings.membershipPlans.find((p) => p.id === m.planId);
  const existing = await txGet<MembershipDoc>(tx, COLL.memberships, membershipIdOf(order.openid));
  const { startsAt, expiresAt } = extendExpiry(existing?.expiresAt, now, m.termDays);
  faultPoint('membership.after-term');

  let entitlementId: string | undefined;
  if (plan?.giftPack) {
    entitlementId = `ent_${order._id}`;
    const ent: EntitlementDoc = {
      _id: entitlementId,
      openid: order.openid,
      source: 'welcome',
      giftId: plan.giftPack.id,
      name: plan.giftPack.name,
      items: plan.giftPack.items,
      valueFen: plan.giftPack.valueFen,
      costFen: plan.giftPack.costFen,
      status: 'available',
      grantedAt: now,
      claimDeadline: now + plan.giftPack.claimDays * DAY_MS,
      orderId: order._id,
      version: 0,
    };
    await txCreate(tx, COLL.entitlements, ent);
    faultPoint('membership.after-grant');
  }
  const renewalCouponId = existing && existing.terms.some((t) => !t.refunded) ? await earlyRenewalCoupon(tx, existing, settings, now) : undefined;
  const term = { orderId: order._id, planId: m.planId, startsAt, expiresAt, refunded: false, ...(entitlementId ? { entitlementId } : {}) };
  const doc: MembershipDoc = existing
    ? { ...existing, expiresAt, terms: [...existing.terms, term], version: existing.version + 1, updatedAt: now }
    : { _id: membershipIdOf(order.openid), openid: order.openid, expiresAt, terms: [term], version: 1, updatedAt: now };
  await (existing ? txReplace(tx, COLL.memberships, doc) : txCreate(tx, COLL.memberships, doc));
  return { ...order, membership: { ...m, startsAt, expiresAt, ...(entitlementId ? { entitlementId } : {}), ...(renewalCouponId ? { renewalCouponId } : {}) } };
}

/**
 * The early-renewal coupon, issued in the payment's transaction. A template that cannot be issued
 * (paused, ended, sold out, the customer's limit reached) gives nothing and never blocks the renewal:
 * the money has arrived and the term is owed.
 */
async function earlyRenewalCoupon(tx: Tx, existing: MembershipDoc, settings: Settings, now: number): Promise<string | undefined> {
  const reward = settings.earlyRenewalReward;
  if (!earlyRenewalApplies(reward, existing.expiresAt, now)) return undefined;
  const issued = await issueCoupon(tx, { openid: existing.openid, templateId: reward.couponTemplateId, issueKey: earlyRenewalIssueKey(existing._id, existing.expiresAt), issuedBy: 'renewal', now });
  return issued.ok ? issued.data.coupon._id : undefined;
}
