/**
 * wx-server-sdk, loaded lazily and initialised once per function instance, for the platform
 * capabilities only WeChat's cloud offers: cloudPay (payments) and cloud-call openapi (shipping
 * info). Local mode never loads it (adapters there talk to the local simulators); bundles list it
 * as a dependency for the platform to install.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WxCloud = { init(o: unknown): void; DYNAMIC_CURRENT_ENV: unknown; cloudPay: any; openapi: any };

let cloud: WxCloud | undefined;

export function wxCloud(): WxCloud {
  if (!cloud) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as WxCloud;
    sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
    cloud = sdk;
  }
  return cloud;
}
