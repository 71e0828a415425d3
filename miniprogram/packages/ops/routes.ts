/** Back-office page URLs (all in the ops subpackage). */
export const OPS_PRODUCTS_URL = '/packages/ops/products/index';
export const productEditUrl = (productId?: string) => (productId ? `/packages/ops/product-edit/index?productId=${encodeURIComponent(productId)}` : '/packages/ops/product-edit/index');
export const OPS_ORDERS_URL = '/packages/ops/orders/index';
export const OPS_SHIPPING_UPLOADS_URL = '/packages/ops/shipping-uploads/index';
export const OPS_REFUNDS_URL = '/packages/ops/refunds/index';
/** 到店核销: check a member code, hand over pickups. */
export const OPS_PICKUP_URL = '/packages/ops/pickup/index';
export const OPS_SETTINGS_URL = '/packages/ops/settings/index';
export const settingsAreaUrl = (area: string) => `/packages/ops/settings-area/index?area=${encodeURIComponent(area)}`;
export const OPS_AUDIT_URL = '/packages/ops/audit/index';
export const auditUrl = (entity?: string, entityId?: string) =>
  entity ? `${OPS_AUDIT_URL}?entity=${encodeURIComponent(entity)}${entityId ? `&entityId=${encodeURIComponent(entityId)}` : ''}` : OPS_AUDIT_URL;
export const OPS_SEGMENTS_URL = '/packages/ops/segments/index';
export const segmentListUrl = (key: string) => `/packages/ops/segment-list/index?key=${encodeURIComponent(key)}`;
export const segmentCustomerUrl = (openid: string) => `/packages/ops/customer/index?openid=${encodeURIComponent(openid)}`;
export const wecomSyncUrl = (jobId?: string) => (jobId ? `/packages/ops/wecom-sync/index?jobId=${encodeURIComponent(jobId)}` : '/packages/ops/wecom-sync/index');
export const OPS_COUPONS_URL = '/packages/ops/coupons/index';
export const OPS_REPORTS_URL = '/packages/ops/reports/index';
export const OPS_CAMPAIGNS_URL = '/packages/ops/campaigns/index';
export const CAMPAIGN_NEW_URL = '/packages/ops/campaign-edit/index';
export const campaignEditUrl = (campaignId: string) => `${CAMPAIGN_NEW_URL}?campaignId=${encodeURIComponent(campaignId)}`;
export const campaignUrl = (campaignId: string) => `/packages/ops/campaign/index?campaignId=${encodeURIComponent(campaignId)}`;
/** 上线检查: every production prerequisite as done / missing / to confirm. */
export const OPS_LAUNCH_URL = '/packages/ops/launch/index';
/** 一对一跟进 (issue 19): the lists, one list's customers, one customer's card, a new list, the execution view. */
export { OPS_FOLLOWUPS_URL } from '../../format/routes';
export const followupListUrl = (listId: string) => `/packages/ops/followup/index?listId=${encodeURIComponent(listId)}`;
export const followupCustomerUrl = (listId: string, openid: string) => `/packages/ops/followup-customer/index?listId=${encodeURIComponent(listId)}&openid=${encodeURIComponent(openid)}`;
export const followupNewUrl = (preset: { goal?: string; segment?: string; openid?: string } = {}) => {
  const q = Object.entries(preset).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`);
  return `/packages/ops/followup-new/index${q.length ? `?${q.join('&')}` : ''}`;
};
export const followupExecutionUrl = (listId: string) => `/packages/ops/followup-execution/index?listId=${encodeURIComponent(listId)}`;
/** 续费: renewals by expiry period (report.renewals). */
export const OPS_RENEWALS_URL = '/packages/ops/renewals/index';
/** 新建跟进任务 for a goal and a segment key, e.g. ('renewal', 'member:expiring'). */
export const followupNew = (goal: string, segment: string) => followupNewUrl({ goal, segment });
