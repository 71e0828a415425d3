import Taro from '@tarojs/taro';
import type { PaymentHandle } from '@shared/schemas/payment';

/**
 * Paying a WeChat payment handle (`payment` from order.create / membership.buy / wallet.topUp /
 * order.pay). Like cloud.ts, this module knows the platform so nothing else has to:
 * - weapp: `Taro.requestPayment(params)` — WeChat shows its own cashier.
 * - H5 (local mode): there is no WeChat; the app shows a pay sheet (模拟微信支付) through
 *   `confirm`, and 确认支付 asks the local WeChat Pay simulator to pay, which delivers the payment
 *   callback to the callback function exactly as the platform would. The simulator verifies
 *   `paySign`, so the params are sent back unchanged.
 * Either way the result only says what happened at the cashier; whether the order is paid is the
 * server's word (the callback may land later), so callers then poll the order.
 * Never throws.
 */
export type PayResult =
  | { kind: 'paid' }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

/** Shows the app's own pay sheet and resolves true on 确认支付, false on 取消. */
export type ConfirmPayment = (payment: PaymentHandle) => Promise<boolean>;

export interface PayService {
  pay(payment: PaymentHandle, confirm: ConfirmPayment): Promise<PayResult>;
}

const FAILED_LATER = '请稍后在「我的订单」中继续支付。';

export const createPayService = (): PayService => ({
  pay: process.env.TARO_ENV === 'h5' ? paySimulated : payInWechat,
});

async function payInWechat(payment: PaymentHandle): Promise<PayResult> {
  if (payment.provider !== 'cloudpay') {
    // A local-simulator handle cannot be paid in WeChat (a weapp build pointed at a dev backend).
    return { kind: 'failed', message: `当前环境未接入微信支付，${FAILED_LATER}` };
  }
  // Taro 4.2.1 does not promisify requestPayment (it passes straight through to wx), so the result
  // comes from the callbacks; a promise WeChat may also return is settled by them and ignored.
  const outcome = await new Promise<{ ok: true } | { ok: false; errMsg: string }>((resolve) => {
    try {
      const returned: unknown = Taro.requestPayment({
        ...payment.params,
        success: () => resolve({ ok: true }),
        fail: (e) => resolve({ ok: false, errMsg: String((e as { errMsg?: unknown } | undefined)?.errMsg ?? '') }),
      });
      if (returned && typeof (returned as Promise<unknown>).then === 'function') (returned as Promise<unknown>).then(undefined, () => undefined);
    } catch (e) {
      resolve({ ok: false, errMsg: String((e as { errMsg?: unknown } | undefined)?.errMsg ?? e) });
    }
  });
  if (outcome.ok) return { kind: 'paid' };
  // 'requestPayment:fail cancel': the customer closed the cashier; the order stays payable.
  if (/cancel/i.test(outcome.errMsg)) return { kind: 'cancelled' };
  return { kind: 'failed', message: `微信支付未完成，${FAILED_LATER}` };
}

async function paySimulated(payment: PaymentHandle, confirm: ConfirmPayment): Promise<PayResult> {
  if (payment.provider !== 'local') {
    return { kind: 'failed', message: `请在微信中打开小程序完成支付，${FAILED_LATER}` };
  }
  if (!(await confirm(payment))) return { kind: 'cancelled' };
  try {
    const res = await fetch(`/local/pay/${encodeURIComponent(payment.outTradeNo)}/succeed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payment.params),
    });
    if (res.ok) return { kind: 'paid' };
    const body = (await res.json().catch(() => undefined)) as { error?: { message?: unknown } } | undefined;
    // 409 "已支付": an earlier tap went through (e.g. its reply was lost). The order poll decides.
    if (res.status === 409) return { kind: 'paid' };
    const reason = typeof body?.error?.message === 'string' ? body.error.message.replace(/[。.]\s*$/, '') : '支付模拟器无响应';
    return { kind: 'failed', message: `支付未完成（${reason}），${FAILED_LATER}` };
  } catch {
    return { kind: 'failed', message: `网络异常，支付结果未知，${FAILED_LATER}` };
  }
}
