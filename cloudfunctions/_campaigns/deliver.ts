import { contentOf, couponTemplateOf, inHoldout, messageOf, type MessageArgs } from '../../shared/promotions/campaign';
import type { CouponRule } from '../../shared/promotions/coupon';
import { offerAllowed, offerDepthOf, policyStageOf } from '../../shared/promotions/contact-policy';
import type { Settings } from '../../shared/schemas/settings';
import { DAY_MS } from '../../shared/time';
import type { Db } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import type { MessagePort } from '../_kit/messages';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { issueCoupon } from '../_coupons/issue';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { deliveryIdOf, type CampaignDoc, type DeliveryDoc, type DeliveryOutcome, type MessageDoc } from './docs';
import { reserveMessage, sendReserved, markUnknown, type SkipReason } from './send';
import { bumpStats, type StatDelta } from './stats';
import { COLL } from '../_kit/collections';

export interface Recipient {
  openid: string;
  segments: string[];
}

/** What the launch needs to know about the campaign's coupon (read once per launch step). */
export interface OfferInfo {
  templateId?: string;
  rule?: Pick<CouponRule, 'offer' | 'minSpendFen'>;
}

const SKIP_STAT: Record<SkipReason, keyof StatDelta & string> = { capped: 'capped', 'offer-too-deep': 'offerTooDeep', 'no-grant': 'noGrant', 'no-template': 'noTemplate' };
const FINAL_STAT: Record<'sent' | 'refused' | 'failed' | 'unknown', keyof StatDelta & string> = { sent: 'sent', refused: 'refused', failed: 'failed', unknown: 'unknown' };

export const campaignMessageIdOf = (campaignId: string, openid: string) => idFromKey('msg', 'cmp', campaignId, openid);

/**
 * Reaches one customer with a campaign, at most once ever (the delivery document's id is
 * campaign + customer). One transaction decides and records everything: the holdout (kept out,
 * counted), the contact policy's offer depth for their stage, the coupon (issued idempotently with
 * the campaign as issue key), the cap and subscription grant (reserveMessage), the delivery and
 * the campaign's counters. The platform send follows the commit; a crash in between leaves the
 * delivery `sending`, which the next visit marks `unknown` rather than sending twice.
 */
export async function deliverTo(db: Db, c: CampaignDoc, who: Recipient, offer: OfferInfo, settings: Settings, port: MessagePort, now: () => number): Promise<DeliveryOutcome> {
  const msg = messageOf(c)!;
  const decided = await runInTransaction(db, async (tx) => {
    const id = deliveryIdOf(c._id, who.openid);
    const existing = await txGet<DeliveryDoc>(tx, COLL.campaign_deliveries, id);
    const t = now();
    if (existing) {
      if (existing.outcome === 'sending' && existing.messageId && (await markUnknown(tx, existing.messageId, t))) {
        await txReplace(tx, COLL.campaign_deliveries, { ...existing, outcome: 'unknown', version: existing.version + 1 });
        await bumpStats(tx, c._id, who.openid, { unknown: 1 });
        return { outcome: 'unknown' as DeliveryOutcome };
      }
      return { outcome: existing.outcome, already: true };
    }
    const stage = policyStageOf(who.segments);
    const base: DeliveryDoc = { _id: id, campaignId: c._id, openid: who.openid, at: t, group: 'treated', stage, outcome: 'holdout', attributeUntil: t + c.attributionDays * DAY_MS, version: 1 };
    if (inHoldout(c._id, who.openid, c.holdoutPercent)) {
      await txCreate(tx, COLL.campaign_deliveries, { ...base, group: 'holdout' });
      await bumpStats(tx, c._id, who.openid, { audience: 1, holdout: 1 });
      return { outcome: 'holdout' as DeliveryOutcome };
    }
    const delta: StatDelta = { audience: 1, treated: 1 };
    const depth = offerDepthOf(offer.rule, settings);
    const d: DeliveryDoc = { ...base };
    let message: MessageDoc | undefined;
    const content = contentOf(c);
    /** Reserves `text` for this customer (cap, grant, template), recording the outcome on `d`. */
    const reserve = async (text: MessageArgs, depthOfText: typeof depth) => {
      const reserved = await reserveMessage(
        tx,
        {
          openid: who.openid,
          segments: who.segments,
          depth: depthOfText,
          bigSale: c.bigSale,
          message: { _id: campaignMessageIdOf(c._id, who.openid), openid: who.openid, kind: 'promotion', source: { campaignId: c._id }, title: text.title, detail: text.detail, page: text.page, until: c.schedule.endAt },
          now: t,
        },
        settings,
      );
      if (reserved.ok) {
        d.outcome = 'sending';
        d.messageId = reserved.message._id;
        message = reserved.message;
      } else {
        d.outcome = reserved.reason;
        delta[SKIP_STAT[reserved.reason]] = 1;
      }
    };
    if (!offerAllowed(settings.contactPolicy[stage], depth, c.bigSale)) {
      if (content) {
        // The stage takes no offer this deep (活跃: content only): the content message, no coupon.
        d.contentOnly = true;
        delta.contentOnly = 1;
        await reserve(content, 'none');
      } else {
        // Without a content message, a stage that must not get this offer gets neither coupon nor message.
        d.outcome = 'offer-too-deep';
        delta.offerTooDeep = 1;
      }
    } else {
      const issued = offer.templateId ? await issueCoupon(tx, { openid: who.openid, templateId: offer.templateId, issueKey: c._id, issuedBy: 'campaign', now: t }) : undefined;
      if (issued && !issued.ok) {
        // No coupon (sold out, limit, paused): a message promising one would be false — send none.
        d.outcome = 'no-coupon';
        d.couponRefused = issued.error.code;
        delta.couponsRefused = 1;
      } else {
        if (issued?.ok) {
          d.couponId = issued.data.coupon._id;
          if (issued.data.created) delta.couponsIssued = 1;
        }
        // Capped, without a grant or without a template, the customer keeps the coupon: only the message is held back.
        await reserve(msg, depth);
      }
    }
    await txCreate(tx, COLL.campaign_deliveries, d);
    await bumpStats(tx, c._id, who.openid, delta);
    return { outcome: d.outcome, message: message as MessageDoc | undefined };
  });
  if (decided.outcome !== 'sending' || !('message' in decided) || !decided.message) return decided.outcome;
  faultPoint('campaign.after-reserve');
  const state = await sendReserved(db, port, decided.message, settings, now, async (tx, st) => {
    const cur = await txGet<DeliveryDoc>(tx, COLL.campaign_deliveries, deliveryIdOf(c._id, who.openid));
    if (!cur || cur.outcome !== 'sending') return;
    const outcome = st as 'sent' | 'refused' | 'failed' | 'unknown';
    await txReplace(tx, COLL.campaign_deliveries, { ...cur, outcome, version: cur.version + 1 });
    await bumpStats(tx, c._id, who.openid, { [FINAL_STAT[outcome]]: 1 });
  });
  return state === 'reserved' ? 'sending' : (state as DeliveryOutcome);
}

export { couponTemplateOf };
