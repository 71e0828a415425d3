import type { EventLine, EventOf, EventType } from '../events/domain-event';
import { MONEY_EVENT_TYPES } from '../schemas/event';

/**
 * What the report consumer folds from each money event (PRODUCT.md "Reports", seed 004: profit,
 * not GMV). Every field is an integer (fen or a count) and a plain SUM over events, so rollups can
 * be split by day and shard and added back in any order: a day's figures are Σ of its shards,
 * a period's are Σ of its days. Refunds are folded on the day they happen (negative where they
 * reverse a sale), so a day's net figures can be negative — that is the day's true change.
 */
export interface ReportCounters {
  /** Money events folded. */
  events: number;

  // ---- sales ----
  /** Paid product orders. */
  productOrders: number;
  /** Product sales at the price before coupons (= paid + coupon discount), trials included. */
  productSalesFen: number;
  membershipsSold: number;
  /** Membership fees at the price before coupons. */
  membershipFeesFen: number;
  /** Coupon discounts given on paid orders (the shop's cost: the price was not collected). */
  couponFen: number;
  /** Refunds of product orders and memberships (count, and money back however paid). */
  refunds: number;
  productRefundsFen: number;
  membershipRefundsFen: number;

  // ---- costs ----
  /** Cost of goods sold, net of refunded units; for trials only the part their price covers. */
  cogsFen: number;
  /** Trials sold below cost: Σ max(0, cost − price) per trial unit, net of refunded trials. */
  trialLossFen: number;
  trialsSold: number;
  trialsRefunded: number;
  giftClaims: number;
  /** What claimed gift packs (welcome and tier gifts) cost the shop. */
  giftCostFen: number;

  // ---- stored value (liability) ----
  topUps: number;
  topUpPrincipalFen: number;
  topUpBonusFen: number;
  /** Balance used to pay for products and memberships. */
  spentPrincipalFen: number;
  spentBonusFen: number;
  /** Balance put back by refunds of balance-paid orders and memberships. */
  returnedPrincipalFen: number;
  returnedBonusFen: number;
  /** Stored-value refunds: unused principal paid out, bonus forfeited with it. */
  withdrawnPrincipalFen: number;
  forfeitedBonusFen: number;
}

export const COUNTER_KEYS = [
  'events',
  'productOrders',
  'productSalesFen',
  'membershipsSold',
  'membershipFeesFen',
  'couponFen',
  'refunds',
  'productRefundsFen',
  'membershipRefundsFen',
  'cogsFen',
  'trialLossFen',
  'trialsSold',
  'trialsRefunded',
  'giftClaims',
  'giftCostFen',
  'topUps',
  'topUpPrincipalFen',
  'topUpBonusFen',
  'spentPrincipalFen',
  'spentBonusFen',
  'returnedPrincipalFen',
  'returnedBonusFen',
  'withdrawnPrincipalFen',
  'forfeitedBonusFen',
] as const satisfies ReadonlyArray<keyof ReportCounters>;

export const emptyCounters = (): ReportCounters => Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as unknown as ReportCounters;

/** a + b, field by field (missing fields of a stored document count as 0). */
export function addCounters(a: Partial<ReportCounters>, b: Partial<ReportCounters>): ReportCounters {
  const out = emptyCounters();
  for (const k of COUNTER_KEYS) out[k] = (a[k] ?? 0) + (b[k] ?? 0);
  return out;
}

export const sumCounters = (list: ReadonlyArray<Partial<ReportCounters>>): ReportCounters => list.reduce<ReportCounters>((acc, c) => addCounters(acc, c), emptyCounters());

/** A number from an event's free-form `data`, or 0 (older events, or facts not recorded yet). */

/**
 * The cost of some units of a line, split so nothing is counted twice: a regular product's whole
 * cost is COGS; a trial's cost is COGS up to its price and the rest is the trial loss (what the
 * shop pays to win a first purchase). COGS + trial loss = the goods' full cost.
 */
export function lineCost(line: Pick<EventLine, 'kind' | 'qty' | 'amountFen' | 'costFen'>): { cogsFen: number; trialLossFen: number } {
  const cost = (line.costFen ?? 0) * line.qty;
  if (line.kind !== 'trial') return { cogsFen: cost, trialLossFen: 0 };
  const covered = Math.min(cost, Math.max(0, line.amountFen));
  return { cogsFen: covered, trialLossFen: cost - covered };
}

function goods(lines: readonly EventLine[] | undefined, sign: 1 | -1): Partial<ReportCounters> {
  let cogsFen = 0;
  let trialLossFen = 0;
  let trials = 0;
  for (const l of lines ?? []) {
    const c = lineCost(l);
    cogsFen += c.cogsFen;
    trialLossFen += c.trialLossFen;
    if (l.kind === 'trial') trials += l.qty;
  }
  return { cogsFen: sign * cogsFen, trialLossFen: sign * trialLossFen, ...(sign === 1 ? { trialsSold: trials } : { trialsRefunded: trials }) };
}

/**
 * One event's contribution (pure). `amounts` is money that moved: for payments cash + balance
 * (principal and bonus drawn), for refunds money back (into the same lots for balance-paid
 * orders, so `principalFen/bonusFen` are what returned to the wallet). Events that move no money
 * (visits, survey answers, lifecycle changes) contribute nothing.
 */
/** What of an event the report reads, per type (so `data` is narrowed by `type`). */
export type ReportedEvent = { [T in EventType]: Pick<EventOf<T>, 'type' | 'amounts' | 'lines' | 'data'> }[EventType];

export function countersOf(e: ReportedEvent): ReportCounters {
  if (!(MONEY_EVENT_TYPES as readonly EventType[]).includes(e.type)) return emptyCounters();
  const a = e.amounts;
  const parts: Partial<ReportCounters> = (() => {
    switch (e.type) {
      case 'order.paid': {
        const coupon = e.data?.couponFen ?? 0;
        return { productOrders: 1, productSalesFen: a.totalFen + coupon, couponFen: coupon, spentPrincipalFen: a.principalFen, spentBonusFen: a.bonusFen, ...goods(e.lines, 1) };
      }
      case 'order.refunded':
        return { refunds: 1, productRefundsFen: a.totalFen, returnedPrincipalFen: a.principalFen, returnedBonusFen: a.bonusFen, ...goods(e.lines, -1) };
      case 'membership.purchased':
        // A membership is sold without coupons (couponEventData is for product orders): the fee is what was paid.
        return { membershipsSold: 1, membershipFeesFen: a.totalFen, couponFen: 0, spentPrincipalFen: a.principalFen, spentBonusFen: a.bonusFen };
      case 'membership.refunded':
        return { refunds: 1, membershipRefundsFen: a.totalFen, returnedPrincipalFen: a.principalFen, returnedBonusFen: a.bonusFen };
      case 'wallet.topup':
        // The lot credited: principal (what was paid) and bonus (what the plan gave).
        return { topUps: 1, topUpPrincipalFen: e.data?.principalFen ?? a.totalFen, topUpBonusFen: e.data?.bonusFen ?? 0 };
      case 'wallet.refunded':
        return { withdrawnPrincipalFen: a.principalFen, forfeitedBonusFen: e.data?.forfeitBonusFen ?? a.bonusFen };
      case 'gift.claimed':
        return { giftClaims: 1, giftCostFen: e.data?.costFen ?? 0 };
      default:
        return {};
    }
  })();
  return addCounters({ events: 1 }, parts);
}
