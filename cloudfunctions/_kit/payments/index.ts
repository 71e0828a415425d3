import { cloudPayProvider } from './cloudpay-adapter';
import { localPayProvider } from './local-adapter';
import type { PaymentProvider } from './port';

export * from './port';

/**
 * Which provider this function instance uses: `local` when the local gateway has set
 * LOCAL_PAY_URL (npm start, tests), otherwise cloudPay. Deployed functions never see LOCAL_PAY_URL.
 */
export function paymentProvider(): PaymentProvider {
  const local = process.env.LOCAL_PAY_URL;
  return local ? localPayProvider(local) : cloudPayProvider;
}

/** The function that receives WeChat Pay result callbacks (unifiedOrder's functionName). */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

/**
 * The function that receives refund results (CloudPay.refund's functionName: "接收退款异步通知回调的
 * 云函数"). Refunds requested before it existed named payCallback, which hands such events on.
 */
export const REFUND_CALLBACK_FUNCTION = 'refundCallback';
