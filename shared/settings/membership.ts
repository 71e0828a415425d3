import { z } from 'zod';
import { positiveFenSchema } from '../money/fen';
import { settingIdSchema } from './fields';
import { giftPackSchema } from './gifts';

/** Paid membership (PRODUCT.md "Membership"): the plans on sale and how they may be paid. */
export const membershipPlanSchema = z
  .object({
    id: settingIdSchema,
    name: z.string().min(1).max(40),
    priceFen: positiveFenSchema,
    termDays: z.number().int().min(1).max(3660),
    benefits: z.array(z.string().min(1).max(60)).max(10).default([]),
    giftPack: giftPackSchema.optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type MembershipPlan = z.infer<typeof membershipPlanSchema>;

export const earlyRenewalRewardSchema = z
  .object({
    enabled: z.boolean().default(false),
    daysBefore: z.number().int().min(1).max(90).default(30),
    /** The coupon template granted (运营后台 · 优惠券); '' while none is chosen. */
    couponTemplateId: z
      .string()
      .trim()
      .regex(/^(cpt_[a-z0-9]{10,40})?$/, '优惠券编号格式不正确（在 运营后台 › 优惠券 中复制券的编号，cpt_ 开头）')
      .default(''),
  })
  .strict()
  .refine((r) => !r.enabled || r.couponTemplateId.length > 0, { message: '开启提前续费奖励前，请填写要赠送的优惠券编号（运营后台 › 优惠券）', path: ['couponTemplateId'] });
export type EarlyRenewalReward = z.infer<typeof earlyRenewalRewardSchema>;

export const membershipSettings = {
  membershipPlans: z
    .array(membershipPlanSchema)
    .max(10)
    .prefault([
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
      },
    ]),
  /** Membership may be paid with stored balance? PRODUCT.md default: no. */
  membershipPayableWithBalance: z.boolean().default(false),
  /** Membership renewal reminders: days before expiry (PRODUCT.md: 30/7/1). */
  renewalReminderDays: z.array(z.number().int().min(1).max(90)).max(5).default([30, 7, 1]),
  /**
   * 提前续费奖励 (issue 19): a renewal paid within `daysBefore` days before the current expiry earns
   * one coupon of `couponTemplateId`, issued in the payment's transaction, once per renewed term
   * (cloudfunctions/_membership/early-renewal.ts). Off by default.
   */
  earlyRenewalReward: earlyRenewalRewardSchema.prefault({}),
};
