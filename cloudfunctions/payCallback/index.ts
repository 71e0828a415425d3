import { fail, ok, type Result } from '../../shared/errors/result';
import { payCallbackApi } from '../../shared/api/pay-callback';
import { looksLikeRefundResult, type PayNotification } from '../../shared/schemas/payment';
import type { ActionContext } from '../_kit';
import { serve } from '../_kit/contract-actions';
import { settleEventsOf } from '../_consumers/settle';
import { driveRefund } from '../_payments/refund-lifecycle';
import { applyPayment, type PaymentOutcome } from '../_payments/apply-payment';
import { refundResult } from '../_payments/refund-result';
import { wechatAnswer } from '../_kit/payments/callback-answer';
import { driveShippingUpload } from '../_orders/shipping-uploads';

/**
 * WeChat Pay result callback (cloudPay delivers it to this function with SOURCE = wx_paycallback). Only
 * the pay-callback source is accepted; the order, amount and state are verified in the payment
 * transaction. The platform expects `{errcode: 0}`; anything else makes it redeliver later.
 */
async function notify(n: PayNotification, ctx: ActionContext): Promise<Result<PaymentOutcome>> {
  const outcome = await applyPayment(ctx.db, n, await ctx.settings(), ctx.now());
  ctx.log.log(outcome.outcome === 'rejected' ? 'warn' : 'info', 'pay notification', { outTradeNo: n.outTradeNo, outcome: outcome.outcome, ...(outcome.outcome === 'rejected' ? { reason: outcome.reason } : {}) });
  if (outcome.outcome === 'rejected') return fail('INVALID_INPUT', `payment rejected: ${outcome.reason}`);
  // Money that arrived for an order that can no longer take it goes straight back.
  if (outcome.outcome === 'refunding') await driveRefund(ctx.db, outcome.refundId, ctx.now, ctx.log).catch((e) =>
    // The refund is recorded; a failed send is re-driven by the sweep. The payment itself is applied.
    ctx.log.log('error', 'late-payment refund send failed', { refundId: outcome.refundId, error: e instanceof Error ? e.message : String(e) }),
  );
  if (outcome.outcome === 'applied') {
    await settleEventsOf(ctx, outcome.order.openid);
    // Virtual goods: tell WeChat they were delivered. Never fails the callback — the payment is
    // applied; a refused or failed upload is recorded and retried by the sweep.
    if (outcome.shippingUpload) {
      await driveShippingUpload(ctx.db, outcome.shippingUpload._id, ctx.now, ctx.log, { fn: ctx.fn, leased: outcome.shippingUpload }).catch((e) =>
        ctx.log.log('error', 'shipping upload after payment failed', { orderId: outcome.order._id, error: e instanceof Error ? e.message : String(e) }),
      );
    }
  }
  return ok(outcome);
}

const handler = serve('payCallback', payCallbackApi, {
  notify: { sources: ['pay-callback'], run: notify },
  // Refunds requested before refundCallback existed named this function as their functionName:
  // their results arrive here and go to the same use case (never rejected, which would make
  // WeChat redeliver them for two days).
  refundResult: { sources: ['pay-callback'], run: refundResult },
});

export const actions = handler.actions;

export async function main(event: unknown, context: unknown): Promise<{ errcode: number; errmsg: string }> {
  const body = event && typeof event === 'object' && !Array.isArray(event) ? { ...(event as Record<string, unknown>) } : {};
  delete body.action;
  return wechatAnswer(await handler({ ...body, action: looksLikeRefundResult(body) ? 'refundResult' : 'notify' }, context));
}
