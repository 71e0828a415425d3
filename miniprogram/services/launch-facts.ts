import type { LaunchClientFacts } from '@shared/ops/launch-checklist';
import type { Platform } from './index';
import type { PrivacyAuthService } from './privacy-auth';

/**
 * What only the phone can tell 上线检查: the env id this build talks to (CLOUD_ENV, from
 * TCB_ENV_ID at build time) and what wx.getPrivacySetting says about the declared privacy guide.
 * The browser build (local mode) reports only its platform.
 */
export async function readLaunchFacts(platform: Platform, privacy: PrivacyAuthService): Promise<LaunchClientFacts> {
  if (platform !== 'weapp') return { platform: 'h5' };
  const envId = typeof CLOUD_ENV === 'string' ? CLOUD_ENV.slice(0, 100) : undefined;
  const p = await privacy.setting();
  return {
    platform: 'weapp',
    ...(envId !== undefined ? { envId } : {}),
    ...(p.ok ? { privacyNeedsAuthorization: p.needAuthorization, ...(p.privacyContractName ? { privacyContractName: p.privacyContractName } : {}) } : { privacyError: p.reason }),
  };
}
