import Taro from '@tarojs/taro';
import type { AddressFields } from '@shared/gifts/address-book';
import { fromWechatAddress, type WechatAddress } from '../format/delivery';

/**
 * WeChat's own address sheet (wx.chooseAddress), behind a service so stores are tested with a fake
 * (DESIGN rule 10). Only the weapp build has it — the H5 build shows no such button. It is a
 * privacy API: declared in app.config.ts `requiredPrivateInfos` and in the 用户隐私保护指引
 * (docs/privacy.md); WeChat may hold the call for the privacy prompt (PrivacyPopup).
 */
export interface WechatAddressService {
  readonly available: boolean;
  /** The address the customer picked, as form fields; undefined when they closed the sheet (or it failed). */
  choose(): Promise<AddressFields | undefined>;
}

export const wechatAddressService: WechatAddressService = {
  available: process.env.TARO_ENV === 'weapp',
  choose() {
    if (process.env.TARO_ENV !== 'weapp') return Promise.resolve(undefined);
    // Callbacks, as for chooseMedia: Taro 4 leaves promisifying to the base library on weapp.
    return new Promise((resolve) => {
      const done = Taro.chooseAddress({
        success: (res) => resolve(fromWechatAddress(res as WechatAddress)),
        // 'chooseAddress:fail cancel' (closed) or a refusal: the form stays as it was.
        fail: () => resolve(undefined),
      }) as unknown as Promise<unknown> | undefined;
      // Taro also returns a promise that rejects on `fail`: already answered above, so swallow it
      // (an unhandled rejection would surface as an error on every closed sheet).
      if (done && typeof done.then === 'function') done.then(undefined, () => undefined);
    });
  },
};
