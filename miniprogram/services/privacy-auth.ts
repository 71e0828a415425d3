import Taro from '@tarojs/taro';

/** What WeChat's privacy prompt is told: the customer agreed (through our agree button) or not. */
export type PrivacyResolution = { event: 'agree'; buttonId: string } | { event: 'disagree' } | { event: 'exposureAuthorization' };

export type PrivacyListener = (resolve: (r: PrivacyResolution) => void, info: { referrer?: string }) => void;

/**
 * WeChat's privacy authorization (用户隐私保护指引): before a privacy API (chooseMedia, …) runs for a
 * customer who has not agreed yet, WeChat holds the call and asks the app — through
 * `wx.onNeedPrivacyAuthorization` — to show its own prompt and report the answer. The one place that
 * knows the platform: weapp registers the listener; H5 has no such flow (no-op).
 */
/** wx.getPrivacySetting's answer (base library ≥ 2.32.3), or why it could not be read. */
export type PrivacySetting = { ok: true; needAuthorization: boolean; privacyContractName?: string } | { ok: false; reason: string };

export interface PrivacyAuthService {
  /** Registers the listener once (app start). False where the platform has no such flow. */
  onNeed(listener: PrivacyListener): boolean;
  /** Opens the privacy guide the Mini Program declared in the MP console. */
  openContract(): void;
  /** What WeChat says about the declared guide (上线检查 reads it; only weapp can). */
  setting(): Promise<PrivacySetting>;
}

type WxPrivacy = {
  onNeedPrivacyAuthorization?: (l: PrivacyListener) => void;
  openPrivacyContract?: (o: object) => void;
  getPrivacySetting?: (o: { success: (r: { needAuthorization?: unknown; privacyContractName?: unknown }) => void; fail: (e: { errMsg?: string }) => void }) => void;
};

export const privacyAuthService: PrivacyAuthService = {
  onNeed(listener) {
    if (process.env.TARO_ENV !== 'weapp') return false;
    // Base libraries before 2.32.3 have no such API (and no privacy prompt either).
    const api = (Taro as unknown as WxPrivacy).onNeedPrivacyAuthorization;
    if (typeof api !== 'function') return false;
    api(listener);
    return true;
  },
  openContract() {
    if (process.env.TARO_ENV !== 'weapp') return;
    (Taro as unknown as WxPrivacy).openPrivacyContract?.({});
  },
  setting() {
    if (process.env.TARO_ENV !== 'weapp') return Promise.resolve({ ok: false, reason: '浏览器中无法读取' });
    const api = (Taro as unknown as WxPrivacy).getPrivacySetting;
    if (typeof api !== 'function') return Promise.resolve({ ok: false, reason: '当前基础库没有 wx.getPrivacySetting' });
    // Callback style only (the docs: 「以 Promise 风格调用：不支持」).
    return new Promise((resolve) => {
      api({
        success: (r) =>
          resolve({
            ok: true,
            needAuthorization: r.needAuthorization === true,
            ...(typeof r.privacyContractName === 'string' && r.privacyContractName ? { privacyContractName: r.privacyContractName.slice(0, 200) } : {}),
          }),
        fail: (e) => resolve({ ok: false, reason: (e?.errMsg ?? 'getPrivacySetting:fail').slice(0, 200) }),
      });
    });
  },
};
