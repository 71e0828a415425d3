import { cloudEnvFor } from '../../config/cloud-env';

describe('the CloudBase env id a weapp build ships (config/cloud-env.ts)', () => {
  test('a weapp build without TCB_ENV_ID, or with a placeholder, fails with what to set', () => {
    for (const tcbEnvId of [undefined, '', '   ', 'your-env-id', '<env-id>'])
      expect(() => cloudEnvFor({ platform: 'weapp', tcbEnvId })).toThrow(/请设置 TCB_ENV_ID[\s\S]*set TCB_ENV_ID, e\.g\. TCB_ENV_ID=prod-1a2b3c npm run build:weapp/);
  });

  test('a weapp build with an env id uses it; the H5 build (local gateway) needs none', () => {
    expect(cloudEnvFor({ platform: 'weapp', tcbEnvId: ' prod-1a2b3c ' })).toBe('prod-1a2b3c');
    expect(cloudEnvFor({ platform: 'h5', tcbEnvId: undefined })).toBe('');
  });
});
