/**
 * Purchase events (the outbox). Written in the same transaction as the fact they describe, with
 * the facts consumers need (amounts in fen incl. principal/bonus split, qualifying amount,
 * product kinds, time), so consumers never have to re-read the order to understand it.
 */
export const EVENT_TYPES = [
  'order.paid',
  'order.refunded',
  'wallet.topup',
  'wallet.refunded',
  'membership.purchased',
  'membership.refunded',
  'gift.claimed',
  // Interactions (issue 5): facts about what a customer did besides paying. They move no money,
  // so amounts are zero and productKinds empty; what they describe travels in `data`.
  'customer.visited',
  'survey.answered',
  'coupon.claimed',
  'message.opened',
  // A profile's life stage changed (written in the same transaction as the profile change; no
  // `pending` for the profile consumer — it IS the profile's change, so applying it would loop).
  'lifecycle.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

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

export interface PurchaseEvent {
  _id: string;
  type: EventType;
  openid: string;
  unionid?: string;
  at: number;
  orderId?: string;
  refundId?: string;
  /** Money that moved, signed from the customer's point of view (refunds positive too; `type` says direction). */
  amounts: { totalFen: number; cashFen: number; principalFen: number; bonusFen: number };
  /** Change to qualifying spend (negative for refunds). */
  qualifyingDeltaFen: number;
  productKinds: Array<'regular' | 'trial' | 'membership' | 'topup'>;
  lines?: EventLine[];
  data?: Record<string, unknown>;
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
export const INTERACTION_EVENT_TYPES = ['customer.visited', 'survey.answered', 'coupon.claimed', 'message.opened'] as const;
export type InteractionEventType = (typeof INTERACTION_EVENT_TYPES)[number];

/**
 * `data` of the events the profile reads facts from, written with the fact they describe (so the
 * reducer never has to re-read the order or the membership, and needs no settings of the past).
 */
export interface MembershipEventData {
  planId?: string;
  /** The membership's expiry right after this fact (purchase: extended; refund: rolled back). */
  expiresAt?: number;
  /** The membership document's version after this fact: the newest version wins, in any apply order. */
  membershipVersion?: number;
  /** Terms not refunded after this fact: 0 means the customer is no longer (and never was) a member. */
  activeTerms?: number;
}

export interface OrderRefundEventData {
  /** The order is now fully refunded (it stops counting as a purchase). */
  fullRefund?: boolean;
  /** When the refunded order was paid (so a refund applied before its payment still places the order in time). */
  orderPaidAt?: number;
  /** The order had a regular (non-trial) line: it counted as a qualifying purchase. */
  orderQualifying?: boolean;
}

export interface SurveyAnswerFact {
  questionId: string;
  optionIds: string[];
  /** The tags those options carried when answered (`tag:<name>` segment keys). */
  tags: string[];
}

export interface SurveyAnsweredEventData {
  answers: SurveyAnswerFact[];
  /**
   * The customer withdrew their answers (PIPL: they may delete what they told us): `answers` then
   * lists every question with no options, which replaces the earlier answers in any apply order,
   * and it does not count as an interaction.
   */
  cleared?: boolean;
}

export interface LifecycleChangedEventData {
  from: string | null;
  to: string | null;
  /** Time passing (the transition run); stage changes caused by a purchase/refund are told by that event. */
  cause: 'time';
}
