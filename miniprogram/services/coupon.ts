import type { couponApi } from '@shared/api/coupon';
import type { CouponTemplateInput, CouponTemplateStatus } from '@shared/promotions/coupon';
import { callerOf, type In, type Out } from './api-call';
import type { CallFunction } from './cloud';

/** Typed calls to the `coupon` function (shared/api/coupon.ts): 我的优惠券, 领券, the checkout quote, and operators' templates. */
export type { ClaimableView, CouponQuote, CouponTemplateView, CouponView, QuoteOption } from '@shared/promotions/views';
export type { CouponDisplayStatus, CouponTemplateInput } from '@shared/promotions/coupon';

type Api = typeof couponApi;

export interface CouponService {
  mine(): Out<Api, 'mine'>;
  claimable(): Out<Api, 'claimable'>;
  claim(templateId: string, requestId: string): Out<Api, 'claim'>;
  /** What each of my coupons does to this order (the server prices it; the client only shows it). */
  quote(items: In<Api, 'quote'>['items']): Out<Api, 'quote'>;
  templates(): Out<Api, 'templates'>;
  saveTemplate(template: CouponTemplateInput, requestId: string): Out<Api, 'saveTemplate'>;
  setTemplateStatus(templateId: string, status: CouponTemplateStatus, requestId: string): Out<Api, 'setTemplateStatus'>;
}

export const createCouponService = (call: CallFunction): CouponService => {
  const coupon = callerOf<Api>(call, 'coupon');
  return {
    mine: () => coupon('mine'),
    claimable: () => coupon('claimable'),
    claim: (templateId, requestId) => coupon('claim', { templateId, requestId }),
    quote: (items) => coupon('quote', { items: items.map((i) => ({ ...i })) }),
    templates: () => coupon('templates'),
    saveTemplate: (template, requestId) => coupon('saveTemplate', { template: JSON.parse(JSON.stringify(template)) as CouponTemplateInput, requestId }),
    setTemplateStatus: (templateId, status, requestId) => coupon('setTemplateStatus', { templateId, status, requestId }),
  };
};
