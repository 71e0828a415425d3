import { EVENT_CONSUMERS, type EventLine, type EventType, type PurchaseEvent } from '../../shared/schemas/event';
import type { OrderDoc } from './docs';

/** Event ids are derived from the fact (order/refund id + type), so a replayed fact can't emit twice. */
export const eventIdFor = (type: EventType, factId: string) => `evt_${type.replace('.', '_')}_${factId}`;

export function orderLines(order: OrderDoc): EventLine[] {
  return order.lines.map((l) => ({ productId: l.productId, kind: l.kind, qty: l.qty, amountFen: l.lineTotalFen, ...(l.fullProductId ? { fullProductId: l.fullProductId } : {}) }));
}

export function kindsOf(order: OrderDoc): PurchaseEvent['productKinds'] {
  if (order.kind === 'membership') return ['membership'];
  if (order.kind === 'topup') return ['topup'];
  return [...new Set(order.lines.map((l) => l.kind))];
}

export function paidAmounts(order: OrderDoc) {
  const principalFen = order.balance?.principalFen ?? 0;
  const bonusFen = order.balance?.bonusFen ?? 0;
  return { totalFen: order.totalFen, cashFen: order.payWith === 'wechat' ? order.totalFen : 0, principalFen, bonusFen };
}

export function makeEvent(e: Omit<PurchaseEvent, '_id'> & { factId: string }): PurchaseEvent {
  const { factId, ...rest } = e;
  // Every consumer starts out owing this event (see PurchaseEvent.pending).
  return { _id: eventIdFor(e.type, factId), ...rest, pending: [...EVENT_CONSUMERS] };
}
