import { formatDateTime } from '../time';
import { COUPON_STATUS_LABELS, displayStatus, offerFace, offerLabel, type CouponDisplayStatus, type CouponDoc, type CouponTemplate, type CouponTemplateStatus, type CouponValidity } from './coupon';
import type { CouponStacking } from './pricing';

/** What the `coupon` function answers (server and Mini Program import these; no internals). */
export interface CouponView {
  couponId: string;
  templateId: string;
  name: string;
  /** "满¥300减¥50" */
  offerLabel: string;
  /** "¥50" / "8折" */
  face: string;
  minSpendFen: number;
  nextPurchaseOnly: boolean;
  scope: string;
  status: CouponDisplayStatus;
  statusLabel: string;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  orderId?: string;
  usedAt?: number;
  discountFen?: number;
}

const scopeOf = (c: Pick<CouponDoc['rule'], 'productIds'>) => (c.productIds ? '指定商品可用' : '全场商品可用（体验装除外）');

export function toCouponView(c: CouponDoc, now: number, lastProductPaidAt?: number): CouponView {
  const status = displayStatus(c, now, lastProductPaidAt);
  return {
    couponId: c._id,
    templateId: c.templateId,
    name: c.rule.name,
    offerLabel: offerLabel(c.rule),
    face: offerFace(c.rule.offer),
    minSpendFen: c.rule.minSpendFen,
    nextPurchaseOnly: c.rule.nextPurchaseOnly,
    scope: scopeOf(c.rule),
    status,
    statusLabel: COUPON_STATUS_LABELS[status],
    issuedAt: c.issuedAt,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    ...(c.orderId ? { orderId: c.orderId } : {}),
    ...(c.usedAt !== undefined && c.status === 'used' ? { usedAt: c.usedAt } : {}),
    ...(c.discountFen !== undefined && c.status === 'used' ? { discountFen: c.discountFen } : {}),
  };
}

/** "领取后 7 天内有效" · "2026-01-01 00:00 至 2026-01-31 23:59". */
export const validityText = (v: CouponValidity): string => (v.kind === 'days' ? `领取后 ${v.days} 天内有效` : `${formatDateTime(v.from)} 至 ${formatDateTime(v.until)}`);

/** A published template in 领券中心, from the caller's point of view. */
export interface ClaimableView {
  templateId: string;
  name: string;
  offerLabel: string;
  face: string;
  scope: string;
  validityText: string;
  nextPurchaseOnly: boolean;
  perCustomerLimit: number;
  /** How many the caller already holds of it. */
  claimedCount: number;
  /** Left to claim, when the template has a total quantity. */
  remaining?: number;
  canClaim: boolean;
  /** Why not (已领取 / 已领完), when canClaim is false. */
  note?: string;
}

export function toClaimableView(t: CouponTemplate, claimedCount: number, issuedTotal: number | undefined): ClaimableView {
  const remaining = t.totalQuantity !== undefined ? Math.max(0, t.totalQuantity - (issuedTotal ?? 0)) : undefined;
  const limitReached = claimedCount >= t.perCustomerLimit;
  const soldOut = remaining === 0;
  return {
    templateId: t._id,
    name: t.name,
    offerLabel: offerLabel(t),
    face: offerFace(t.offer),
    scope: scopeOf(t),
    validityText: validityText(t.validity),
    nextPurchaseOnly: t.nextPurchaseOnly,
    perCustomerLimit: t.perCustomerLimit,
    claimedCount,
    ...(remaining !== undefined ? { remaining } : {}),
    canClaim: !limitReached && !soldOut,
    ...(limitReached ? { note: '已领取' } : soldOut ? { note: '已领完' } : {}),
  };
}

/** One of the caller's coupons as the checkout shows it for the current order. */
export interface QuoteOption {
  couponId: string;
  name: string;
  offerLabel: string;
  face: string;
  validUntil: number;
  applies: boolean;
  /** What the coupon takes off this order (0 when it does not apply). */
  discountFen: number;
  /** The order total with this coupon. */
  totalFen: number;
  /** Cheaper than without a coupon by this much (member price already counted). */
  savingFen: number;
  /** Why it does not apply, or what it does ("已减¥50"). */
  message: string;
}

export interface CouponQuote {
  stacking: CouponStacking;
  /** The stacking rule said plainly, e.g. 会员价与优惠券二选一，自动为您选更省的. */
  stackingLabel: string;
  memberActive: boolean;
  /** The order total without a coupon (member price if a member). */
  totalFen: number;
  /** Applicable first (biggest saving first), then the others with their reason. */
  options: QuoteOption[];
  /** The coupon that saves the most, if any applies. */
  bestCouponId?: string;
}

/** A template in the back office, with how many were issued and used. */
export interface CouponTemplateView {
  templateId: string;
  name: string;
  offerLabel: string;
  face: string;
  minSpendFen: number;
  scope: string;
  validityText: string;
  perCustomerLimit: number;
  totalQuantity?: number;
  claimable: boolean;
  nextPurchaseOnly: boolean;
  status: CouponTemplateStatus;
  issued: number;
  used: number;
  createdAt: number;
}

export function toTemplateView(t: CouponTemplate, issued: number, used: number): CouponTemplateView {
  return {
    templateId: t._id,
    name: t.name,
    offerLabel: offerLabel(t),
    face: offerFace(t.offer),
    minSpendFen: t.minSpendFen,
    scope: scopeOf(t),
    validityText: validityText(t.validity),
    perCustomerLimit: t.perCustomerLimit,
    ...(t.totalQuantity !== undefined ? { totalQuantity: t.totalQuantity } : {}),
    claimable: t.claimable,
    nextPurchaseOnly: t.nextPurchaseOnly,
    status: t.status,
    issued,
    used,
    createdAt: t.createdAt,
  };
}
