import type { DomainEvent, EventType } from '../events/domain-event';

/**
 * The stored event (the outbox document): the fact — a `DomainEvent` of shared/events, written in
 * the same transaction as the fact it describes, with the facts consumers need (amounts in fen
 * incl. principal/bonus split, qualifying amount, product kinds, time), so consumers never have to
 * re-read the order to understand it — plus the outbox's bookkeeping.
 */
export type PurchaseEvent = DomainEvent & OutboxBookkeeping;

export interface OutboxBookkeeping {
  /**
   * Consumers that still have to apply this event (outbox bookkeeping, not part of the fact): each
   * consumer removes its name in the same transaction that applies the event, which makes
   * application exactly-once and lets the sweep find what is left through an index.
   */
  pending?: EventConsumer[];
  appliedAt?: number;
  /** When the report consumer folded it into the report rollups. */
  reportedAt?: number;
}

export const EVENT_CONSUMERS = ['profile', 'report'] as const;
export type EventConsumer = (typeof EVENT_CONSUMERS)[number];

/**
 * Events that move money or goods: the only ones the report consumer (profit, liability rollups)
 * reads. Interaction events (visits, survey answers, …) are the bulk of the traffic and carry no
 * money, so they are not owed to it at all rather than folded as zeros.
 */
export const MONEY_EVENT_TYPES = ['order.paid', 'order.refunded', 'wallet.topup', 'wallet.refunded', 'membership.purchased', 'membership.refunded', 'gift.claimed'] as const satisfies readonly EventType[];

/** The consumers a new event of this type is owed to (its initial `pending`). */
export function consumersOf(type: EventType): EventConsumer[] {
  return (MONEY_EVENT_TYPES as readonly EventType[]).includes(type) ? [...EVENT_CONSUMERS] : EVENT_CONSUMERS.filter((c) => c !== 'report');
}

/** Interaction events: applied by the profile consumer like purchases, but they move no money. */
export const INTERACTION_EVENT_TYPES = ['customer.visited', 'survey.answered', 'coupon.claimed', 'message.opened', 'followup.contacted'] as const satisfies readonly EventType[];
export type InteractionEventType = (typeof INTERACTION_EVENT_TYPES)[number];
