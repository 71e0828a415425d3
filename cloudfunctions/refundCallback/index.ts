import { refundCallbackApi } from '../../shared/api/refund-callback';
import { serve } from '../_kit/contract-actions';
import { refundResult } from '../_payments/refund-result';
import { wechatAnswer } from '../_kit/payments/callback-answer';

/**
 * WeChat Pay refund results: CloudPay.refund names this function as `functionName` ("接收退款异步
 * 通知回调的云函数"). Only the pay-callback source is accepted (fixture event.refund-result: what
 * cloudPay sends here is inferred, see there). Answers `{errcode, errmsg}` like the pay callback;
 * anything but errcode 0 is redelivered — see refund-result.ts for which outcomes answer what.
 */
const handler = serve('refundCallback', refundCallbackApi, { result: { sources: ['pay-callback'], run: refundResult } });

export const actions = handler.actions;

export async function main(event: unknown, context: unknown): Promise<{ errcode: number; errmsg: string }> {
  const body = event && typeof event === 'object' && !Array.isArray(event) ? { ...(event as Record<string, unknown>) } : {};
  delete body.action;
  return wechatAnswer(await handler({ ...body, action: 'result' }, context));
}
