import { payNotificationSchema, refundResultEventSchema } from '../schemas/payment';
import { action } from './contract';
import type { SystemReport } from './campaign';

/**
 * The WeChat Pay callbacks (SOURCE = wx_paycallback only). Their events are the platform's
 * (shared/schemas/payment.ts); the platform reads only `{errcode, errmsg}`, made from the envelope.
 */
export const payCallbackApi = {
  notify: action<SystemReport>()({ summary: '支付结果通知：核对订单与金额后入账（已支付即成功，不重复入账）。', auth: 'system', input: payNotificationSchema }),
  refundResult: action<SystemReport>()({ summary: '旧退款单的退款结果（在 refundCallback 存在之前申请的）。', auth: 'system', input: refundResultEventSchema }),
};
