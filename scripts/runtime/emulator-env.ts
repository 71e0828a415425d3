/**
 * The process environment a bundle gets when the harness runs it against the local emulator —
 * the same variables the platform gives a deployed function, pointed at the emulator. Nothing is
 * inherited from the test process (in particular not TCB_LOCAL_URL), so the bundle takes its
 * production code paths: `tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })`, env id from SCF_NAMESPACE,
 * keys from TENCENTCLOUD_SECRETID/SECRETKEY, endpoint from TCB_CONTEXT_CNFG (@cloudbase/node-sdk
 * 3.18 dist/utils/tcbcontext.js getServerInjectUrl; shared/PLATFORM.md "The handler context").
 */
export interface EmulatorCredentials {
  secretId: string;
  secretKey: string;
}

/** The keys the emulator accepts: this start's pair (local/server.ts generates one per start). */
export function emulatorCredentials(server: { credentials: EmulatorCredentials }): EmulatorCredentials {
  return { secretId: server.credentials.secretId, secretKey: server.credentials.secretKey };
}

export function bundleEnv(o: { emulatorUrl: string; envId: string; credentials: EmulatorCredentials; extra?: Record<string, string> }): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: o.emulatorUrl }),
    SCF_NAMESPACE: o.envId,
    TENCENTCLOUD_SECRETID: o.credentials.secretId,
    TENCENTCLOUD_SECRETKEY: o.credentials.secretKey,
    // The SDK would otherwise probe the cloud metadata host before requests (DESIGN.md toolchain facts).
    TENCENTCLOUD: 'true',
    // TENCENTCLOUD_RUNENV=SCF is not set: the SDK then expects TENCENTCLOUD_REGION and logs errors
    // without it, and nothing the bundles do needs it.
    LOG_LEVEL: 'silent',
    ...o.extra,
  };
}
