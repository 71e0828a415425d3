import type { Envelope } from '@shared/errors/envelope';
import type { CouponTemplateInput, CouponTemplateStatus } from '@shared/promotions/coupon';
import type { ClaimableView, CouponQuote, CouponTemplateView, CouponView } from '@shared/promotions/views';
import type { CallFunction } from './cloud';

/** Typed calls to the `coupon` function: 我的优惠券, 领券, the checkout quote, and operators' templates. */
export type { ClaimableView, CouponQuote, CouponTemplateView, CouponView, QuoteOption } from '@shared/promotions/views';
export type { CouponDisplayStatus, CouponTemplateInput } from '@shared/promotions/coupon';

export interface CouponService {
  mine(): Promise<Envelope<{ coupons: CouponView[] }>>;
  claimable(): Promise<Envelope<{ templates: ClaimableView[] }>>;
  claim(templateId: string, requestId: string): Promise<Envelope<{ coupon: CouponView; created: boolean }>>;
  /** What each of my coupons does to this order (the server prices it; the client only shows it). */
  quote(items: Array<{ productId: string; qty: number }>): Promise<Envelope<CouponQuote>>;
  templates(): Promise<Envelope<{ templates: CouponTemplateView[] }>>;
  saveTemplate(template: CouponTemplateInput, requestId: string): Promise<Envelope<CouponTemplateView>>;
  setTemplateStatus(templateId: string, status: CouponTemplateStatus, requestId: string): Promise<Envelope<CouponTemplateView>>;
}

export const createCouponService = (call: CallFunction): CouponService => ({
  mine: () => call('coupon', { action: 'mine' }),
  claimable: () => call('coupon', { action: 'claimable' }),
  claim: (templateId, requestId) => call('coupon', { action: 'claim', templateId, requestId }),
  quote: (items) => call('coupon', { action: 'quote', items: items.map((i) => ({ ...i })) }),
  templates: () => call('coupon', { action: 'templates' }),
  saveTemplate: (template, requestId) => call('coupon', { action: 'saveTemplate', template: JSON.parse(JSON.stringify(template)), requestId }),
  setTemplateStatus: (templateId, status, requestId) => call('coupon', { action: 'setTemplateStatus', templateId, status, requestId }),
});
