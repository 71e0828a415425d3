import { couponApi } from '../../shared/api/coupon';
import { settlesEvents } from '../_consumers/settle';
import { serve } from '../_kit/contract-actions';
import { claim, claimable, mine, quote } from './customer';
import { issueToCustomer, listTemplates, saveTemplate, setTemplateStatus } from './templates';

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
 * Coupons (issue 6, shared/api/coupon.ts). Campaigns issue through the same transactional
 * `issueCoupon` (cloudfunctions/_coupons/issue.ts).
 */
export const main = serve('coupon', couponApi, {
  mine: { run: mine },
  claimable: { run: claimable },
  claim: { run: settlesEvents(claim) },
  quote: { run: quote },
  templates: { run: listTemplates },
  saveTemplate: { labels: TEMPLATE_LABELS, run: saveTemplate },
  setTemplateStatus: { run: setTemplateStatus },
  issue: { run: issueToCustomer },
});
