import { audienceOf, contentOf, couponTemplateOf, firstClauseOf, inHoldout } from '../../shared/promotions/campaign';
import { validityWindow, type CouponTemplate } from '../../shared/promotions/coupon';
import { contactDecision, offerAllowed, offerDepthOf, policyStageOf, type PolicyStage } from '../../shared/promotions/contact-policy';
import type { CampaignInput } from '../../shared/promotions/campaign';
import type { CampaignPreviewView } from '../../shared/promotions/campaign-views';
import type { Settings } from '../../shared/schemas/settings';
import { getById, type Db } from '../_kit/db';
import { customerCounterIdOf, quantityCounterIdOf, type CounterDoc } from '../_coupons/docs';
import { segmentPage } from '../_segments/queries';
import { contactIdOf, grantIdOf, type ContactDoc, type GrantDoc } from '../_campaigns/docs';
import { templateConfigured } from '../_campaigns/send';
import { COLL } from '../_kit/collections';

/** Customers a preview looks at, at most; beyond, the figures are scaled up and marked estimated. */
const PREVIEW_MAX = 2_000;

/** The wire shape the operator page reads (shared/promotions/campaign-views.ts). */
export type CampaignPreview = CampaignPreviewView;

/**
 * What a launch would do right now, without doing it: the audience (union of the clauses, each
 * customer once), the holdout, and — in the launch's order (deliverTo) — what the contact policy,
 * the coupon's stock and per-customer limit, and the subscription grants do to the rest. Reads the
 * same indexed segment lists the launch walks, in the same order, plus each customer's contact
 * record, grant and coupon counter by id, page by page; the coupons left are counted down as the
 * launch would hand them out.
 */
export async function previewCampaign(db: Db, id: string, c: CampaignInput, settings: Settings, now: number): Promise<CampaignPreview> {
  const audience = audienceOf(c);
  const templateId = couponTemplateOf(c);
  const content = contentOf(c);
  const t = templateId ? await getById<CouponTemplate>(db, COLL.coupon_templates, templateId) : null;
  const depth = offerDepthOf(t ? { offer: t.offer, minSpendFen: t.minSpendFen } : undefined, settings);
  const hasTemplate = templateConfigured(settings, 'promotion');
  let couponsLeft = templateId ? await couponsLeftOf(db, t, now) : undefined;
  const p: CampaignPreview = {
    audience: 0,
    holdout: 0,
    reachable: 0,
    capped: 0,
    offerTooDeep: 0,
    noGrant: 0,
    noTemplate: 0,
    coupons: 0,
    noCoupon: 0,
    contentOnly: 0,
    ...(couponsLeft !== undefined && couponsLeft !== Infinity ? { couponsLeft } : {}),
    byStage: { active: 0, silent: 0, sleeping: 0, churned: 0, prospect: 0 },
    estimated: false,
    walked: 0,
  };
  let totalEstimate = 0;
  for (let clause = 0; clause < audience.anyOf.length; clause++) {
    let after: string | undefined;
    let inClause = 0;
    let seen = 0;
    for (;;) {
      if (p.walked >= PREVIEW_MAX) break;
      const page = await segmentPage(db, audience.anyOf[clause][0], after, 100);
      const mine = page.members.filter((m) => firstClauseOf(m.segments, audience) === clause);
      seen += page.members.length;
      inClause += mine.length;
      p.walked += page.members.length;
      const [contacts, grants, held] = await Promise.all([
        byIds<ContactDoc>(db, COLL.contact_records, mine.map((m) => contactIdOf(m.openid))),
        byIds<GrantDoc>(db, COLL.subscription_grants, mine.map((m) => grantIdOf(m.openid, 'promotion'))),
        t ? byIds<CounterDoc>(db, COLL.coupon_counters, mine.map((m) => customerCounterIdOf(t._id, m.openid))) : Promise.resolve(new Map<string, CounterDoc>()),
      ]);
      for (const m of mine) {
        p.audience++;
        const stage = policyStageOf(m.segments);
        p.byStage[stage]++;
        if (inHoldout(id, m.openid, c.holdoutPercent)) {
          p.holdout++;
          continue;
        }
        let messageDepth = depth;
        if (!offerAllowed(settings.contactPolicy[stage], depth, c.bigSale)) {
          if (!content) {
            p.offerTooDeep++;
            continue;
          }
          p.contentOnly++;
          messageDepth = 'none';
        } else if (couponsLeft !== undefined) {
          // The launch issues the coupon before the message; none left (or this customer's limit reached): neither.
          const mineIssued = held.get(customerCounterIdOf(t!._id, m.openid))?.issued ?? 0;
          if (couponsLeft <= 0 || mineIssued >= t!.perCustomerLimit) {
            p.noCoupon++;
            continue;
          }
          couponsLeft--;
          p.coupons++;
        }
        const d = contactDecision({ segments: m.segments, sentAt: contacts.get(contactIdOf(m.openid))?.sentAt ?? [], depth: messageDepth, bigSale: c.bigSale, now }, settings);
        // Same order as the launch (reserveMessage): the template, then the contact policy's cap, then the grant.
        if (!hasTemplate) p.noTemplate++;
        else if (!d.ok) p[d.reason === 'capped' ? 'capped' : 'offerTooDeep']++;
        else if ((grants.get(grantIdOf(m.openid, 'promotion'))?.remaining ?? 0) <= 0) p.noGrant++;
        else p.reachable++;
      }
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    if (p.walked >= PREVIEW_MAX) {
      // Scale this clause from the share of its list walked so far (the list's size is an index-only count).
      const listSize = ((await db.collection(COLL.profiles).where({ segments: audience.anyOf[clause][0] }).count()) as { total: number }).total;
      // A clause not reached at all counts its whole list (an upper bound: overlaps are not removed).
      totalEstimate += seen > 0 ? Math.round((inClause * listSize) / seen) - inClause : listSize;
      p.estimated = true;
    }
  }
  if (p.estimated && p.audience > 0) {
    const f = (p.audience + totalEstimate) / p.audience;
    for (const k of ['audience', 'holdout', 'reachable', 'capped', 'offerTooDeep', 'noGrant', 'noTemplate', 'noCoupon', 'contentOnly'] as const) p[k] = Math.round(p[k] * f);
    // Scaled coupons never exceed what is left.
    p.coupons = Math.min(Math.round(p.coupons * f), p.couponsLeft ?? Infinity);
    for (const k of Object.keys(p.byStage) as PolicyStage[]) p.byStage[k] = Math.round(p.byStage[k] * f);
  }
  return p;
}

/**
 * Coupons the template can still issue now: Infinity without a total quantity, 0 when it cannot
 * issue at all (gone, paused, its fixed validity over) — the launch's issueCoupon refuses those.
 */
async function couponsLeftOf(db: Db, t: CouponTemplate | null, now: number): Promise<number> {
  if (!t || t.status !== 'active' || now > validityWindow(t.validity, now).validUntil) return 0;
  if (t.totalQuantity === undefined) return Infinity;
  const q = await getById<CounterDoc>(db, COLL.coupon_counters, quantityCounterIdOf(t._id));
  return Math.max(0, t.totalQuantity - (q?.issued ?? 0));
}

async function byIds<T extends { _id: string }>(db: Db, coll: string, ids: string[]): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const res = (await db.collection(coll).where({ _id: db.command.in(ids) }).limit(ids.length).get()) as { data: T[] };
  return new Map(res.data.map((d) => [d._id, d]));
}
