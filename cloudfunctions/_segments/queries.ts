import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Settings } from '../../shared/settings';
import { knownSegmentKeys, layerOf, lifeStage, memberState, segmentKeys } from '../../shared/segments/keys';
import { profileIdOf, profileTags, withProfileDefaults, type CustomerProfile } from '../../shared/segments/profile';
import { nextTier, tierStatus, type GrantState } from '../../shared/tiers/progress';
import { businessDate, formatDateTime } from '../../shared/time';
import type { CustomerView, ExportPage, SegmentMember, TimelineItem, TimelinePage } from '../../shared/segments/views';
import { getById, type Db } from '../_kit/db';
import { membershipIdOf, walletIdOf, type EntitlementDoc, type MembershipDoc, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { pageNewestFirst } from '../_kit/paging';
import { grantStateOf, tierDefs, tierEntitlementId } from '../_gifts/tier-gifts';
import { COLL } from '../_kit/collections';

/** The views live in shared/ (the operator pages read the same contract). */
export type { CustomerView, ExportPage, SegmentMember, TimelineItem } from '../../shared/segments/views';

/** Only what a list row needs is read (profiles carry order facts and survey answers besides). */
const MEMBER_FIELDS = {
  openid: true,
  unionid: true,
  segments: true,
  purchases: true,
  qualifyingSpendFen: true,
  lastPurchaseAt: true,
  membership: true,
  lastEventAt: true,
} as const;

type MemberDoc = Pick<CustomerProfile, 'openid' | 'unionid' | 'segments' | 'purchases' | 'qualifyingSpendFen' | 'lastPurchaseAt' | 'membership' | 'lastEventAt'>;

const keyValue = (segments: string[], prefix: string) => segments.find((k) => k.startsWith(prefix))?.slice(prefix.length);

export function memberRow(d: MemberDoc): SegmentMember {
  const segments = d.segments ?? [];
  return {
    openid: d.openid,
    ...(d.unionid ? { unionid: d.unionid } : {}),
    ...(keyValue(segments, 'layer:') ? { layer: keyValue(segments, 'layer:') } : {}),
    ...(keyValue(segments, 'life:') ? { life: keyValue(segments, 'life:') } : {}),
    ...(keyValue(segments, 'member:') ? { member: keyValue(segments, 'member:') } : {}),
    purchases: d.purchases ?? 0,
    qualifyingSpendFen: d.qualifyingSpendFen ?? 0,
    ...(d.lastPurchaseAt !== undefined ? { lastPurchaseAt: d.lastPurchaseAt } : {}),
    ...(d.membership && d.membership.activeTerms > 0 ? { membershipExpiresAt: d.membership.expiresAt } : {}),
    tags: segments.filter((k) => k.startsWith('tag:')).map((k) => k.slice(4)),
    segments,
    ...(d.lastEventAt !== undefined ? { lastEventAt: d.lastEventAt } : {}),
  };
}

export interface SegmentPage {
  members: SegmentMember[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of a segment: the profiles whose `segments` array holds `key`, in openid order, after
 * `cursor` (the last openid of the previous page). Served by the (segments, openid) index: a seek,
 * never a scan, and the cursor is stable — a profile that joins or leaves meanwhile does not shift
 * the pages (it is seen or not according to its openid, never twice).
 */
export async function segmentPage(db: Db, key: string, cursor: string | undefined, limit: number): Promise<SegmentPage> {
  const _ = db.command;
  const where = cursor === undefined ? { segments: key } : { segments: key, openid: _.gt(cursor) };
  // One extra row tells whether another page exists, so the last page never points at an empty one.
  const res = (await db.collection(COLL.profiles).where(where).orderBy('openid', 'asc').limit(limit + 1).field(MEMBER_FIELDS).get()) as { data: MemberDoc[] };
  const rows = res.data.slice(0, limit).map(memberRow);
  return { members: rows, nextCursor: res.data.length > limit ? rows[rows.length - 1].openid : null };
}

export async function segmentTotal(db: Db, key: string): Promise<number> {
  const res = (await db.collection(COLL.profiles).where({ segments: key }).count()) as { total: number };
  return res.total;
}

/** One indexed count per known key (fixed keys + tags the survey can produce + 'trial'). */
/**
 * How many customers hold each segment key, in ONE aggregation over the profiles that hold any
 * (unwind the key array, count per key) instead of one count per key: the dashboard's call costs
 * one round trip whatever the number of keys (issue 18; it was 24). Keys nobody holds count 0.
 */
export async function segmentCounts(db: Db, settings: Settings): Promise<Record<string, number>> {
  const keys = knownSegmentKeys(settings);
  const $ = db.command.aggregate;
  const res = (await db
    .collection(COLL.profiles)
    .aggregate()
    .match({ segments: db.command.exists(true) })
    .unwind('$segments')
    .group({ _id: '$segments', n: $.sum(1) })
    .limit(1000)
    .end()) as { list?: Array<{ _id: string; n: number }>; data?: Array<{ _id: string; n: number }> };
  const byKey = new Map((res.list ?? res.data ?? []).map((r) => [r._id, r.n]));
  return Object.fromEntries(keys.map((k) => [k, byKey.get(k) ?? 0]));
}

// ---- CSV -------------------------------------------------------------------------------------

export const CSV_COLUMNS = ['openid', 'unionid', 'layer', 'life', 'member', 'purchases', 'qualifying_spend_fen', 'qualifying_spend_yuan', 'last_purchase_at', 'member_expires_at', 'tags'] as const;

/** Spreadsheet formula injection: a cell starting with = + - @ (or a tab/CR) is read as text. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Integer fen → "1234.56" without floating point (display only, DESIGN rule 1). */
const yuanText = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

export function csvRow(m: SegmentMember): string {
  const values = [
    m.openid,
    m.unionid ?? '',
    m.layer ?? '',
    m.life ?? '',
    m.member ?? '',
    String(m.purchases),
    String(m.qualifyingSpendFen),
    yuanText(m.qualifyingSpendFen),
    m.lastPurchaseAt !== undefined ? formatDateTime(m.lastPurchaseAt) : '',
    m.membershipExpiresAt !== undefined ? businessDate(m.membershipExpiresAt) : '',
    m.tags.join('|'),
  ];
  return values.map(cell).join(',');
}

/** A page of the CSV export: exactly the rows `segment.list` returns for the same key and cursor. */
export async function exportPage(db: Db, key: string, cursor: string | undefined, limit: number): Promise<ExportPage> {
  const page = await segmentPage(db, key, cursor, limit);
  const lines = page.members.map(csvRow);
  const first = cursor === undefined;
  if (first) lines.unshift('\uFEFF' + CSV_COLUMNS.join(','));
  return {
    csv: lines.length ? lines.join('\r\n') + '\r\n' : '',
    rows: page.members.length,
    nextCursor: page.nextCursor,
    ...(first ? { total: await segmentTotal(db, key) } : {}),
    done: page.nextCursor === null,
  };
}

// ---- one customer ------------------------------------------------------------------------------

const timelineItem = (e: PurchaseEvent): TimelineItem => ({
  eventId: e._id,
  type: e.type,
  at: e.at,
  ...(e.orderId ? { orderId: e.orderId } : {}),
  ...(e.refundId ? { refundId: e.refundId } : {}),
  totalFen: e.amounts?.totalFen ?? 0,
  qualifyingDeltaFen: e.qualifyingDeltaFen,
  ...(e.data ? { data: e.data } : {}),
});

/** The customer's events newest first, 20 a page, via the (openid, at) index. Cursor = the last page's time. */
export async function timelinePage(db: Db, openid: string, cursor: number | undefined): Promise<TimelinePage> {
  const page = await pageNewestFirst<PurchaseEvent>(db, COLL.events, { openid }, 'at', cursor, 20);
  return { items: page.items.map(timelineItem), nextCursor: page.nextCursor ?? null };
}

export async function customerView(db: Db, openid: string, settings: Settings, now: number): Promise<Omit<CustomerView, 'display'> | null> {
  const stored = await getById<CustomerProfile>(db, COLL.profiles, profileIdOf(openid));
  if (!stored) return null;
  const p = withProfileDefaults(stored);
  const [timeline, ordersRes, wallet, membership, gifts] = await Promise.all([
    timelinePage(db, openid, undefined),
    db.collection(COLL.orders).where({ openid }).orderBy('createdAt', 'desc').limit(20).get() as Promise<{ data: OrderDoc[] }>,
    getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid)),
    getById<MembershipDoc>(db, COLL.memberships, membershipIdOf(openid)),
    Promise.all(settings.tiers.map((t) => getById<EntitlementDoc>(db, COLL.entitlements, tierEntitlementId(openid, t.gift.id)))),
  ]);
  const grants: Record<string, GrantState | undefined> = {};
  settings.tiers.forEach((t, i) => (grants[t.gift.id] = gifts[i] ? grantStateOf(gifts[i]!) : undefined));
  const next = nextTier(tierDefs(settings), p.qualifyingSpendFen, grants, now);
  return {
    openid,
    ...(p.unionid ? { unionid: p.unionid } : {}),
    segments: p.segments ?? [],
    segmentsNow: segmentKeys(p, settings, now),
    nextTransitionAt: p.nextTransitionAt ?? null,
    facts: {
      layer: layerOf(p, settings),
      life: lifeStage(p, settings, now) ?? null,
      member: memberState(p, settings, now) ?? null,
      purchases: p.purchases ?? Math.max(0, p.purchasesPaid - p.purchasesRefunded),
      purchasesPaid: p.purchasesPaid,
      purchasesRefunded: p.purchasesRefunded,
      firstPurchaseAt: p.firstPurchaseAt ?? null,
      lastPurchaseAt: p.lastPurchaseAt ?? null,
      qualifyingSpendFen: p.qualifyingSpendFen,
      // The membership document is the truth; the profile's copy is what segments were computed from.
      membershipExpiresAt: membership?.expiresAt ?? p.membership?.expiresAt ?? null,
      trials: p.trials,
      interactions: p.interactions,
      survey: p.survey,
      tags: profileTags(p),
      giftsClaimed: p.giftsClaimed,
      eventsApplied: p.eventsApplied,
      firstEventAt: p.firstEventAt ?? null,
      lastEventAt: p.lastEventAt ?? null,
    },
    timeline,
    orders: ordersRes.data.map((o) => ({ orderId: o._id, kind: o.kind, status: o.status, title: o.title, totalFen: o.totalFen, refundedFen: o.refundedFen, createdAt: o.createdAt, ...(o.paidAt !== undefined ? { paidAt: o.paidAt } : {}) })),
    wallet: { principalFen: wallet?.principalFen ?? 0, bonusFen: wallet?.bonusFen ?? 0, totalFen: (wallet?.principalFen ?? 0) + (wallet?.bonusFen ?? 0) },
    tiers: {
      qualifyingSpendFen: p.qualifyingSpendFen,
      tiers: settings.tiers.map((t, i) => ({
        thresholdFen: t.thresholdFen,
        giftId: t.gift.id,
        giftName: t.gift.name,
        status: tierStatus(gifts[i] ? grantStateOf(gifts[i]!) : undefined, now),
        gapFen: Math.max(0, t.thresholdFen - p.qualifyingSpendFen),
      })),
      nextGapFen: next ? next.gapFen : null,
    },
  };
}
