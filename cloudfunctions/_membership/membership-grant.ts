import { extendExpiry } from '../../shared/membership/term';
import type { Settings } from '../../shared/schemas/settings';
import { DAY_MS } from '../../shared/time';
import { faultPoint } from '../_kit/faults';
import type { Tx } from '../_kit/transaction';
import { membershipIdOf, type EntitlementDoc, type MembershipDoc, type OrderDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Grants a paid membership term inside the payment transaction: expiry = max(now, expiry) + term,
 * computed on the membership document read in this transaction (so two renewals paid at once
 * conflict and retry instead of both extending from the same old expiry), plus the welcome pack
 * entitlement for this term.
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
  const term = { orderId: order._id, planId: m.planId, startsAt, expiresAt, refunded: false, ...(entitlementId ? { entitlementId } : {}) };
  const doc: MembershipDoc = existing
    ? { ...existing, expiresAt, terms: [...existing.terms, term], version: existing.version + 1, updatedAt: now }
    : { _id: membershipIdOf(order.openid), openid: order.openid, expiresAt, terms: [term], version: 1, updatedAt: now };
  await (existing ? txReplace(tx, COLL.memberships, doc) : txCreate(tx, COLL.memberships, doc));
  return { ...order, membership: { ...m, startsAt, expiresAt, ...(entitlementId ? { entitlementId } : {}) } };
}
