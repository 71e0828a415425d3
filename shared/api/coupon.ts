import { z } from 'zod';
import { couponTemplateInputSchema } from '../promotions/coupon';
import type { ClaimableView, CouponQuote, CouponTemplateView, CouponView } from '../promotions/views';
import { action } from './contract';
import { noInput, openidSchema, orderLinesSchema, requestIdSchema } from './common';

const templateId = z.string().regex(/^cpt_[a-z0-9]{10,40}$/, '优惠券编号格式不正确');
const CLAIMING = ['COUPON_NOT_CLAIMABLE', 'COUPON_EXPIRED', 'COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED'] as const;

/**
 * The `coupon` function (issue 6). Customers: 我的优惠券, 领券中心 and the checkout picker
 * (order.create takes the chosen `couponId`). Operators: templates and one-off grants.
 */
export const couponApi = {
  mine: action<{ coupons: CouponView[] }>()({ summary: '我的优惠券。', auth: 'customer', input: noInput }),
  claimable: action<{ templates: ClaimableView[] }>()({ summary: '领券中心：可自助领取的券。', auth: 'customer', input: noInput }),
  claim: action<{ coupon: CouponView; created: boolean }>()({
    summary: '领取一张券（同一 requestId 重试返回同一张）。',
    auth: 'customer',
    input: z.object({ templateId, requestId: requestIdSchema }).strict(),
    errors: [...CLAIMING, 'ACCOUNT_DELETION_IN_PROGRESS'],
  }),
  quote: action<CouponQuote>()({ summary: '结算页：我的每张券对这笔订单的效果（服务器定价）。', auth: 'customer', input: z.object({ items: orderLinesSchema }).strict() }),
  templates: action<{ templates: CouponTemplateView[] }>()({ summary: '优惠券模板（运营）。', auth: 'operator', input: noInput }),
  saveTemplate: action<CouponTemplateView>()({ summary: '新建或修改模板。', auth: 'operator', input: z.object({ template: couponTemplateInputSchema, requestId: requestIdSchema }).strict() }),
  setTemplateStatus: action<CouponTemplateView>()({
    summary: '启用或暂停模板。',
    auth: 'operator',
    input: z.object({ templateId, status: z.enum(['active', 'paused']), requestId: requestIdSchema }).strict(),
  }),
  issue: action<{ coupon: CouponView; created: boolean }>()({
    summary: '向一位顾客发一张券。',
    auth: 'operator',
    input: z.object({ templateId, openid: openidSchema, requestId: requestIdSchema }).strict(),
    errors: CLAIMING,
  }),
};
