import { consumersOf, type EventLine, type EventType, type InteractionEventType, type MembershipEventData, type PurchaseEvent } from '../../shared/schemas/event';
import type { Tx } from '../_kit/transaction';
import { membershipIdOf, type MembershipDoc, type OrderDoc } from '../../shared/documents';
import { txGet } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/** Event ids are derived from the fact (order/refund id + type), so a replayed fact can't emit twice. */
export const eventIdFor = (type: EventType, factId: string) => `evt_${type.replace('.', '_')}_${factId}`;

export function orderLines(order: OrderDoc): EventLine[] {
  return order.lines.map((l) => ({ productId: l.productId, kind: l.kind, qty: l.qty, amountFen: l.lineTotalFen, costFen: l.costFen, ...(l.fullProductId ? { fullProductId: l.fullProductId } : {}) }));
}

/**
 * Lines of an `order.refunded` event: what went back per product, with the unit cost the order
 * recorded at sale (profit reports reverse exactly the cost they counted, without reading the order).
 */
export function refundedLines(order: OrderDoc, refunded: Array<{ productId: string; qty: number; amountFen: number }>): EventLine[] {
  return refunded.map((r) => {
    const line = order.lines.find((x) => x.productId === r.productId)!;
    return { productId: r.productId, kind: line.kind, qty: r.qty, amountFen: r.amountFen, costFen: line.costFen };
  });
}

export function kindsOf(order: OrderDoc): PurchaseEvent['productKinds'] {
  if (order.kind === 'membership') return ['membership'];
  if (order.kind === 'topup') return ['topup'];
  return [...new Set(order.lines.map((l) => l.kind))];
}

export function paidAmounts(order: OrderDoc) {
  const principalFen = order.balance?.principalFen ?? 0;
  const bonusFen = order.balance?.bonusFen ?? 0;
  // 组合支付: WeChat's part is cash, the balance part principal + bonus (the three add up to the total).
  return { totalFen: order.totalFen, cashFen: order.payWith === 'wechat' ? order.totalFen : order.payWith === 'combined' ? (order.combined?.cashFen ?? 0) : 0, principalFen, bonusFen };
}

export function makeEvent(e: Omit<PurchaseEvent, '_id'> & { factId: string }): PurchaseEvent {
  const { factId, ...rest } = e;
  // Every consumer of this kind of event starts out owing it (see PurchaseEvent.pending).
  return { _id: eventIdFor(e.type, factId), ...rest, pending: consumersOf(e.type) };
}

/** No money moved (interactions, a claimed gift, a time-driven change). */
export const NO_MONEY = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };

/**
 * An interaction event of the calling customer (visit, survey answer, coupon claim, message open):
 * identity from the platform context, no money, what happened in `data`.
 */
export function interactionEvent(caller: { openid: string; unionid?: string }, e: { factId: string; type: InteractionEventType; at: number; data?: Record<string, unknown> }): PurchaseEvent {
  return makeEvent({ factId: e.factId, type: e.type, openid: caller.openid, ...(caller.unionid ? { unionid: caller.unionid } : {}), at: e.at, ...NO_MONEY, ...(e.data ? { data: e.data } : {}) });
}

/**
 * The membership facts a `membership.purchased` event carries: the membership as this transaction
 * leaves it (expiry, document version, unrefunded terms). Read inside the payment transaction
 * after the term was granted, so it is exactly what commits with the event; the profile keeps the
 * highest version, which makes the result independent of the order events are applied in.
 */
export async function membershipEventData(tx: Tx, order: OrderDoc): Promise<Record<string, unknown> & MembershipEventData & { startsAt?: number; termDays?: number }> {
  const m = await txGet<MembershipDoc>(tx, COLL.memberships, membershipIdOf(order.openid));
  const term = order.membership;
  return {
    ...(term ? { planId: term.planId, termDays: term.termDays, ...(term.startsAt !== undefined ? { startsAt: term.startsAt } : {}) } : {}),
    ...(m ? { expiresAt: m.expiresAt, membershipVersion: m.version, activeTerms: m.terms.filter((t) => !t.refunded).length } : term?.expiresAt !== undefined ? { expiresAt: term.expiresAt } : {}),
  };
}
