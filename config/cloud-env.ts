/**
 * Which CloudBase environment the weapp build calls (`CLOUD_ENV`, used by `Taro.cloud.init` in
 * miniprogram/app.ts). A weapp build without a real env id used to ship the placeholder
 * 'your-env-id' silently — every cloud call of every customer then fails — so it is an error.
 * Other platforms (the H5 build of local mode) call the local gateway and never read it.
 * Test builds pass TCB_ENV_ID=local-test (scripts/test.sh, the simulate tests' build).
 */
const PLACEHOLDERS = new Set(['your-env-id', '<env-id>', '<tcb_env_id>', 'env-id']);

export function cloudEnvFor(input: { platform: string; tcbEnvId: string | undefined }): string {
  const id = input.tcbEnvId?.trim() ?? '';
  if (input.platform !== 'weapp') return id;
  if (!id || PLACEHOLDERS.has(id.toLowerCase()))
    throw new Error(
      [
        `微信小程序构建需要云开发环境 ID：请设置 TCB_ENV_ID，例如 TCB_ENV_ID=prod-1a2b3c npm run build:weapp（环境 ID 见云开发控制台）。`,
        `The weapp build needs the CloudBase environment id: set TCB_ENV_ID, e.g. TCB_ENV_ID=prod-1a2b3c npm run build:weapp.` +
          (id ? ` "${id}" is a placeholder.` : ' It is not set.') +
          ` Without it every cloud call of the Mini Program would go to an environment that does not exist.`,
      ].join('\n'),
    );
  return id;
}
