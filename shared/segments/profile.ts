import type { EventOf } from '../events/domain-event';
import type { SurveyAnswerFact } from '../events/event-data';
import type { PurchaseEvent } from '../schemas/event';

/**
 * The customer profile: facts folded from purchase events, one event at a time, by a pure reducer.
 * The consumer applies each event exactly once (the event carries which consumers still have to
 * apply it) and the reducer is written so the ORDER of events does not change the result —
 * sums commute, first/last times are min/max, and a trial's conversion is found whichever of the
 * trial or the full purchase is applied first.
 */
export interface TrialFact {
  productId: string;
  fullProductId: string;
  orderId: string;
  boughtAt: number;
  refundedAt?: number;
  convertedAt?: number;
  convertedOrderId?: string;
  /** convertedAt − boughtAt: how long the trial took to turn into a full purchase. */
  timeToConvertMs?: number;
}

export interface ProductBuy {
  at: number;
  orderId: string;
}

/** Paid purchases of one regular product, oldest first (bounded: see MAX_BUYS). */
export interface ProductFact {
  buys: ProductBuy[];
}

/**
 * Enough history per product to find "the first purchase after a trial" in any apply order for
 * any realistic customer; past it the middle is dropped (the earliest and latest are what matter).
 */
export const MAX_BUYS = 50;

/**
 * One qualifying purchase (a paid product order with at least one regular line), as known from its
 * payment and/or refund events. Either event alone places it in time (refund events carry the
 * order's paidAt), so the set is the same whatever order the events arrive in.
 */
export interface OrderFact {
  orderId: string;
  /** When the order was paid. */
  at: number;
  /** Fully refunded: no longer a purchase (count, last purchase time). */
  refunded?: true;
}

/**
 * Recent qualifying orders kept per profile (newest first). The COUNT of purchases is exact at any
 * size (two counters); the list only answers "when was the last purchase that still stands", for
 * which the newest orders are what matter. Past the bound the oldest drop out into
 * `olderPurchaseAt` (a refund of an order older than the 100 newest is outside every refund window).
 */
export const MAX_ORDER_FACTS = 100;

export interface MembershipFact {
  /** Expiry after the newest membership fact applied. */
  expiresAt: number;
  /** The membership document version that fact produced: the highest version wins (order-independent). */
  version: number;
  /** Unrefunded terms: 0 = every term refunded — not a member, and not a "lapsed" one either. */
  activeTerms: number;
  planId?: string;
}

/** What a customer did besides paying. Counters commute, so apply order does not matter. */
export interface InteractionFacts {
  /** Business days with a visit (one `customer.visited` event per customer and day). */
  visits: number;
  surveys: number;
  couponClaims: number;
  messageOpens: number;
  firstAt?: number;
  lastAt?: number;
}

/** The customer's answer to one survey question: the latest answer wins (by time, then event id). */
export interface SurveyAnswer {
  optionIds: string[];
  tags: string[];
  at: number;
  eventId: string;
}

export interface ContactFactTotal {
  /** Σ counts, or the number of contacts that said yes. */
  seen: number;
  /** Contacts that recorded this fact at all (yes or no, any count). */
  recorded: number;
  lastAt: number;
}

export interface CustomerProfile {
  _id: string;
  openid: string;
  unionid?: string;
  /** Σ qualifyingDeltaFen of applied events (PRODUCT.md "qualifying spend"). */
  qualifyingSpendFen: number;
  /** Tags from purchases ('trial'); survey tags are derived from `survey` (see profileTags). */
  tags: string[];
  trials: TrialFact[];
  /** Regular products bought, with when and in which order (trial conversion, reports). */
  products: Record<string, ProductFact>;
  giftsClaimed: number;
  /**
   * Gift ids of the tier gifts that exist for this customer (granted at least once; the consumer
   * writes it with the gifts). Lets a purchase that reaches no new tier skip reading them. Absent
   * on profiles written before it: then every tier's gift is read once and this is filled in.
   */
  tierGiftIds?: string[];
  eventsApplied: number;
  firstEventAt?: number;
  lastEventAt?: number;
  /** Qualifying purchases paid, ever (trials-only orders, top-ups and membership fees are not purchases). */
  purchasesPaid: number;
  /** Of those, fully refunded (they stop counting). */
  purchasesRefunded: number;
  /** Newest qualifying orders first, at most MAX_ORDER_FACTS. */
  orders: OrderFact[];
  /** Newest still-standing purchase among orders that fell off `orders`. */
  olderPurchaseAt?: number;
  firstPurchaseAt?: number;
  membership?: MembershipFact;
  interactions: InteractionFacts;
  /** Survey answers by question id. */
  survey: Record<string, SurveyAnswer>;
  /**
   * Facts staff recorded in one-to-one conversations (issue 19), by fact key: how often it was seen
   * (counts add up; a yes counts 1) and when last recorded. Sums commute: any apply order agrees.
   * Absent on profiles written before it.
   */
  contactFacts?: Record<string, ContactFactTotal>;
  /**
   * Segment keys (shared/segments/keys.ts) as of `segmentsAt` — written by the consumer and the
   * transition run in the same transaction as the facts; indexed (multikey) for segment lists.
   */
  segments?: string[];
  /** The earliest future time a key changes by time alone; absent = never (indexed: the transition run's queue). */
  nextTransitionAt?: number;
  segmentsAt?: number;
  /** Derived with the segments (list views and CSV read them without the order facts): standing purchases, last one. */
  purchases?: number;
  lastPurchaseAt?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const profileIdOf = (openid: string) => `prf_${openid}`;

export const emptyInteractions = (): InteractionFacts => ({ visits: 0, surveys: 0, couponClaims: 0, messageOpens: 0 });

export function newProfile(openid: string, now: number): CustomerProfile {
  return {
    _id: profileIdOf(openid),
    openid,
    qualifyingSpendFen: 0,
    tags: [],
    trials: [],
    products: {},
    giftsClaimed: 0,
    // A new customer has no tier gifts: they are only ever made together with the profile.
    tierGiftIds: [],
    eventsApplied: 0,
    purchasesPaid: 0,
    purchasesRefunded: 0,
    orders: [],
    interactions: emptyInteractions(),
    survey: {},
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

/** Profiles stored before issue 5 lack the newer facts: read them as empty, never as errors. */
export function withProfileDefaults(p: CustomerProfile): CustomerProfile {
  return {
    ...p,
    purchasesPaid: p.purchasesPaid ?? 0,
    purchasesRefunded: p.purchasesRefunded ?? 0,
    orders: p.orders ?? [],
    interactions: { ...emptyInteractions(), ...(p.interactions ?? {}) },
    survey: p.survey ?? {},
  };
}

const withTag = (tags: string[], tag: string) => (tags.includes(tag) ? tags : [...tags, tag]);

/** The earliest full-product purchase at or after the trial, if one is known. */
function conversionOf(trial: TrialFact, products: Record<string, ProductFact>): Pick<TrialFact, 'convertedAt' | 'convertedOrderId' | 'timeToConvertMs'> {
  const hit = products[trial.fullProductId]?.buys.find((b) => b.at >= trial.boughtAt);
  if (!hit) return {};
  return { convertedAt: hit.at, convertedOrderId: hit.orderId, timeToConvertMs: hit.at - trial.boughtAt };
}

function addBuy(fact: ProductFact | undefined, buy: ProductBuy): ProductFact {
  const buys = [...(fact?.buys ?? [])];
  if (buys.some((b) => b.orderId === buy.orderId)) return fact!;
  // Sorted by time, then order id, so the result is the same whatever order buys arrive in.
  const i = buys.findIndex((b) => b.at > buy.at || (b.at === buy.at && b.orderId > buy.orderId));
  buys.splice(i === -1 ? buys.length : i, 0, buy);
  if (buys.length > MAX_BUYS) buys.splice(MAX_BUYS / 2, 1);
  return { buys };
}

function applyPaidLines(p: CustomerProfile, e: PurchaseEvent): CustomerProfile {
  const products = { ...p.products };
  let trials = p.trials;
  let tags = p.tags;
  for (const l of e.lines ?? []) {
    if (l.kind === 'trial') {
      if (!l.fullProductId || trials.some((t) => t.orderId === e.orderId && t.productId === l.productId)) continue;
      trials = [...trials, { productId: l.productId, fullProductId: l.fullProductId, orderId: e.orderId!, boughtAt: e.at }];
      tags = withTag(tags, 'trial');
    } else {
      products[l.productId] = addBuy(products[l.productId], { at: e.at, orderId: e.orderId! });
    }
  }
  trials = trials.map((t) => {
    const { convertedAt: _a, convertedOrderId: _b, timeToConvertMs: _c, ...rest } = t;
    void _a; void _b; void _c;
    return { ...rest, ...conversionOf(t, products) };
  }).sort((a, b) => a.boughtAt - b.boughtAt || a.orderId.localeCompare(b.orderId));
  return { ...p, products, trials, tags };
}

function applyRefundedLines(p: CustomerProfile, e: PurchaseEvent): CustomerProfile {
  const trialIds = new Set((e.lines ?? []).filter((l) => l.kind === 'trial').map((l) => l.productId));
  if (!trialIds.size) return p;
  return { ...p, trials: p.trials.map((t) => (t.orderId === e.orderId && trialIds.has(t.productId) ? { ...t, refundedAt: e.at } : t)) };
}

const minOf = (a: number | undefined, b: number) => (a === undefined ? b : Math.min(a, b));
const maxOf = (a: number | undefined, b: number) => (a === undefined ? b : Math.max(a, b));

/** Does a paid product order count as a qualifying purchase? Only with a regular (non-trial) line. */
const hasRegularLine = (e: PurchaseEvent) => (e.lines ?? []).some((l) => l.kind === 'regular');

const orderKey = (a: OrderFact, b: OrderFact) => b.at - a.at || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0);

/**
 * Merges one order fact into the bounded newest-first list. Merging is a union (refunded is an
 * OR) and the bound keeps the top-N by (at, orderId): the kept set is the top-N of every fact ever
 * seen whatever the arrival order, because an order that fell out can never re-enter the top N.
 */
function mergeOrder(p: CustomerProfile, fact: OrderFact): CustomerProfile {
  const orders = [...p.orders];
  const i = orders.findIndex((o) => o.orderId === fact.orderId);
  if (i >= 0) {
    const merged: OrderFact = { orderId: fact.orderId, at: orders[i].at, ...(orders[i].refunded || fact.refunded ? { refunded: true as const } : {}) };
    orders[i] = merged;
  } else orders.push(fact);
  orders.sort(orderKey);
  let olderPurchaseAt = p.olderPurchaseAt;
  while (orders.length > MAX_ORDER_FACTS) {
    const dropped = orders.pop()!;
    if (!dropped.refunded) olderPurchaseAt = maxOf(olderPurchaseAt, dropped.at);
  }
  return { ...p, orders, ...(olderPurchaseAt !== undefined ? { olderPurchaseAt } : {}) };
}

/** The newest qualifying purchase that still stands (not fully refunded). */
export function lastStandingPurchaseAt(p: CustomerProfile): number | undefined {
  const standing = (p.orders ?? []).find((o) => !o.refunded);
  if (standing) return p.olderPurchaseAt === undefined ? standing.at : Math.max(standing.at, p.olderPurchaseAt);
  return p.olderPurchaseAt;
}

/** Qualifying purchases that still stand: paid − fully refunded (never below 0 mid-replay). */
export const purchaseCount = (p: CustomerProfile): number => Math.max(0, (p.purchasesPaid ?? 0) - (p.purchasesRefunded ?? 0));

function applyOrderPaid(p: CustomerProfile, e: PurchaseEvent): CustomerProfile {
  if (!e.orderId || !hasRegularLine(e)) return p;
  const next = mergeOrder(p, { orderId: e.orderId, at: e.at });
  return { ...next, purchasesPaid: next.purchasesPaid + 1, firstPurchaseAt: minOf(next.firstPurchaseAt, e.at) };
}

function applyOrderRefunded(p: CustomerProfile, e: EventOf<'order.refunded'>): CustomerProfile {
  const d = e.data ?? {};
  if (!e.orderId || !d.fullRefund) return p;
  // Events written before issue 5 lack orderQualifying: fall back to what the profile knows of the
  // order, then to the refunded lines.
  const known = p.orders.find((o) => o.orderId === e.orderId);
  const qualifying = d.orderQualifying ?? (known ? true : hasRegularLine(e));
  if (!qualifying) return p;
  const at = d.orderPaidAt ?? known?.at;
  const next = at === undefined ? p : mergeOrder(p, { orderId: e.orderId, at, refunded: true });
  return { ...next, purchasesRefunded: next.purchasesRefunded + 1 };
}

function applyMembership(p: CustomerProfile, e: EventOf<'membership.purchased' | 'membership.refunded'>): CustomerProfile {
  const d = e.data ?? {};
  if (typeof d.expiresAt !== 'number') return p;
  // Newest membership state wins: by the membership document's version (events of one customer's
  // membership are serialised by that document, so versions never tie); old events without a
  // version fall back to time.
  const version = d.membershipVersion ?? 0;
  const cur = p.membership;
  const newer = !cur || version > cur.version || (version === cur.version && version === 0 && d.expiresAt > cur.expiresAt);
  if (!newer) return p;
  const activeTerms = d.activeTerms ?? (e.type === 'membership.purchased' ? 1 : 0);
  return { ...p, membership: { expiresAt: d.expiresAt, version, activeTerms, ...(d.planId ? { planId: d.planId } : {}) } };
}

function applySurvey(p: CustomerProfile, e: EventOf<'survey.answered'>): CustomerProfile {
  const survey = { ...p.survey };
  const answers: readonly SurveyAnswerFact[] = e.data?.answers ?? [];
  for (const a of answers) {
    const cur = survey[a.questionId];
    // Latest answer per question wins (time, then event id): the same in any apply order.
    if (cur && (cur.at > e.at || (cur.at === e.at && cur.eventId >= e._id))) continue;
    survey[a.questionId] = { optionIds: [...a.optionIds], tags: [...a.tags], at: e.at, eventId: e._id };
  }
  return { ...p, survey };
}

function applyContactFacts(p: CustomerProfile, e: EventOf<'followup.contacted'>): CustomerProfile {
  const facts = { ...(p.contactFacts ?? {}) };
  for (const f of e.data?.facts ?? []) {
    const cur = facts[f.key] ?? { seen: 0, recorded: 0, lastAt: e.at };
    const seen = typeof f.value === 'number' ? f.value : f.value ? 1 : 0;
    facts[f.key] = { seen: cur.seen + seen, recorded: cur.recorded + 1, lastAt: Math.max(cur.lastAt, e.at) };
  }
  return { ...p, contactFacts: facts };
}

function touchInteraction(p: CustomerProfile, e: PurchaseEvent, field: keyof Omit<InteractionFacts, 'firstAt' | 'lastAt'>): CustomerProfile {
  const i = p.interactions;
  return { ...p, interactions: { ...i, [field]: i[field] + 1, firstAt: minOf(i.firstAt, e.at), lastAt: maxOf(i.lastAt, e.at) } };
}

/** Tags of the profile: from purchases ('trial') and from survey answers, sorted, unique. */
export function profileTags(p: CustomerProfile): string[] {
  const all = new Set<string>(p.tags ?? []);
  for (const a of Object.values(p.survey ?? {})) for (const t of a.tags) all.add(t);
  return [...all].sort();
}

/** (profile, event) → profile. Never called twice with the same event (the consumer sees to it). */
export function applyEvent(p0: CustomerProfile, e: PurchaseEvent): CustomerProfile {
  const p = withProfileDefaults(p0);
  let next: CustomerProfile = {
    ...p,
    ...(e.unionid && !p.unionid ? { unionid: e.unionid } : {}),
    qualifyingSpendFen: p.qualifyingSpendFen + e.qualifyingDeltaFen,
    eventsApplied: p.eventsApplied + 1,
    firstEventAt: minOf(p.firstEventAt, e.at),
    lastEventAt: maxOf(p.lastEventAt, e.at),
  };
  switch (e.type) {
    case 'order.paid':
      next = applyOrderPaid(applyPaidLines(next, e), e);
      break;
    case 'order.refunded':
      next = applyOrderRefunded(applyRefundedLines(next, e), e);
      break;
    case 'gift.claimed':
      next = { ...next, giftsClaimed: next.giftsClaimed + 1 };
      break;
    case 'membership.purchased':
    case 'membership.refunded':
      next = applyMembership(next, e);
      break;
    case 'customer.visited':
      next = touchInteraction(next, e, 'visits');
      break;
    case 'survey.answered':
      next = applySurvey(e.data?.cleared ? next : touchInteraction(next, e, 'surveys'), e);
      break;
    case 'coupon.claimed':
      next = touchInteraction(next, e, 'couponClaims');
      break;
    case 'message.opened':
      next = touchInteraction(next, e, 'messageOpens');
      break;
    case 'followup.contacted':
      // The staff member's record, not the customer's own interaction: layers stay as they were.
      next = applyContactFacts(next, e);
      break;
    default:
      break;
  }
  return next;
}
