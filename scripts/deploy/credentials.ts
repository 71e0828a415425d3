/** What a real deploy needs from the deployer's environment before it does anything, and how to say so. */
export const CREDENTIAL_VARS: Array<{ name: string; zh: string; en: string }> = [
  { name: 'TCB_ENV_ID', zh: '云开发环境 ID（见云开发控制台）', en: 'CloudBase environment id' },
  { name: 'TENCENTCLOUD_SECRETID', zh: '腾讯云 API 密钥 SecretId（访问管理 → API 密钥管理）', en: 'Tencent Cloud API key SecretId' },
  { name: 'TENCENTCLOUD_SECRETKEY', zh: '腾讯云 API 密钥 SecretKey', en: 'Tencent Cloud API key SecretKey' },
];

export function missingCredentials(env: Record<string, string | undefined>): string[] {
  return CREDENTIAL_VARS.filter((v) => !env[v.name]?.trim()).map((v) => v.name);
}

export function credentialsHelp(missing: string[]): string {
  const rows = CREDENTIAL_VARS.filter((v) => missing.includes(v.name)).map((v) => `  ${v.name.padEnd(24)} ${v.zh} / ${v.en}`);
  return [
    `部署失败：缺少环境变量 ${missing.join(', ')}。`,
    `deploy failed: missing environment variable(s) ${missing.join(', ')}. Nothing was changed.`,
    ...rows,
    '例 / e.g.:',
    '  TCB_ENV_ID=<env-id> TENCENTCLOUD_SECRETID=<id> TENCENTCLOUD_SECRETKEY=<key> WECHAT_PAY_SUB_MCH_ID=<商户号> npm run deploy',
    '先预览、不做修改 / preview without changing anything: npm run deploy -- --dry-run',
    '',
  ].join('\n');
}
