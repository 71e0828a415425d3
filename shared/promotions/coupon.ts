import { z } from 'zod';
import { formatYuan } from '../money/format';
import { nonNegativeFenSchema, positiveFenSchema } from '../money/fen';
import { productIdSchema } from '../schemas/product';
import { DAY_MS } from '../time';

/**
 * Coupons (issue 6). A template is what operators create; a coupon is one issued to one customer
 * and carries a SNAPSHOT of the template's rule, so editing or pausing a template never changes a
 * coupon a customer already holds. Offers are `{code, args}` (Vendure style): the code picks the
 * rule, zod checks its arguments.
 */
export const couponOfferSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('amount-off'), args: z.object({ amountFen: positiveFenSchema }).strict() }).strict(),
  z
    .object({
      code: z.literal('percent-off'),
      // Percent OFF (20 = 8 折). Whole percents only: the rate meets money in applyRate(…, percent, 100).
      args: z.object({ percent: z.number().int().min(1, '折扣至少 1%').max(90, '折扣最多 90%'), maxOffFen: positiveFenSchema.optional() }).strict(),
    })
    .strict(),
]);
export type CouponOffer = z.infer<typeof couponOfferSchema>;
export const COUPON_OFFER_LABELS: Readonly<Record<CouponOffer['code'], string>> = { 'amount-off': '满减（减固定金额）', 'percent-off': '折扣（按比例减）' };

/** A fixed window (both ends epoch ms) or N days from the moment the coupon is issued. */
export const couponValiditySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), from: z.number().int().min(0), until: z.number().int().positive() }).strict(),
  z.object({ kind: z.literal('days'), days: z.number().int().min(1, '有效天数至少 1 天').max(3650) }).strict(),
]);
export type CouponValidity = z.infer<typeof couponValiditySchema>;
export const COUPON_VALIDITY_LABELS: Readonly<Record<CouponValidity['kind'], string>> = { fixed: '固定日期', days: '领取后若干天内有效' };

/** What a coupon does at checkout — the part copied onto every issued coupon. */
const ruleShape = {
  name: z.string().trim().min(1, '请填写券名称').max(30, '券名称最多 30 个字'),
  offer: couponOfferSchema,
  /** Eligible lines must add up to at least this (before the coupon). 0 = 无门槛. */
  minSpendFen: nonNegativeFenSchema.default(0),
  /** Only these products are eligible; absent = every regular product (trials never: they sell at their floor). */
  productIds: z.array(productIdSchema).min(1).max(50).optional(),
  /** Only the customer's next purchase after the coupon was issued may use it (first-three-purchase offers). */
  nextPurchaseOnly: z.boolean().default(false),
};
export const couponRuleSchema = z.object(ruleShape).strict();
export type CouponRule = z.infer<typeof couponRuleSchema>;

/** What an operator submits to create a template (coupon.saveTemplate). */
export const couponTemplateInputSchema = z
  .object({
    ...ruleShape,
    validity: couponValiditySchema,
    /** How many coupons of this template one customer may ever be issued. */
    perCustomerLimit: z.number().int().min(1).max(100).default(1),
    /** Total coupons that may ever be issued; absent = unlimited. */
    totalQuantity: z.number().int().min(1).max(10_000_000).optional(),
    /** Published in 领券中心 for customers to claim themselves (otherwise only campaigns/operators issue it). */
    claimable: z.boolean().default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.validity.kind === 'fixed' && t.validity.until <= t.validity.from) {
      ctx.addIssue({ code: 'custom', path: ['validity', 'until'], message: '有效期结束时间必须晚于开始时间' });
    }
    if (t.offer.code === 'amount-off' && t.minSpendFen > 0 && t.offer.args.amountFen >= t.minSpendFen) {
      ctx.addIssue({ code: 'custom', path: ['offer', 'args', 'amountFen'], message: '减免金额须低于使用门槛（否则请把门槛设为 0）' });
    }
  });
export type CouponTemplateInput = z.infer<typeof couponTemplateInputSchema>;

export type CouponTemplateStatus = 'active' | 'paused';
export const COUPON_TEMPLATE_STATUS_LABELS: Readonly<Record<CouponTemplateStatus, string>> = { active: '发放中', paused: '已暂停发放' };

/** A template as stored in `coupon_templates` (_id `cpt_…`). Issued counts live in `coupon_counters`. */
export interface CouponTemplate extends CouponTemplateInput {
  _id: string;
  status: CouponTemplateStatus;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  version: number;
}

export const COUPON_STATUSES = ['available', 'reserved', 'used', 'void', 'expired'] as const;
export type CouponStatus = (typeof COUPON_STATUSES)[number];
export type CouponIssuer = CouponDoc['issuedBy'];
export const COUPON_ISSUER_LABELS: Readonly<Record<CouponIssuer, string>> = { claim: '顾客领取', campaign: '营销活动', operator: '运营发放', renewal: '提前续费奖励' };
export const COUPON_VOID_REASON_LABELS: Readonly<Record<NonNullable<CouponDoc['voidReason']>, string>> = { refund: '订单退款', 'next-purchase': '已过下一单' };

/** One coupon held by one customer (`coupons/cpn_…`, id derived from template + customer + issue key). */
export interface CouponDoc {
  _id: string;
  openid: string;
  templateId: string;
  /** Who issued it: a customer's own claim, a campaign, an operator, an early renewal (提前续费奖励). */
  issuedBy: 'claim' | 'campaign' | 'operator' | 'renewal';
  /** The idempotency key of the issuance (claim request id, campaign id, …). */
  issueKey: string;
  issuedAt: number;
  rule: CouponRule;
  validFrom: number;
  validUntil: number;
  /** next-purchase-only: a product order paid after this moment uses up the chance (reset on refund-restore). */
  nextPurchaseAfter: number;
  status: CouponStatus;
  /** The order holding (reserved) or having used it. */
  orderId?: string;
  reservedAt?: number;
  usedAt?: number;
  discountFen?: number;
  voidedAt?: number;
  voidReason?: 'refund' | 'next-purchase';
  restoredAt?: number;
  version: number;
}

/** When an issued coupon is valid, from its template's validity and the moment of issue. */
export function validityWindow(v: CouponValidity, issuedAt: number): { validFrom: number; validUntil: number } {
  return v.kind === 'fixed' ? { validFrom: v.from, validUntil: v.until } : { validFrom: issuedAt, validUntil: issuedAt + v.days * DAY_MS };
}

/** Why a coupon cannot be used right now, before looking at the order (null = it can be tried). */
export type CouponBlock = 'used' | 'reserved' | 'void' | 'expired' | 'not-started' | 'next-purchase-passed';

/**
 * `lastProductPaidAt`: when the customer last paid for a product order (undefined: never). A
 * next-purchase-only coupon is spent once any product order is paid after it was issued.
 */
export function couponBlock(c: Pick<CouponDoc, 'status' | 'validFrom' | 'validUntil' | 'rule' | 'nextPurchaseAfter'>, now: number, lastProductPaidAt?: number): CouponBlock | null {
  if (c.status === 'used' || c.status === 'reserved' || c.status === 'void' || c.status === 'expired') return c.status;
  if (now > c.validUntil) return 'expired';
  if (now < c.validFrom) return 'not-started';
  if (c.rule.nextPurchaseOnly && lastProductPaidAt !== undefined && lastProductPaidAt > c.nextPurchaseAfter) return 'next-purchase-passed';
  return null;
}

/** What the customer's list shows: stored status, with time (and the next-purchase rule) applied. */
export type CouponDisplayStatus = 'available' | 'not-started' | 'reserved' | 'used' | 'expired' | 'void';

export function displayStatus(c: CouponDoc, now: number, lastProductPaidAt?: number): CouponDisplayStatus {
  const b = couponBlock(c, now, lastProductPaidAt);
  if (b === null) return 'available';
  return b === 'next-purchase-passed' ? 'void' : b;
}

export const COUPON_STATUS_LABELS: Readonly<Record<CouponDisplayStatus, string>> = {
  available: '可使用',
  'not-started': '未到使用时间',
  reserved: '待支付订单占用',
  used: '已使用',
  expired: '已过期',
  void: '已失效',
};

const zhe = (percent: number) => {
  const tenths = 100 - percent; // 20% off → 80 → "8折"; 15% off → 85 → "8.5折"
  // Integer digits only: 85 → "8.5", 80 → "8" (no float formatting of a rate).
  return `${Math.trunc(tenths / 10)}${tenths % 10 === 0 ? '' : `.${tenths % 10}`}折`;
};

/** "满¥300减¥50" · "无门槛减¥20" · "满¥200享8折，最多减¥100". */
export function offerLabel(rule: Pick<CouponRule, 'offer' | 'minSpendFen'>): string {
  const min = rule.minSpendFen > 0 ? `满${formatYuan(rule.minSpendFen)}` : '无门槛';
  if (rule.offer.code === 'amount-off') return `${min}减${formatYuan(rule.offer.args.amountFen)}`;
  const cap = rule.offer.args.maxOffFen !== undefined ? `，最多减${formatYuan(rule.offer.args.maxOffFen)}` : '';
  return `${min}${rule.minSpendFen > 0 ? '享' : ''}${zhe(rule.offer.args.percent)}${cap}`;
}

/** The big figure on a coupon card: "¥50" or "8折". */
export const offerFace = (offer: CouponOffer): string => (offer.code === 'amount-off' ? formatYuan(offer.args.amountFen) : zhe(offer.args.percent));
