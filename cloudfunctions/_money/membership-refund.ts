import { fail, ok, type Result } from '../../shared/errors/result';
import { rollBackTerm } from '../../shared/membership/term';
import { qualifyingReversal } from '../../shared/orders/qualifying';
import type { Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById, type Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { COLL, membershipIdOf, type EntitlementDoc, type MembershipDoc, type MembershipTerm, type OrderDoc, type RefundDoc } from './docs';
import { makeEvent } from './events';
import { moneyBack } from './money-back';
import { refundableUntil, refundIdFor } from './refund-order';
import { scheduled } from './refund-lifecycle';
import { txCreate, txGet, txReplace } from './tx';
import { deletionGuard } from '../_privacy/guard';

export interface MembershipRefundQuote {
  refundable: boolean;
  refundableFen: number;
  /** Value of a claimed welcome pack deducted from the refund. */
  deductFen: number;
  orderId?: string;
  reason?: string;
}

type Reader = { get: <T>(coll: string, id: string) => Promise<T | null> };
const dbReader = (db: Db): Reader => ({ get: (c, id) => getById(db, c, id) });
const txReader = (tx: Tx): Reader => ({ get: (c, id) => txGet(tx, c, id) });

/**
 * The latest unrefunded term, if its payment is still inside the refund window (PRODUCT.md): the
 * refund is the price paid, minus the welcome pack's value when it was already claimed (setting
 * `membershipRefundClaimedPack`: 'deduct-value' or 'deny').
 */
async function quoteWith(r: Reader, openid: string, settings: Settings, now: number): Promise<{ quote: MembershipRefundQuote; term?: MembershipTerm; order?: OrderDoc; ent?: EntitlementDoc | null; m?: MembershipDoc }> {
  const m = await r.get<MembershipDoc>(COLL.memberships, membershipIdOf(openid));
  const term = m ? [...m.terms].reverse().find((t) => !t.refunded) : undefined;
  const none = (reason: string) => ({ quote: { refundable: false, refundableFen: 0, deductFen: 0, reason } });
  if (!m || !term) return none('您还没有可退款的会员费。');
  const order = await r.get<OrderDoc>(COLL.orders, term.orderId);
  if (!order) return none('没有找到会员订单，请联系客服。');
  if (now > refundableUntil(order, settings.refundWindowDays)) return none(`会员费已超过 ${settings.refundWindowDays} 天退款期限。`);
  const ent = term.entitlementId ? await r.get<EntitlementDoc>(COLL.entitlements, term.entitlementId) : null;
  const claimed = ent?.status === 'claimed';
  if (claimed && settings.membershipRefundClaimedPack === 'deny') return none('入会礼包已领取，会员费不再退还。');
  const deductFen = claimed ? ent!.valueFen : 0;
  // A claimed pack worth at least the fee leaves nothing to refund: the term stays (refunding ¥0
  // would only take the membership away).
  if (deductFen >= order.totalFen) return none('入会礼包已领取，其价值不低于会员费，会员费不再退还。');
  return { quote: { refundable: true, refundableFen: order.totalFen - deductFen, deductFen, orderId: order._id }, term, order, ent, m };
}

export async function membershipRefundQuote(ctx: ActionContext): Promise<Result<MembershipRefundQuote>> {
  return ok((await quoteWith(dbReader(ctx.db), ctx.openid, await ctx.settings(), ctx.now())).quote);
}

/**
 * Membership refund in ONE transaction: the term is rolled back (expiry shortened by its length),
 * the unclaimed welcome pack voided, the order marked refunded, money sent back to its source and
 * the `membership.refunded` event written.
 */
export async function refundMembership(ctx: ActionContext, input: { requestId: string }): Promise<Result<RefundDoc>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  const refundId = refundIdFor(ctx.openid, input.requestId);
  return runInTransaction(ctx.db, async (tx): Promise<Result<RefundDoc>> => {
    const prior = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
    if (prior) return prior.kind === 'membership' ? ok(prior) : fail('CONFLICT', '请求编号已用于另一笔退款，请刷新后重试。');
    const deleting = await deletionGuard(tx, ctx.openid, 'refund');
    if (deleting) return deleting;
    const { quote, term, order, ent, m } = await quoteWith(txReader(tx), ctx.openid, settings, now);
    if (!quote.refundable || !term || !order || !m) return fail('REFUND_NOT_ALLOWED', quote.reason ?? '会员费当前不能退款。');
    const amountFen = quote.refundableFen;
    const back = amountFen > 0 ? await moneyBack(tx, order, amountFen, refundId, now, `会员费退款：${order.title}`) : null;
    const terms = m.terms.map((t) => (t.orderId === term.orderId ? { ...t, refunded: true } : t));
    const rolledBack = { ...m, expiresAt: rollBackTerm(m.expiresAt, term, now), terms, version: m.version + 1, updatedAt: now };
    await txReplace(tx, COLL.memberships, rolledBack);
    faultPoint('membership-refund.after-term');
    if (ent && ent.status === 'available') await txReplace(tx, COLL.entitlements, { ...ent, status: 'void' as const, version: ent.version + 1 });
    const reversal = qualifyingReversal(order.qualifyingFen, order.qualifyingReversedFen, order.totalFen, order.refundedFen, order.totalFen - order.refundedFen);
    await txReplace(tx, COLL.orders, {
      ...(back?.order ?? order),
      status: 'refunded' as const,
      refundedFen: order.refundedFen + amountFen,
      qualifyingReversedFen: order.qualifyingReversedFen + reversal,
      updatedAt: now,
      version: order.version + 1,
    });
    const refund: RefundDoc = scheduled(
      { _id: refundId, openid: ctx.openid, kind: 'membership', orderId: order._id, amountFen, parts: back?.parts ?? [], toBalanceFen: back?.toBalanceFen ?? 0, status: 'pending', requestId: input.requestId, createdAt: now },
      now,
    );
    await txCreate(tx, COLL.refunds, refund);
    await txCreate(
      tx,
      COLL.events,
      makeEvent({
        factId: refundId,
        type: 'membership.refunded',
        openid: ctx.openid,
        at: now,
        orderId: order._id,
        refundId,
        amounts: back?.amounts ?? { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 },
        qualifyingDeltaFen: -reversal,
        productKinds: ['membership'],
        data: {
          planId: term.planId,
          deductFen: quote.deductFen,
          packVoided: ent?.status === 'available',
          // The membership as this refund leaves it (profile facts: member:* segments).
          expiresAt: rolledBack.expiresAt,
          membershipVersion: rolledBack.version,
          activeTerms: terms.filter((t) => !t.refunded).length,
        },
      }),
    );
    return ok(refund);
  });
}
