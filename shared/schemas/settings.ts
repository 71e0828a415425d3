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
    /** Operator openids (role from the platform identity, never from the payload). */
    operators: z.array(z.string().min(1).max(64)).max(200).default(['op_admin']),
    owners: z.array(z.string().min(1).max(64)).max(20).default(['op_admin']),
    /**
     * Refunding a membership whose welcome pack was already claimed: 'deduct-value' refunds the fee
     * minus the pack's value (never below 0); 'deny' refuses the refund.
     */
    membershipRefundClaimedPack: z.enum(['deduct-value', 'deny']).default('deduct-value'),
    /** Qualifying spend: whether the bonus-funded part of balance payments counts (PRODUCT.md: no). */
    qualifyingIncludesBonus: z.boolean().default(false),
    /**
     * Refunding a trial product: does the customer get to buy that trial again? PRODUCT.md leaves
     * it configurable; default no, so buy → refund → buy again cannot farm a loss-making trial.
     */
    trialRefundRestoresEligibility: z.boolean().default(false),
    /** Unpaid orders close after this many minutes. */
    paymentTimeoutMinutes: z.number().int().min(1).max(1440).default(30),
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
