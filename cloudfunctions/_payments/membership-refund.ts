import { fail, ok, type Result } from '../../shared/errors/result';
import { transitionOrder } from '../../shared/orders/transitions';
import { feeRefund, memberSavingsFen, type MembershipRefundQuote } from '../../shared/membership/refund';
import { rollBackTerm } from '../../shared/membership/term';
import { formatYuan as yuan } from '../../shared/money/format';
import { DAY_MS } from '../../shared/time';
import { qualifyingReversal } from '../../shared/orders/qualifying';
import type { ActionContext } from '../_kit/create-handler';
import { getById, type Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { membershipIdOf, type EntitlementDoc, type MembershipDoc, type MembershipTerm, type OrderDoc, type RefundDoc } from '../../shared/documents';
import { NO_MONEY } from '../_events/make-event';
import { moneyBack } from './money-back';
import { refundableUntil } from '../../shared/orders/refund-window';
import { refundIdFor } from './refund-order';
import { openRefund } from './refund-lifecycle';
import { txGet, txReplace } from '../_kit/tx';
import { deletionGuard } from '../_deletion/guard';
import { COLL, type CollectionName } from '../_kit/collections';

export type { MembershipRefundQuote };

type Reader = { get: <T>(coll: CollectionName, id: string) => Promise<T | null> };
const dbReader = (db: Db): Reader => ({ get: (c, id) => getById(db, c, id) });
const txReader = (tx: Tx): Reader => ({ get: (c, id) => txGet(tx, c, id) });

/**
 * Member savings on the customer's product orders paid while the term ran (from its start, or its
 * payment if later, until now): a query by the customer's orders index, newest first, read outside
 * any transaction (CloudBase transactions address documents by id only).
 */
export async function savingsDuring(db: Db, openid: string, term: MembershipTerm, order: OrderDoc, now: number): Promise<number> {
  const from = Math.max(term.startsAt, order.paidAt ?? order.createdAt);
  if (from > now) return 0;
  let total = 0;
  let before: number | undefined;
  for (let page = 0; page < 20; page++) {
    const _ = db.command;
    const res = (await db
      .collection(COLL.orders)
      .where({ openid, ...(before !== undefined ? { createdAt: _.lt(before) } : {}) })
      .orderBy('createdAt', 'desc')
      .limit(100)
      .get()) as { data: OrderDoc[] };
    for (const o of res.data) {
      if (o.kind === 'product' && o.paidAt !== undefined && o.paidAt >= from && o.paidAt <= now) total += memberSavingsFen(o.lines);
    }
    const last = res.data.at(-1);
    // Orders are created before they are paid: once a page reaches back before the term, no older order was paid in it.
    if (res.data.length < 100 || !last || last.createdAt < from - DAY_MS) break;
    before = last.createdAt;
  }
  return total;
}

/**
 * 本期已省 (回本进度) of the term running at `now`, as the member card shows it and the renewal
 * reminder tells it: the term, its order (the fee is `totalFen`) and `savingsDuring` so far. None
 * when no unrefunded term runs now (a renewal bought ahead starts later and has saved nothing yet).
 */
export async function runningTermSavings(db: Db, m: MembershipDoc, now: number): Promise<{ term: MembershipTerm; order: OrderDoc; savedFen: number } | null> {
  const term = m.terms.find((t) => !t.refunded && t.startsAt <= now && now < t.expiresAt);
  const order = term ? await getById<OrderDoc>(db, COLL.orders, term.orderId) : null;
  if (!term || !order) return null;
  return { term, order, savedFen: await savingsDuring(db, m.openid, term, order, now) };
}

/**
 * The latest unrefunded term, if its payment is still inside the refund window it was sold with
 * (PRODUCT.md; issue 15 #5): the refund is the price paid, minus the welcome pack's value when it was
 * already claimed and minus the member savings enjoyed (shared/membership/refund.ts), per the rules
 * kept on its order.
 */
async function quoteWith(r: Reader, openid: string, now: number, savings: (term: MembershipTerm, order: OrderDoc) => Promise<number>): Promise<{ quote: MembershipRefundQuote; term?: MembershipTerm; order?: OrderDoc; ent?: EntitlementDoc | null; m?: MembershipDoc }> {
  const m = await r.get<MembershipDoc>(COLL.memberships, membershipIdOf(openid));
  const term = m ? [...m.terms].reverse().find((t) => !t.refunded) : undefined;
  const none = (reason: string, extra: Partial<MembershipRefundQuote> = {}) => ({ quote: { refundable: false, refundableFen: 0, deductFen: 0, savingsFen: 0, reason, ...extra } });
  if (!m || !term) return none('您还没有可退款的会员费。');
  const order = await r.get<OrderDoc>(COLL.orders, term.orderId);
  if (!order) return none('没有找到会员订单，请联系客服。');
  const until = refundableUntil(order, order.refundWindowDays);
  if (now > until) return none(`会员费已超过 ${order.refundWindowDays} 天退款期限（按开通时的规则）。`);
  if (!order.membership) return none('没有找到会员订单，请联系客服。');
  const policy = order.membership.refundPolicy;
  const ent = term.entitlementId ? await r.get<EntitlementDoc>(COLL.entitlements, term.entitlementId) : null;
  const claimed = ent?.status === 'claimed';
  const savingsFen = await savings(term, order);
  const base = { paidFen: order.totalFen, packClaimed: claimed, packValueFen: ent?.valueFen ?? 0, savingsFen, policy };
  const f = feeRefund(base);
  const common = { paidFen: order.totalFen, refundableUntil: until, policy, orderId: order._id };
  if (!f.refundable) {
    const reason =
      f.reason === 'pack-claimed-deny'
        ? '入会礼包已领取，会员费不再退还（开通时的规则）。'
        : f.savingsFen > 0
          ? `已领礼包价值与已享会员价优惠 ${yuan(f.savingsFen)} 合计不低于会员费，会员费不再退还。`
          : '入会礼包已领取，其价值不低于会员费，会员费不再退还。';
    return none(reason, { ...common, deductFen: f.packFen, savingsFen: f.savingsFen });
  }
  const quote: MembershipRefundQuote = { refundable: true, refundableFen: f.refundableFen, deductFen: f.packFen, savingsFen: f.savingsFen, ...common };
  if (ent?.status === 'available') {
    const after = feeRefund({ ...base, packClaimed: true });
    quote.ifPackClaimed = after.refundable ? { refundableFen: after.refundableFen, forfeitFen: f.refundableFen - after.refundableFen, denied: false } : { refundableFen: 0, forfeitFen: f.refundableFen, denied: after.reason === 'pack-claimed-deny' };
  }
  return { quote, term, order, ent, m };
}

export async function membershipRefundQuote(ctx: ActionContext): Promise<Result<MembershipRefundQuote>> {
  const now = ctx.now();
  return ok((await quoteWith(dbReader(ctx.db), ctx.openid, now, (term, order) => savingsDuring(ctx.db, ctx.openid, term, order, now))).quote);
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
  // The savings are a query (outside the transaction); the transaction re-reads the term and order by id.
  const savingsByOrder = new Map<string, number>();
  const m0 = await getById<MembershipDoc>(ctx.db, COLL.memberships, membershipIdOf(ctx.openid));
  for (const t of m0?.terms.filter((x) => !x.refunded) ?? []) {
    const o = await getById<OrderDoc>(ctx.db, COLL.orders, t.orderId);
    if (o) savingsByOrder.set(t.orderId, await savingsDuring(ctx.db, ctx.openid, t, o, now));
  }
  return runInTransaction(ctx.db, async (tx): Promise<Result<RefundDoc>> => {
    const prior = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
    if (prior) return prior.kind === 'membership' ? ok(prior) : fail('CONFLICT', '请求编号已用于另一笔退款，请刷新后重试。');
    const deleting = await deletionGuard(tx, ctx.openid, 'refund');
    if (deleting) return deleting;
    const { quote, term, order, ent, m } = await quoteWith(txReader(tx), ctx.openid, now, async (t) => savingsByOrder.get(t.orderId) ?? 0);
    if (!quote.refundable || !term || !order || !m) return fail('REFUND_NOT_ALLOWED', quote.reason ?? '会员费当前不能退款。');
    const amountFen = quote.refundableFen;
    const back = amountFen > 0 ? await moneyBack(tx, order, amountFen, refundId, now, `会员费退款：${order.title}`, settings.namedBalanceCapFen) : null;
    const terms = m.terms.map((t) => (t.orderId === term.orderId ? { ...t, refunded: true } : t));
    const rolledBack = { ...m, expiresAt: rollBackTerm(m.expiresAt, term, now), terms, version: m.version + 1, updatedAt: now };
    await txReplace(tx, COLL.memberships, rolledBack);
    faultPoint('membership-refund.after-term');
    if (ent && ent.status === 'available') await txReplace(tx, COLL.entitlements, { ...ent, status: 'void' as const, version: ent.version + 1 });
    const reversal = qualifyingReversal(order.qualifyingFen, order.qualifyingReversedFen, order.totalFen, order.refundedFen, order.totalFen - order.refundedFen);
    // The fee is refunded once, whatever is deducted: the order is refunded from here on.
    const moved = transitionOrder(order, 'refunded', now);
    if (!moved.ok) return moved;
    await txReplace(tx, COLL.orders, {
      ...(back?.order ?? order),
      ...moved.data,
      refundedFen: order.refundedFen + amountFen,
      qualifyingReversedFen: order.qualifyingReversedFen + reversal,
      version: order.version + 1,
    });
    const refund = await openRefund(
      tx,
      { _id: refundId, openid: ctx.openid, kind: 'membership', orderId: order._id, amountFen, parts: back?.parts ?? [], toBalanceFen: back?.toBalanceFen ?? 0, requestId: input.requestId, createdAt: now },
      now,
      {
        type: 'membership.refunded',
        amounts: back?.amounts ?? NO_MONEY.amounts,
        qualifyingDeltaFen: -reversal,
        productKinds: ['membership'],
        data: {
          planId: term.planId,
          deductFen: quote.deductFen,
          savingsFen: quote.savingsFen,
          packVoided: ent?.status === 'available',
          // The membership as this refund leaves it (profile facts: member:* segments).
          expiresAt: rolledBack.expiresAt,
          membershipVersion: rolledBack.version,
          activeTerms: terms.filter((t) => !t.refunded).length,
      },
      },
    );
    return ok(refund);
  });
}
