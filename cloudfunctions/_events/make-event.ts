import { validEvent, type DomainEvent, type EventLine, type EventOf, type EventType } from '../../shared/events/domain-event';
import type { EventDataOf } from '../../shared/events/event-data';
import { consumersOf, type InteractionEventType, type PurchaseEvent } from '../../shared/schemas/event';
import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { membershipIdOf, type MembershipDoc, type OrderDoc, type RefundDoc } from '../../shared/documents';
import { txCreate, txGet } from '../_kit/tx';
import { COLL } from '../_kit/collections';
import { couponEventData } from '../_coupons/use';

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

/** An event as its writer describes it: the fact's id (the event id derives from it) instead of `_id`. */
export type NewEvent<T extends EventType = EventType> = T extends EventType ? Omit<EventOf<T>, '_id'> & { factId: string } : never;

export function makeEvent<T extends EventType>(e: NewEvent<T>): PurchaseEvent {
  const { factId, ...rest } = e;
  // Every consumer of this kind of event starts out owing it (see PurchaseEvent.pending).
  return { _id: eventIdFor(e.type, factId), ...rest, pending: consumersOf(e.type) } as DomainEvent as PurchaseEvent;
}

/**
 * The one way an event enters the outbox (DESIGN rule 7): inside the transaction of the fact it
 * describes, its `data` checked against its type's schema (shared/events) first — a wrong shape is
 * a bug and throws, so a consumer never meets a shape it does not know. A new fact is owed to every
 * consumer of its type (`makeEvent`); an event built with its own bookkeeping (lifecycle.changed,
 * which IS a profile change and owes the profile nothing) is written as it is.
 */
export async function writeEvent<T extends EventType>(tx: Tx, e: NewEvent<T> | PurchaseEvent): Promise<PurchaseEvent> {
  const ev = validEvent('factId' in e ? makeEvent(e) : e);
  await txCreate(tx, COLL.events, ev);
  return ev;
}

/**
 * An event that is the whole fact (a visit, a survey answer: nothing else changes), so a single
 * insert is its "same transaction". Its id derives from the fact: inserting the same fact again
 * fails on the existing id (the caller decides what that means).
 */
export async function insertEvent(db: Db, ev: PurchaseEvent): Promise<void> {
  await db.collection(COLL.events).add(validEvent(ev));
}

/**
 * The event of a paid order — one fact whichever way it was paid (balance at once, WeChat or
 * 组合支付 in the payment callback), so one shape: `order.paid`, `membership.purchased` or
 * `wallet.topup` by kind, with the amounts, the qualifying spend the order now counts, the lines
 * (products) and what the consumers read in `data` (coupon / membership state / the lot credited).
 * `paid` is the order as this transaction leaves it (qualifyingFen set, membership term granted).
 */
export async function paidEvent(tx: Tx, paid: OrderDoc, now: number): Promise<NewEvent<'order.paid' | 'membership.purchased' | 'wallet.topup'>> {
  const fact = { factId: paid._id, openid: paid.openid, ...(paid.unionid ? { unionid: paid.unionid } : {}), at: now, orderId: paid._id, amounts: paidAmounts(paid), qualifyingDeltaFen: paid.qualifyingFen, productKinds: kindsOf(paid) };
  if (paid.kind === 'membership') return { ...fact, type: 'membership.purchased', data: await membershipEventData(tx, paid) };
  if (paid.kind === 'topup') return { ...fact, type: 'wallet.topup', data: { principalFen: paid.topUp!.principalFen, bonusFen: paid.topUp!.bonusFen } };
  return { ...fact, type: 'order.paid', lines: orderLines(paid), ...(paid.coupon ? { data: couponEventData(paid) } : {}) };
}

export type RefundEventType = 'order.refunded' | 'membership.refunded' | 'wallet.refunded';

/**
 * The event of a refund document — order, membership fee or stored value alike: the refund is the
 * fact (its id derives the event id), its customer, order and creation time say who, what and when;
 * the caller says what went back (`amounts`: money back; `qualifyingDeltaFen` ≤ 0) and the facts
 * its consumers read in `data`.
 */
/** What went back, as the refund's caller says it (the rest of the event comes from the refund). */
export interface RefundFacts<T extends RefundEventType> {
  type: T;
  unionid?: string;
  amounts: PurchaseEvent['amounts'];
  qualifyingDeltaFen: number;
  productKinds: PurchaseEvent['productKinds'];
  lines?: EventLine[];
  data: EventDataOf<T>;
}

export function refundEvent<T extends RefundEventType>(refund: RefundDoc, e: RefundFacts<T>): NewEvent<T> {
  const { unionid, ...facts } = e;
  return { factId: refund._id, openid: refund.openid, ...(unionid ? { unionid } : {}), at: refund.createdAt, ...(refund.orderId ? { orderId: refund.orderId } : {}), refundId: refund._id, ...facts } as unknown as NewEvent<T>;
}

/** No money moved (interactions, a claimed gift, a time-driven change). */
export const NO_MONEY = { amounts: { totalFen: 0, cashFen: 0, principalFen: 0, bonusFen: 0 }, qualifyingDeltaFen: 0, productKinds: [] as PurchaseEvent['productKinds'] };

/**
 * An interaction event of the calling customer (visit, survey answer, coupon claim, message open):
 * identity from the platform context, no money, what happened in `data`.
 */
export function interactionEvent<T extends InteractionEventType>(caller: { openid: string; unionid?: string }, e: { factId: string; type: T; at: number; data: EventDataOf<T> }): PurchaseEvent {
  return makeEvent({ factId: e.factId, type: e.type, openid: caller.openid, ...(caller.unionid ? { unionid: caller.unionid } : {}), at: e.at, ...NO_MONEY, data: e.data } as NewEvent<T>);
}

/**
 * The membership facts a `membership.purchased` event carries: the membership as this transaction
 * leaves it (expiry, document version, unrefunded terms). Read inside the payment transaction
 * after the term was granted, so it is exactly what commits with the event; the profile keeps the
 * highest version, which makes the result independent of the order events are applied in.
 */
export async function membershipEventData(tx: Tx, order: OrderDoc): Promise<EventDataOf<'membership.purchased'>> {
  const m = await txGet<MembershipDoc>(tx, COLL.memberships, membershipIdOf(order.openid));
  const term = order.membership;
  return {
    ...(term ? { planId: term.planId, termDays: term.termDays, ...(term.startsAt !== undefined ? { startsAt: term.startsAt } : {}) } : {}),
    ...(m ? { expiresAt: m.expiresAt, membershipVersion: m.version, activeTerms: m.terms.filter((t) => !t.refunded).length } : term?.expiresAt !== undefined ? { expiresAt: term.expiresAt } : {}),
  };
}
