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

export interface CustomerProfile {
  _id: string;
  openid: string;
  unionid?: string;
  /** Σ qualifyingDeltaFen of applied events (PRODUCT.md "qualifying spend"). */
  qualifyingSpendFen: number;
  tags: string[];
  trials: TrialFact[];
  /** Regular products bought, with when and in which order (trial conversion, reports). */
  products: Record<string, ProductFact>;
  giftsClaimed: number;
  eventsApplied: number;
  firstEventAt?: number;
  lastEventAt?: number;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export const profileIdOf = (openid: string) => `prf_${openid}`;

export function newProfile(openid: string, now: number): CustomerProfile {
  return { _id: profileIdOf(openid), openid, qualifyingSpendFen: 0, tags: [], trials: [], products: {}, giftsClaimed: 0, eventsApplied: 0, createdAt: now, updatedAt: now, version: 0 };
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

/** (profile, event) → profile. Never called twice with the same event (the consumer sees to it). */
export function applyEvent(p: CustomerProfile, e: PurchaseEvent): CustomerProfile {
  let next: CustomerProfile = {
    ...p,
    ...(e.unionid && !p.unionid ? { unionid: e.unionid } : {}),
    qualifyingSpendFen: p.qualifyingSpendFen + e.qualifyingDeltaFen,
    eventsApplied: p.eventsApplied + 1,
    firstEventAt: p.firstEventAt === undefined ? e.at : Math.min(p.firstEventAt, e.at),
    lastEventAt: p.lastEventAt === undefined ? e.at : Math.max(p.lastEventAt, e.at),
  };
  if (e.type === 'order.paid') next = applyPaidLines(next, e);
  else if (e.type === 'order.refunded') next = applyRefundedLines(next, e);
  else if (e.type === 'gift.claimed') next = { ...next, giftsClaimed: next.giftsClaimed + 1 };
  return next;
}
