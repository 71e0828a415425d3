import type { MemberCardView } from '../../shared/api/member';
import { displayStatus, type CouponDoc } from '../../shared/promotions/coupon';
import { membershipIdOf, walletIdOf, type EntitlementDoc, type MembershipDoc, type WalletDoc } from '../../shared/documents';
import { ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getAll, getById } from '../_kit/db';
import { lastProductPaidAt } from '../_coupons/use';
import { deletionGuard } from '../_deletion/guard';
import { ensureCard } from '../_membership/member-card';
import { runningTermSavings } from '../_payments/membership-refund';

/**
 * 会员卡 on 会员 and 我的: card number, balance, usable coupons and — for a member — what this term
 * has saved against its fee (回本进度). 已省 is the member-price saving each paid order recorded on
 * its lines (less units refunded), the same sum a membership refund deducts, over the term so far.
 */
export async function memberCard(_input: Record<string, never>, ctx: ActionContext): Promise<Result<MemberCardView>> {
  const deleting = await deletionGuard(ctx.db, ctx.openid, 'card');
  if (deleting) return deleting;
  const now = ctx.now();
  const [card, wallet, m, coupons, lastPaid] = await Promise.all([
    ensureCard(ctx.db, ctx.openid, now),
    getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid)),
    getById<MembershipDoc>(ctx.db, COLL.memberships, membershipIdOf(ctx.openid)),
    getAll<CouponDoc>(ctx.db, COLL.coupons, { openid: ctx.openid }, { orderBy: ['issuedAt', 'desc'], max: 300 }),
    lastProductPaidAt(ctx.db, ctx.openid),
  ]);
  const view: MemberCardView = {
    cardNo: card.cardNo,
    balanceFen: wallet ? wallet.principalFen + wallet.bonusFen : 0,
    couponsAvailable: coupons.filter((c) => displayStatus(c, now, lastPaid) === 'available').length,
  };
  const running = m ? await runningTermSavings(ctx.db, m, now) : null;
  if (!m || !running) return ok(view);
  const { term, order, savedFen } = running;
  const pack = term.entitlementId ? await getById<EntitlementDoc>(ctx.db, COLL.entitlements, term.entitlementId) : null;
  return ok({
    ...view,
    term: {
      planName: order.membership?.planName ?? '会员',
      feeFen: order.totalFen,
      savedFen,
      startsAt: term.startsAt,
      expiresAt: m.expiresAt,
      ...(pack ? { packValueFen: pack.valueFen, packClaimed: pack.status === 'claimed' } : {}),
    },
  });
}
