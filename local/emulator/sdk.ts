import tcb from '@cloudbase/node-sdk';
import type { TcbCredentials } from './credentials';

/**
 * The real SDK pointed at an emulator URL, for tools and tests that talk to the store from
 * outside the functions (verifiers, benches, conformance tests). It signs every request with the
 * emulator's key pair — from `server.credentials` / `emulator.credentials`, or another process's
 * `<DATA_DIR>/tcb-credentials.json` (readCredentialsFile) — exactly as it would sign for CloudBase.
 * TENCENTCLOUD=true stops it probing the cloud metadata host before every request.
 */
export function createLocalSdkApp(url: string, credentials: TcbCredentials): ReturnType<typeof tcb.init> {
  process.env.TENCENTCLOUD = 'true';
  return tcb.init({ env: 'local', serviceUrl: url, secretId: credentials.secretId, secretKey: credentials.secretKey });
}
