import { audienceOf, couponTemplateOf, firstClauseOf, inHoldout } from '../../shared/promotions/campaign';
import type { CouponTemplate } from '../../shared/promotions/coupon';
import { contactDecision, offerDepthOf, policyStageOf, type PolicyStage } from '../../shared/promotions/contact-policy';
import type { CampaignInput } from '../../shared/promotions/campaign';
import type { CampaignPreviewView } from '../../shared/promotions/campaign-views';
import type { Settings } from '../../shared/schemas/settings';
import { getById, type Db } from '../_kit/db';
import { COUPON_COLL } from '../_coupons/docs';
import { segmentPage } from '../_segments/queries';
import { CAMPAIGN_COLL, contactIdOf, grantIdOf, type ContactDoc, type GrantDoc } from '../_campaigns/docs';
import { templateConfigured } from '../_campaigns/send';

/** Customers a preview looks at, at most; beyond, the figures are scaled up and marked estimated. */
const PREVIEW_MAX = 2_000;

/** The wire shape the operator page reads (shared/promotions/campaign-views.ts). */
export type CampaignPreview = CampaignPreviewView;

/**
 * What a launch would do right now, without doing it: the audience (union of the clauses, each
 * customer once), the holdout, and how the contact policy and subscription grants would split the
 * rest. Reads the same indexed segment lists the launch walks, plus each customer's contact record
 * and grant by id, page by page.
 */
export async function previewCampaign(db: Db, id: string, c: CampaignInput, settings: Settings, now: number): Promise<CampaignPreview> {
  const audience = audienceOf(c);
  const templateId = couponTemplateOf(c);
  const t = templateId ? await getById<CouponTemplate>(db, COUPON_COLL.templates, templateId) : null;
  const depth = offerDepthOf(t ? { offer: t.offer, minSpendFen: t.minSpendFen } : undefined, settings);
  const hasTemplate = templateConfigured(settings, 'promotion');
  const p: CampaignPreview = { audience: 0, holdout: 0, reachable: 0, capped: 0, offerTooDeep: 0, noGrant: 0, noTemplate: 0, byStage: { active: 0, silent: 0, sleeping: 0, churned: 0, prospect: 0 }, estimated: false, walked: 0 };
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
      const [contacts, grants] = await Promise.all([byIds<ContactDoc>(db, CAMPAIGN_COLL.contacts, mine.map((m) => contactIdOf(m.openid))), byIds<GrantDoc>(db, CAMPAIGN_COLL.grants, mine.map((m) => grantIdOf(m.openid, 'promotion')))]);
      for (const m of mine) {
        p.audience++;
        p.byStage[policyStageOf(m.segments)]++;
        if (inHoldout(id, m.openid, c.holdoutPercent)) {
          p.holdout++;
          continue;
        }
        const d = contactDecision({ segments: m.segments, sentAt: contacts.get(contactIdOf(m.openid))?.sentAt ?? [], depth, bigSale: c.bigSale, now }, settings);
        // Same order as the launch (reserveMessage): the template, then the contact policy, then the grant.
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
      const listSize = ((await db.collection('profiles').where({ segments: audience.anyOf[clause][0] }).count()) as { total: number }).total;
      // A clause not reached at all counts its whole list (an upper bound: overlaps are not removed).
      totalEstimate += seen > 0 ? Math.round((inClause * listSize) / seen) - inClause : listSize;
      p.estimated = true;
    }
  }
  if (p.estimated && p.audience > 0) {
    const f = (p.audience + totalEstimate) / p.audience;
    for (const k of ['audience', 'holdout', 'reachable', 'capped', 'offerTooDeep', 'noGrant', 'noTemplate'] as const) p[k] = Math.round(p[k] * f);
    for (const k of Object.keys(p.byStage) as PolicyStage[]) p.byStage[k] = Math.round(p.byStage[k] * f);
  }
  return p;
}

async function byIds<T extends { _id: string }>(db: Db, coll: string, ids: string[]): Promise<Map<string, T>> {
  if (!ids.length) return new Map();
  const res = (await db.collection(coll).where({ _id: db.command.in(ids) }).limit(ids.length).get()) as { data: T[] };
  return new Map(res.data.map((d) => [d._id, d]));
}
