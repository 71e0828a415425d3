import { localShippingProvider } from './local-adapter';
import type { ShippingProvider } from './port';
import { wechatShippingProvider } from './wechat-adapter';

export * from './port';

/**
 * `local` when the local gateway has set LOCAL_SHIPPING_URL (npm start, tests); otherwise WeChat's
 * cloud call. Deployed functions never see LOCAL_SHIPPING_URL.
 */
export function shippingProvider(): ShippingProvider {
  const local = process.env.LOCAL_SHIPPING_URL;
  return local ? localShippingProvider(local) : wechatShippingProvider;
}
