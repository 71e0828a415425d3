import { EVENT_DATA_SCHEMAS, type EventDataOf, type EventType } from './event-data';

export type { EventType } from './event-data';

/**
 * Every event type, in the order they were introduced: purchases (money or goods moved), then
 * interactions (issue 5: facts about what a customer did besides paying — they move no money, so
 * amounts are zero and productKinds empty; what they describe travels in `data`), then
 * `lifecycle.changed` (a profile's life stage changed with time). The list is the keys of the data
 * schemas, so a type cannot exist without its schema.
 */
export const EVENT_TYPES = Object.keys(EVENT_DATA_SCHEMAS) as EventType[];

export interface EventLine {
  productId: string;
  kind: 'regular' | 'trial';
  qty: number;
  amountFen: number;
  /** For trial lines: the full product the trial leads to (conversion tracking). */
  fullProductId?: string;
  /**
   * Unit cost of the product when the order was made (the order line's `costFen`), so profit
   * reports never re-read orders or products (whose cost may have changed since). Absent on events
   * written before it was recorded (reports then count the cost as 0).
   */
  costFen?: number;
}

/**
 * What every event says, whatever its type: who, when, which order/refund, the money that moved
 * (signed from the customer's point of view: refunds positive too; `type` says direction), the
 * change to qualifying spend (negative for refunds), the product kinds and lines.
 */
export interface EventEnvelope {
  _id: string;
  openid: string;
  unionid?: string;
  at: number;
  orderId?: string;
  refundId?: string;
  amounts: { totalFen: number; cashFen: number; principalFen: number; bonusFen: number };
  qualifyingDeltaFen: number;
  productKinds: Array<'regular' | 'trial' | 'membership' | 'topup'>;
  lines?: EventLine[];
}

/** One event of type T: `data` is that type's facts (absent on some old events: consumers fall back). */
export type EventOf<T extends EventType> = EventEnvelope & { type: T; data?: EventDataOf<T> };

/** Any event, discriminated by `type`: a consumer's `switch (e.type)` narrows `data` without casts. */
export type DomainEvent = { [T in EventType]: EventOf<T> }[EventType];

/** Thrown when a writer builds an event whose data does not match its type's schema (a bug, never input). */
export class InvalidEventData extends Error {}

/**
 * Checks an event's `data` against its type's schema and returns the event unchanged. The writer
 * calls it before storing; tests call it on what they read back.
 */
export function validEvent<E extends DomainEvent>(e: E): E {
  const schema = EVENT_DATA_SCHEMAS[e.type];
  if (!schema) throw new InvalidEventData(`unknown event type ${String(e.type)}`);
  if (e.data === undefined) return e;
  const parsed = schema.safeParse(e.data);
  if (!parsed.success) throw new InvalidEventData(`${e.type} ${e._id}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')}`);
  return e;
}
