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

/** The function that receives WeChat Pay result callbacks. */
export const PAY_CALLBACK_FUNCTION = 'payCallback';
