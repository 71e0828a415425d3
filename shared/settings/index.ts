import { z } from 'zod';
import { accessSettings } from './access';
import { duplicateId } from './survey';
import { membershipSettings } from './membership';
import { messageSettings } from './messages';
import { orderSettings } from './orders';
import { promotionSettings } from './promotions';
import { refundSettings } from './refunds';
import { segmentSettings } from './segments';
import { storefrontSettings } from './storefront';
import { surveySettings } from './survey';
import { tierSettings } from './tiers';
import { trialSettings } from './trials';
import { walletSettings } from './wallet';
import { followupSettings } from './followup';

/**
 * The settings document (DESIGN rule 9: config is data), composed from one part per context. Each
 * part writes its defaults once (beside its field), so `settingsSchema.parse({})` yields a
 * complete, valid configuration; option lists come from the rule modules that read them. What
 * spans contexts (a top-up within the balance cap, gift ids unique across packs and tiers) is
 * checked here.
 */
export const settingsSchema = z
  .object({
    ...membershipSettings,
    ...walletSettings,
    ...refundSettings,
    ...tierSettings,
    ...trialSettings,
    ...orderSettings,
    ...promotionSettings,
    ...messageSettings,
    ...segmentSettings,
    ...surveySettings,
    ...accessSettings,
    ...storefrontSettings,
    ...followupSettings,
  })
  .strict()
  .superRefine((s, ctx) => {
    const t = s.tiers.map((x) => x.thresholdFen);
    if (t.some((v, i) => i > 0 && v <= t[i - 1])) {
      ctx.addIssue({ code: 'custom', path: ['tiers'], message: '消费档位门槛必须从低到高排列且不重复' });
    }
    const l = s.lifecycleDays;
    if (!(l.active < l.silent && l.silent < l.sleeping)) {
      ctx.addIssue({ code: 'custom', path: ['lifecycleDays'], message: '生命周期天数必须满足 活跃 < 沉默 < 沉睡' });
    }
    if (s.customTopUp.minFen > s.customTopUp.maxFen) {
      ctx.addIssue({ code: 'custom', path: ['customTopUp'], message: '自定义充值下限不能高于上限' });
    }
    if (s.customTopUp.enabled && s.customTopUp.maxFen > s.namedBalanceCapFen) {
      ctx.addIssue({ code: 'custom', path: ['customTopUp', 'maxFen'], message: '自定义充值上限不能超过实名储值余额上限' });
    }
    const plan = duplicateId(s.membershipPlans.map((p) => p.id));
    if (plan) ctx.addIssue({ code: 'custom', path: ['membershipPlans'], message: `会员方案编号重复：${plan}` });
    const topUp = duplicateId(s.topUpPlans.map((p) => p.id));
    if (topUp) ctx.addIssue({ code: 'custom', path: ['topUpPlans'], message: `充值方案编号重复：${topUp}` });
    s.topUpPlans.forEach((p, i) => {
      if (p.principalFen + p.bonusFen > s.namedBalanceCapFen) {
        ctx.addIssue({ code: 'custom', path: ['topUpPlans', i], message: '充值金额加赠送金额超过实名储值余额上限，该方案无法购买' });
      }
    });
    // Welcome packs and tier gifts share one stock namespace (gift_stock/gst_<giftId>).
    const gift = duplicateId([...s.membershipPlans.flatMap((p) => (p.giftPack ? [p.giftPack.id] : [])), ...s.tiers.map((t) => t.gift.id)]);
    if (gift) ctx.addIssue({ code: 'custom', path: ['tiers'], message: `礼品编号重复：${gift}（入会礼包与消费礼品的编号须各不相同）` });
    const fact = duplicateId(s.followupFacts.map((f) => f.key));
    if (fact) ctx.addIssue({ code: 'custom', path: ['followupFacts'], message: `跟进事实编号重复：${fact}` });
    const staff = duplicateId(s.staff.map((m) => m.openid));
    if (staff) ctx.addIssue({ code: 'custom', path: ['staff'], message: `跟进专员重复：${staff}` });
  });

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

export { giftPackSchema, type GiftPack } from './gifts';
export { membershipPlanSchema, type MembershipPlan } from './membership';
export { MESSAGE_KINDS, type MessageKind } from './messages';
export { CONTACT_OFFER_LABELS, CONTACT_OFFERS, offerDepthSchema } from './promotions';
export { segmentRulesSchema } from './segments';
export { surveyOptionSchema, surveyQuestionSchema, surveySchema, surveyTagSchema, type SurveyQuestion, type SurveySettings } from './survey';
export { tierSchema } from './tiers';
export { topUpPlanSchema, type TopUpPlan } from './wallet';
export { BANNER_TARGET_LABELS, BANNER_TARGETS, homeBannerSchema, type BannerTarget, type HomeBanner } from './storefront';
export { FACT_KINDS, followupFactSchema, staffMemberSchema, type FactKind, type FollowupFact, type StaffMember } from './followup';
export { toPublicSettings, type PublicSettings } from './public';
