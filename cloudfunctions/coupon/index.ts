import { z } from 'zod';
import { couponTemplateInputSchema } from '../../shared/promotions/coupon';
import { productIdSchema } from '../../shared/schemas/product';
import { settlesEvents } from '../_events/settle';
import { action, createHandler } from '../_kit';
import { requestIdSchema } from '../_kit/input';
import { claim, claimable, mine, quote } from './customer';
import { issueToCustomer, listTemplates, saveTemplate, setTemplateStatus } from './templates';

const templateId = z.string().regex(/^cpt_[a-z0-9]{10,40}$/, '优惠券编号格式不正确');
const items = z.array(z.object({ productId: productIdSchema, qty: z.number().int().min(1).max(99) }).strict()).min(1).max(20);

/** Readable names for INVALID_INPUT messages of the template form. */
const TEMPLATE_LABELS = {
  template: '优惠券',
  name: '券名称',
  offer: '优惠方式',
  args: '优惠内容',
  amountFen: '减免金额（分）',
  percent: '折扣（%）',
  maxOffFen: '最多减（分）',
  minSpendFen: '使用门槛（分）',
  productIds: '适用商品',
  nextPurchaseOnly: '仅限下一笔订单',
  validity: '有效期',
  from: '开始时间',
  until: '结束时间',
  days: '有效天数',
  perCustomerLimit: '每人限领',
  totalQuantity: '发放总量',
  claimable: '可自助领取',
};

/**
 * Coupons (issue 6). Customers: 我的优惠券 (`mine`), 领券中心 (`claimable`, `claim`) and the
 * checkout picker (`quote`); order.create takes the chosen `couponId`. Operators: templates
 * (`templates`, `saveTemplate`, `setTemplateStatus`) and one-off grants (`issue`). Campaigns issue
 * through the same transactional `issueCoupon` (cloudfunctions/_coupons/issue.ts).
 */
export const main = createHandler({
  name: 'coupon',
  actions: {
    mine: action({ input: z.object({}).strict(), auth: 'customer', run: mine }),
    claimable: action({ input: z.object({}).strict(), auth: 'customer', run: claimable }),
    claim: action({ input: z.object({ templateId, requestId: requestIdSchema }).strict(), auth: 'customer', run: settlesEvents(claim) }),
    quote: action({ input: z.object({ items }).strict(), auth: 'customer', run: quote }),

    templates: action({ input: z.object({}).strict(), auth: 'operator', run: listTemplates }),
    saveTemplate: action({ input: z.object({ template: couponTemplateInputSchema, requestId: requestIdSchema }).strict(), labels: TEMPLATE_LABELS, auth: 'operator', run: saveTemplate }),
    setTemplateStatus: action({ input: z.object({ templateId, status: z.enum(['active', 'paused']), requestId: requestIdSchema }).strict(), auth: 'operator', run: setTemplateStatus }),
    issue: action({ input: z.object({ templateId, openid: z.string().min(1).max(64), requestId: requestIdSchema }).strict(), auth: 'operator', run: issueToCustomer }),
  },
});
