import type { Settings } from '../settings';
import { DAY_MS } from '../time';
import { lastStandingPurchaseAt, profileTags, purchaseCount, type CustomerProfile } from './profile';

/**
 * Segment keys as data (DESIGN rule 8, API.md): a pure function of the profile's facts, the
 * settings and `now`. The consumer and the transition run store its result on the profile
 * (indexed), so a segment list is an indexed query, never a rule evaluated per view.
 *
 * Time thresholds are ELAPSED time in whole days of 24 h (ms arithmetic), not Asia/Shanghai
 * calendar days: "≤ 30 days since the last purchase" means `now − last ≤ 30 × 86 400 000 ms`.
 * Why: a boundary is then one exact instant per profile (no dependency on the time of day the
 * purchase happened, no DST/zone library in the hot path), `nextTransitionAt` is simple
 * arithmetic, and it agrees with membership expiry, which is also elapsed time (term math). The
 * cost: a purchase at 23:00 turns silent at 23:00 + 1 ms on day 30, not at a midnight.
 */
export const LIFE_STAGES = ['active', 'silent', 'sleeping', 'churned'] as const;
export type LifeStage = (typeof LIFE_STAGES)[number];
export const LAYERS = ['new', 'engaged', 'paying', 'ironfan'] as const;
export type Layer = (typeof LAYERS)[number];
export const PURCHASE_BUCKETS = ['0', '1', '2', '3plus'] as const;
export const MEMBER_STATES = ['active', 'expiring', 'lapsed'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/** Every fixed key (tag keys come from the data: see knownSegmentKeys). */
export const FIXED_SEGMENT_KEYS: readonly string[] = [
  ...LAYERS.map((l) => `layer:${l}`),
  ...LIFE_STAGES.map((l) => `life:${l}`),
  ...PURCHASE_BUCKETS.map((b) => `purchases:${b}`),
  'trial:unconverted',
  ...MEMBER_STATES.map((m) => `member:${m}`),
  'tier:near',
];

export const TAG_PREFIX = 'tag:';
/** `fact:<key>`: a fact staff recorded in a one-to-one conversation was seen (settings.followupFacts). */
export const FACT_PREFIX = 'fact:';

/** A segment key the API accepts: one of the fixed keys, `tag:<name>` or `fact:<key>`. */
export const isSegmentKey = (k: string): boolean => FIXED_SEGMENT_KEYS.includes(k) || /^tag:[\p{L}\p{N}_-]{1,24}$/u.test(k) || /^fact:[a-z][a-z0-9-]{1,23}$/.test(k);

/** Keys an operator can pick: the fixed ones plus every tag the survey can produce and 'trial'. */
export function knownSegmentKeys(settings: Settings): string[] {
  const tags = new Set<string>(['trial']);
  for (const q of settings.survey.questions) for (const o of q.options) if (o.tag) tags.add(o.tag);
  return [...FIXED_SEGMENT_KEYS, ...[...tags].sort().map((t) => TAG_PREFIX + t), ...(settings.followupFacts ?? []).map((f) => FACT_PREFIX + f.key)];
}

type Rules = Pick<Settings, 'lifecycleDays' | 'segmentRules' | 'tiers'>;

/** Life stage after the first (still standing) purchase; undefined before it. Boundaries inclusive: exactly 30 days is still active. */
export function lifeStage(p: CustomerProfile, s: Rules, now: number): LifeStage | undefined {
  const last = lastStandingPurchaseAt(p);
  if (last === undefined) return undefined;
  const elapsed = now - last;
  const d = s.lifecycleDays;
  if (elapsed <= d.active * DAY_MS) return 'active';
  if (elapsed <= d.silent * DAY_MS) return 'silent';
  if (elapsed <= d.sleeping * DAY_MS) return 'sleeping';
  return 'churned';
}

/** Interacted: survey, coupon claim or message open, or visits on at least `engagedMinVisits` distinct days. */
export function hasInteracted(p: CustomerProfile, s: Rules): boolean {
  const i = p.interactions;
  if (!i) return false;
  return i.surveys > 0 || i.couponClaims > 0 || i.messageOpens > 0 || i.visits >= s.segmentRules.engagedMinVisits;
}

/**
 * new: no interaction, no spend · engaged: interacts, no spend · paying: has qualifying spend ·
 * ironfan: engaged AND qualifying spend ≥ segmentRules.ironFanSpendFen. Exactly one applies.
 */
export function layerOf(p: CustomerProfile, s: Rules): Layer {
  const interacted = hasInteracted(p, s);
  const spend = p.qualifyingSpendFen > 0;
  if (!spend) return interacted ? 'engaged' : 'new';
  return interacted && p.qualifyingSpendFen >= s.segmentRules.ironFanSpendFen ? 'ironfan' : 'paying';
}

/**
 * active: ends more than `memberExpiringDays` from now · expiring: ends within them (inclusive) ·
 * lapsed: ended (expiry ≤ now). A membership whose every term was refunded is none of these.
 */
export function memberState(p: CustomerProfile, s: Rules, now: number): MemberState | undefined {
  const m = p.membership;
  if (!m || m.activeTerms <= 0) return undefined;
  if (m.expiresAt <= now) return 'lapsed';
  return m.expiresAt - now <= s.segmentRules.memberExpiringDays * DAY_MS ? 'expiring' : 'active';
}

/** The next tier threshold above the spend, if any (tier gifts already claimed are not considered here). */
export function nextTierGapFen(p: CustomerProfile, s: Rules): number | undefined {
  const next = [...s.tiers].map((t) => t.thresholdFen).sort((a, b) => a - b).find((t) => t > p.qualifyingSpendFen);
  return next === undefined ? undefined : next - p.qualifyingSpendFen;
}

/** A trial bought, not refunded, and no full-product purchase after it. */
export const hasUnconvertedTrial = (p: CustomerProfile): boolean => (p.trials ?? []).some((t) => t.refundedAt === undefined && t.convertedAt === undefined);

export function purchaseBucket(p: CustomerProfile): (typeof PURCHASE_BUCKETS)[number] {
  const n = purchaseCount(p);
  return n >= 3 ? '3plus' : (String(n) as '0' | '1' | '2');
}

/** The profile's segment keys at `now`, sorted (stable storage, easy comparison). */
export function segmentKeys(p: CustomerProfile, s: Rules, now: number): string[] {
  const keys: string[] = [`layer:${layerOf(p, s)}`, `purchases:${purchaseBucket(p)}`];
  const life = lifeStage(p, s, now);
  if (life) keys.push(`life:${life}`);
  if (hasUnconvertedTrial(p)) keys.push('trial:unconverted');
  const member = memberState(p, s, now);
  if (member) keys.push(`member:${member}`);
  const gap = nextTierGapFen(p, s);
  if (gap !== undefined && gap <= s.segmentRules.tierNearFen) keys.push('tier:near');
  for (const t of profileTags(p)) keys.push(TAG_PREFIX + t);
  for (const [k, f] of Object.entries(p.contactFacts ?? {})) if (f.seen > 0) keys.push(FACT_PREFIX + k);
  return keys.sort();
}

/**
 * The earliest instant after `now` at which segmentKeys changes by time alone (no new event):
 * a life-stage boundary (last + N days + 1 ms: exactly N days is still the earlier stage) or a
 * membership boundary (expiry − expiringDays: becomes expiring; expiry: lapses). Undefined when
 * nothing changes by itself any more (churned, no membership or lapsed).
 */
export function nextTransitionAt(p: CustomerProfile, s: Rules, now: number): number | undefined {
  const candidates: number[] = [];
  const last = lastStandingPurchaseAt(p);
  if (last !== undefined) {
    const d = s.lifecycleDays;
    for (const days of [d.active, d.silent, d.sleeping]) candidates.push(last + days * DAY_MS + 1);
  }
  const m = p.membership;
  if (m && m.activeTerms > 0) candidates.push(m.expiresAt - s.segmentRules.memberExpiringDays * DAY_MS, m.expiresAt);
  let best: number | undefined;
  for (const c of candidates) if (c > now && (best === undefined || c < best)) best = c;
  return best;
}

/** The `life:*` key among keys (what a lifecycle.changed event compares). */
export const lifeKeyOf = (keys: readonly string[] | undefined): LifeStage | null => {
  const k = (keys ?? []).find((x) => x.startsWith('life:'));
  return k ? (k.slice(5) as LifeStage) : null;
};
