import { refundResultEventSchema } from '../schemas/payment';
import { action } from './contract';
import type { SystemReport } from './campaign';

/** `refundCallback`: CloudPay.refund names it as `functionName` for refund results. */
export const refundCallbackApi = {
  result: action<SystemReport>()({ summary: '退款结果通知。', auth: 'system', input: refundResultEventSchema }),
};
