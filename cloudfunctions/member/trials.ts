import { ok, type Result } from '../../shared/errors/result';
import type { TrialReservation } from '../../shared/trials/eligibility';
import type { TrialUseView } from '../../shared/trials/view';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import type { ActionContext } from '../_kit/create-handler';
import { getAll, getById } from '../_kit/db';
import { COLL } from '../_kit/collections';

/**
 * The caller's trial purchases: held (unpaid, within the payment window) or used. Lets the shop
 * show "已购买过" before the customer tries to order. Conversion comes from the profile.
 */
export async function trials(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ trials: TrialUseView[] }>> {
  const now = ctx.now();
  const docs = await getAll<TrialReservation>(ctx.db, COLL.trial_reservations, { openid: ctx.openid }, { max: 200 });
  const profile = await getById<CustomerProfile>(ctx.db, COLL.profiles, profileIdOf(ctx.openid));
  const out: TrialUseView[] = [];
  for (const r of docs) {
    const held = r.status === 'used' || (r.status === 'reserved' && r.expiresAt > now);
    if (!held) continue;
    const fact = profile?.trials.find((t) => t.orderId === r.orderId && t.productId === r.productId);
    out.push({ productId: r.productId, fullProductId: r.fullProductId, status: r.status === 'used' ? 'used' : 'reserved', orderId: r.orderId, ...(fact?.convertedAt !== undefined ? { convertedAt: fact.convertedAt } : {}) });
  }
  return ok({ trials: out });
}
