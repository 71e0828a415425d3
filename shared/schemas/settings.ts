import { z } from 'zod';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';

/**
 * The settings document (DESIGN rule 9: config is data). Every field has the PRODUCT.md default,
 * so `settingsSchema.parse({})` yields a complete, valid configuration.
 */
const idSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, '编号只能包含小写字母、数字、-、_');

export const giftPackSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(40),
    /** Retail value of the pack — shown to members, used in refund reductions and profit reports. */
    valueFen: nonNegativeFenSchema,
    /** What it costs the brand (profit reports). */
    costFen: nonNegativeFenSchema.default(0),
    items: z.array(z.string().min(1).max(40)).max(20).default([]),
    stock: z.number().int().min(0),
    /** Days after the grant during which it can be claimed. */
    claimDays: z.number().int().min(1).max(3650),
  })
  .strict();

export const membershipPlanSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).max(40),
    priceFen: positiveFenSchema,
    termDays: z.number().int().min(1).max(3660),
    benefits: z.array(z.string().min(1).max(60)).max(10).default([]),
    giftPack: giftPackSchema.optional(),
    active: z.boolean().default(true),
  })
  .strict();

export const topUpPlanSchema = z
  .object({
    id: idSchema,
    principalFen: positiveFenSchema,
    bonusFen: nonNegativeFenSchema,
    active: z.boolean().default(true),
  })
  .strict();

export const tierSchema = z
  .object({
    thresholdFen: positiveFenSchema,
    gift: giftPackSchema,
  })
  .strict();

/**
 * Contact policy per lifecycle stage (PRODUCT.md "Promotions and contact policy", seed 001): how
 * many messages a customer in that stage may get per 7 days (sends beyond it are skipped and
 * counted, never sent) and which offers suit the stage. Read by campaigns.
 */
export const CONTACT_OFFERS = ['none', 'small', 'big', 'big-sale-only'] as const;
export const CONTACT_OFFER_LABELS: Record<(typeof CONTACT_OFFERS)[number], string> = {
  none: '只发内容，不发优惠',
  small: '小额优惠',
  big: '大额优惠',
  'big-sale-only': '仅大促',
};
const stagePolicySchema = z.object({ maxPer7Days: z.number().int().min(0).max(14), offers: z.enum(CONTACT_OFFERS) }).strict();

/**
 * How deep an offer is (contact policy "small" vs "big"): a percent-off coupon is small up to
 * `smallMaxPercent`; an amount-off coupon is small up to `smallMaxAmountFen`, or when it is at most
 * `smallMaxPercent` of its minimum spend. Anything deeper is big.
 */
export const offerDepthSchema = z
  .object({
    smallMaxPercent: z.number().int().min(1).max(90).default(15),
    smallMaxAmountFen: positiveFenSchema.default(3_000),
  })
  .strict();

/**
 * WeChat subscription-message templates (one-time subscriptions). `templateId` comes from the Mini
 * Program's admin console (订阅消息 → 我的模板); template ids are per Mini Program, so there is no
 * default (PLATFORM.md "Cloud calls"): empty = not configured, and a message of that kind is
 * skipped and counted (未配置消息模板), never sent with a made-up id. `fields` maps our message
 * parts to the template's keyword names (thing1, time2, …), which differ per template. The local
 * inbox ignores both.
 */
const messageTemplateSchema = z
  .object({
    templateId: z.string().trim().max(64).regex(/^[A-Za-z0-9_-]*$/, '模板 ID 只能包含字母、数字、- 和 _（从小程序后台「订阅消息 → 我的模板」复制）'),
    fields: z.object({ title: z.string().min(1).max(20), detail: z.string().min(1).max(20), until: z.string().min(1).max(20) }).strict(),
  })
  .strict();
export const MESSAGE_KINDS = ['promotion', 'renewal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * Onboarding survey (PRODUCT.md "First response", seed 002: record facts, not impressions): a few
 * single- or multiple-choice questions configured by operators. Choices only — no free text — so
 * nothing is collected beyond what is configured (PIPL). An option's `tag` becomes the profile tag
 * `tag:<name>` (segment lists, WeCom tag sync).
 */
export const surveyTagSchema = z.string().regex(/^[\p{L}\p{N}_-]{1,24}$/u, '标签只能包含文字、数字、- 或 _（最多 24 个字符）');
export const surveyOptionSchema = z.object({ id: idSchema, label: z.string().min(1).max(40), tag: surveyTagSchema.optional() }).strict();
export const surveyQuestionSchema = z
  .object({
    id: idSchema,
    title: z.string().min(1).max(80),
    kind: z.enum(['single', 'multiple']),
    required: z.boolean().default(false),
    options: z.array(surveyOptionSchema).min(2).max(12),
  })
  .strict()
  .superRefine((q, ctx) => {
    const ids = q.options.map((o) => o.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['options'], message: `选项编号重复：${dup}` });
  });
export const surveySchema = z
  .object({
    enabled: z.boolean(),
    intro: z.string().max(200).default(''),
    questions: z.array(surveyQuestionSchema).max(10),
  })
  .strict()
  .superRefine((s, ctx) => {
    const ids = s.questions.map((q) => q.id);
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['questions'], message: `问题编号重复：${dup}` });
  });
export type SurveySettings = z.infer<typeof surveySchema>;
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

/** Thresholds of the segment rules (shared/segments/keys.ts) that PRODUCT.md leaves to the operator. */
export const segmentRulesSchema = z
  .object({
    /** layer:ironfan = engaged and qualifying spend ≥ this (PRODUCT.md: e.g. ¥10,000). */
    ironFanSpendFen: positiveFenSchema.default(1_000_000),
    /** tier:near = the next tier threshold is at most this far away. */
    tierNearFen: positiveFenSchema.default(100_000),
    /** member:expiring = membership ends within this many days. */
    memberExpiringDays: z.number().int().min(1).max(365).default(30),
    /** Visits (distinct business days) that make a customer "engaged" on their own; a first visit alone is still "new". */
    engagedMinVisits: z.number().int().min(1).max(365).default(2),
  })
  .strict();

const DEFAULT_TERMS_TEXT =
  '1. 储值余额仅限本店使用，不可转让、不计利息。\n' +
  '2. 单个实名账户余额上限为 5000 元（依《单用途商业预付卡管理办法》）。\n' +
  '3. 未使用的充值本金可随时申请退还；赠送金额不予退还，退款时一并作废。\n' +
  '4. 消费时按每笔充值的本金与赠送金额比例同时扣减，先充值的先使用。';

export const settingsSchema = z
  .object({
    membershipPlans: z
      .array(membershipPlanSchema)
      .max(10)
      .default([
        {
          id: 'annual',
          name: '年度会员',
          priceFen: 100_000,
          termDays: 365,
          benefits: ['全场会员价', '新品会员优先购', '入会礼包（价值 ¥1500）'],
          giftPack: {
            id: 'welcome-annual',
            name: '入会礼包',
            valueFen: 150_000,
            costFen: 60_000,
            items: ['明星单品正装 ×2', '体验装组合 ×1', '会员定制礼盒 ×1'],
            stock: 1000,
            claimDays: 90,
          },
          active: true,
        },
      ]),
    /** Membership may be paid with stored balance? PRODUCT.md default: no. */
    membershipPayableWithBalance: z.boolean().default(false),
    topUpPlans: z
      .array(topUpPlanSchema)
      .max(20)
      .default([
        { id: 'topup-500', principalFen: 50_000, bonusFen: 3_000, active: true },
        { id: 'topup-1000', principalFen: 100_000, bonusFen: 10_000, active: true },
        { id: 'topup-3000', principalFen: 300_000, bonusFen: 40_000, active: true },
      ]),
    customTopUp: z
      .object({ enabled: z.boolean(), minFen: positiveFenSchema, maxFen: positiveFenSchema })
      .strict()
      .default({ enabled: true, minFen: 1_000, maxFen: 500_000 }),
    /** 单用途商业预付卡: a named balance may not exceed this. */
    namedBalanceCapFen: positiveFenSchema.default(500_000),
    refundWindowDays: z.number().int().min(0).max(365).default(60),
    /** How a balance payment draws from lots. */
    spendRule: z.enum(['proportional', 'principal-first', 'bonus-first']).default('proportional'),
    cardTerms: z
      .object({ version: z.string().min(1).max(20), text: z.string().min(1).max(5000) })
      .strict()
      .default({ version: '2026-01', text: DEFAULT_TERMS_TEXT }),
    tiers: z
      .array(tierSchema)
      .max(10)
      .default([
        { thresholdFen: 500_000, gift: { id: 'tier-5k', name: '¥5,000 消费礼', valueFen: 30_000, costFen: 12_000, items: ['精选礼盒'], stock: 500, claimDays: 90 } },
        { thresholdFen: 1_000_000, gift: { id: 'tier-10k', name: '¥10,000 消费礼', valueFen: 80_000, costFen: 30_000, items: ['高定礼盒'], stock: 300, claimDays: 90 } },
        { thresholdFen: 5_000_000, gift: { id: 'tier-50k', name: '¥50,000 消费礼', valueFen: 300_000, costFen: 120_000, items: ['年度珍藏套装'], stock: 100, claimDays: 90 } },
        { thresholdFen: 10_000_000, gift: { id: 'tier-100k', name: '¥100,000 消费礼', valueFen: 800_000, costFen: 300_000, items: ['私享定制礼遇'], stock: 50, claimDays: 90 } },
      ]),
    lifecycleDays: z
      .object({ active: z.number().int().min(1), silent: z.number().int().min(1), sleeping: z.number().int().min(1) })
      .strict()
      .default({ active: 30, silent: 90, sleeping: 180 }),
    contactPolicy: z
      .object({
        active: stagePolicySchema,
        silent: stagePolicySchema,
        sleeping: stagePolicySchema,
        churned: stagePolicySchema,
        /** Customers with no standing qualifying purchase yet (new, engaged, trial buyers): no life stage. */
        prospect: stagePolicySchema.default({ maxPer7Days: 2, offers: 'small' }),
      })
      .strict()
      .default({
        active: { maxPer7Days: 2, offers: 'none' },
        silent: { maxPer7Days: 2, offers: 'small' },
        sleeping: { maxPer7Days: 1, offers: 'big' },
        churned: { maxPer7Days: 1, offers: 'big-sale-only' },
        prospect: { maxPer7Days: 2, offers: 'small' },
      }),
    offerDepth: offerDepthSchema.default({ smallMaxPercent: 15, smallMaxAmountFen: 3_000 }),
    /** Subscription-message templates by purpose (campaign promotions, membership renewal reminders). */
    messageTemplates: z
      .object({ promotion: messageTemplateSchema, renewal: messageTemplateSchema })
      .strict()
      .default({
        promotion: { templateId: '', fields: { title: 'thing1', detail: 'thing2', until: 'time3' } },
        renewal: { templateId: '', fields: { title: 'thing1', detail: 'thing2', until: 'time3' } },
      }),
    /** Membership renewal reminders: days before expiry (PRODUCT.md: 30/7/1). */
    renewalReminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([30, 7, 1]),
    /**
     * Operator openids (role from the platform identity, never from the payload). No defaults: a
     * deployed store starts with nobody, and the first owner claims it (ops.claimOwner with the
     * one-time code the deploy prints, or OWNER_OPENID on the ops function). Local mode's demo
     * seed writes `op_admin` explicitly.
     */
    operators: z.array(z.string().min(1).max(64)).max(200).default([]),
    owners: z.array(z.string().min(1).max(64)).max(20).default([]),
    /**
     * 上线检查 items no server can read (ops.launchChecklist): the minimum base library set in the
     * MP console, ticked by an owner — who and when.
     */
    launchChecks: z
      .object({ baseLibrary: z.object({ confirmedBy: z.string().min(1).max(64), confirmedAt: z.number().int().nonnegative() }).strict().nullable().default(null) })
      .strict()
      .default({ baseLibrary: null }),
    /**
     * Refunding a membership whose welcome pack was already claimed: 'deduct-value' refunds the fee
     * minus the pack's value (never below 0); 'deny' refuses the refund.
     */
    membershipRefundClaimedPack: z.enum(['deduct-value', 'deny']).default('deduct-value'),
    /**
     * Refunding a membership after buying at member prices (issue 15): 'deduct' refunds the fee minus
     * what the member prices saved on orders paid during that membership (net of refunded units; never
     * below 0); 'keep' refunds the fee as if no member price had been used.
     */
    membershipRefundSavings: z.enum(['deduct', 'keep']).default('deduct'),
    /** Qualifying spend: whether the bonus-funded part of balance payments counts (PRODUCT.md: no). */
    qualifyingIncludesBonus: z.boolean().default(false),
    /**
     * Refunding a trial product: does the customer get to buy that trial again? PRODUCT.md leaves
     * it configurable; default no, so buy → refund → buy again cannot farm a loss-making trial.
     */
    trialRefundRestoresEligibility: z.boolean().default(false),
    /**
     * Coupons against member price (PRODUCT.md: explicit, configurable, never below a product's
     * floor): 'member-price-or-coupon' gives whichever is cheaper, never both; 'both' lets a
     * coupon stack on member price. The rule itself is shared/promotions/pricing.ts.
     */
    couponStacking: z.enum(['member-price-or-coupon', 'both']).default('member-price-or-coupon'),
    /** A fully refunded order's coupon: 'restore' gives it back (if still within its validity), 'void' spends it. */
    couponOnRefund: z.enum(['restore', 'void']).default('restore'),
    /** Unpaid orders close after this many minutes. */
    paymentTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
    /**
     * Holds of unpaid orders (issue 15): an unpaid product order (微信支付 or 组合支付) holds its stock,
     * coupon and trial until it is paid, cancelled or expires. One customer may keep at most this many
     * unpaid product orders at once, and hold at most `maxHeldUnitsPerProduct` units of one stock-tracked
     * product across them; beyond that order.create is refused, and the scheduler sweep releases the
     * oldest holds of a customer over the limits (e.g. after an operator lowered them).
     */
    maxUnpaidOrders: z.number().int().min(1).max(20).default(3),
    maxHeldUnitsPerProduct: z.number().int().min(1).max(99).default(10),
    /**
     * A WeChat refund still unfinished this many hours after it was asked for is listed for operators
     * (运营后台 · 退款 「处理中过久」). WeChat: 零钱 in about 5 minutes, bank cards in 1–3 working days.
     */
    refundStuckHours: z.number().int().min(1).max(720).default(24),
    /** Segment rule thresholds (issue 5). */
    segmentRules: segmentRulesSchema.default({ ironFanSpendFen: 1_000_000, tierNearFen: 100_000, memberExpiringDays: 30, engagedMinVisits: 2 }),
    /** The onboarding survey new customers are offered (`customer.survey` / `customer.answerSurvey`). */
    survey: surveySchema.default({
      enabled: true,
      intro: '回答 2 个小问题，帮我们为您推荐更合适的产品（可跳过）。',
      questions: [
        {
          id: 'industry',
          title: '您从事的行业',
          kind: 'single',
          required: false,
          options: [
            { id: 'beauty', label: '美业 / 美容院', tag: 'industry-beauty' },
            { id: 'retail', label: '零售 / 电商', tag: 'industry-retail' },
            { id: 'office', label: '企业 / 白领', tag: 'industry-office' },
            { id: 'other', label: '其他' },
          ],
        },
        {
          id: 'interest',
          title: '您关注的品类（可多选）',
          kind: 'multiple',
          required: false,
          options: [
            { id: 'skincare', label: '护肤', tag: 'interest-skincare' },
            { id: 'makeup', label: '彩妆', tag: 'interest-makeup' },
            { id: 'wellness', label: '健康 / 养护', tag: 'interest-wellness' },
          ],
        },
      ],
    }),
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
    const dup = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
    const plan = dup(s.membershipPlans.map((p) => p.id));
    if (plan) ctx.addIssue({ code: 'custom', path: ['membershipPlans'], message: `会员方案编号重复：${plan}` });
    const topUp = dup(s.topUpPlans.map((p) => p.id));
    if (topUp) ctx.addIssue({ code: 'custom', path: ['topUpPlans'], message: `充值方案编号重复：${topUp}` });
    s.topUpPlans.forEach((p, i) => {
      if (p.principalFen + p.bonusFen > s.namedBalanceCapFen) {
        ctx.addIssue({ code: 'custom', path: ['topUpPlans', i], message: '充值金额加赠送金额超过实名储值余额上限，该方案无法购买' });
      }
    });
    // Welcome packs and tier gifts share one stock namespace (gift_stock/gst_<giftId>).
    const gift = dup([...s.membershipPlans.flatMap((p) => (p.giftPack ? [p.giftPack.id] : [])), ...s.tiers.map((t) => t.gift.id)]);
    if (gift) ctx.addIssue({ code: 'custom', path: ['tiers'], message: `礼品编号重复：${gift}（入会礼包与消费礼品的编号须各不相同）` });
  });

export type Settings = z.infer<typeof settingsSchema>;
export type MembershipPlan = z.infer<typeof membershipPlanSchema>;
export type TopUpPlan = z.infer<typeof topUpPlanSchema>;
export type GiftPack = z.infer<typeof giftPackSchema>;

export const defaultSettings = (): Settings => settingsSchema.parse({});

/** What customers may see (catalog.settings): no operator lists, no costs. */
export interface PublicSettings {
  membershipPlans: Array<{ id: string; name: string; priceFen: number; termDays: number; benefits: string[]; giftPack?: { name: string; valueFen: number; items: string[] } }>;
  topUpPlans: Array<{ id: string; principalFen: number; bonusFen: number }>;
  customTopUp: { enabled: boolean; minFen: number; maxFen: number };
  namedBalanceCapFen: number;
  refundWindowDays: number;
  cardTerms: { version: string; text: string };
  tiers: Array<{ thresholdFen: number; gift: { id: string; name: string; valueFen: number; items: string[] } }>;
}

export const toPublicSettings = (s: Settings): PublicSettings => ({
  membershipPlans: s.membershipPlans
    .filter((p) => p.active)
    .map((p) => ({
      id: p.id,
      name: p.name,
      priceFen: p.priceFen,
      termDays: p.termDays,
      benefits: p.benefits,
      ...(p.giftPack ? { giftPack: { name: p.giftPack.name, valueFen: p.giftPack.valueFen, items: p.giftPack.items } } : {}),
    })),
  topUpPlans: s.topUpPlans.filter((p) => p.active).map((p) => ({ id: p.id, principalFen: p.principalFen, bonusFen: p.bonusFen })),
  customTopUp: s.customTopUp,
  namedBalanceCapFen: s.namedBalanceCapFen,
  refundWindowDays: s.refundWindowDays,
  cardTerms: s.cardTerms,
  tiers: s.tiers.map((t) => ({ thresholdFen: t.thresholdFen, gift: { id: t.gift.id, name: t.gift.name, valueFen: t.gift.valueFen, items: t.gift.items } })),
});
