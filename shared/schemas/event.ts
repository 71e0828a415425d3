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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventLine {
  productId: string;
  kind: 'regular' | 'trial';
  qty: number;
  amountFen: number;
  /** For trial lines: the full product the trial leads to (conversion tracking). */
  fullProductId?: string;
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
}

export const EVENT_CONSUMERS = ['profile'] as const;
export type EventConsumer = (typeof EVENT_CONSUMERS)[number];
