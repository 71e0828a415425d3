import tcb from '@cloudbase/node-sdk';

/**
 * The real SDK pointed at an emulator URL. Dummy keys because the SDK crashes the process without
 * any; TENCENTCLOUD=true stops it probing the cloud metadata host before every request.
 */
export function createLocalSdkApp(url: string): ReturnType<typeof tcb.init> {
  process.env.TENCENTCLOUD = 'true';
  return tcb.init({ env: 'local', serviceUrl: url, secretId: 'local', secretKey: 'local' } as never);
}
