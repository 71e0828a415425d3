import path from 'node:path';
import { CREDENTIALS_FILE } from './emulator/credentials';
import { newOwnerClaim, OWNER_CLAIM_ENV, OWNER_OPENID_ENV } from '../cloudfunctions/_kit/owner-claim';
import { startLocalServer } from './server';

/** `npm start` entry: the local store with demo data (API.md "Local mode"). */
async function main() {
  const args = process.argv.slice(2);
  const fresh = args.includes('--fresh');
  // A store with nobody in charge, as after a real deploy: try 我的 → 成为店主（首次开店）.
  const noDemoOwner = args.includes('--no-demo-owner');
  const portArg = args.find((a) => a.startsWith('--port='));
  const port = Number(portArg?.slice('--port='.length) ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  // The claim code a deploy would print: functions here run in this process and read its env.
  const claim = noDemoOwner && !process.env[OWNER_CLAIM_ENV] ? newOwnerClaim() : undefined;
  if (claim) process.env[OWNER_CLAIM_ENV] = claim.sha256;
  const server = await startLocalServer({ port, dataDir, fresh, demoOwner: !noDemoOwner });
  const lines = [
    '',
    `  会员储值商城 · 本地模式  ${server.url}`,
    `  数据目录 DATA_DIR = ${dataDir}${fresh ? '（已重置并写入演示数据）' : ''}`,
    `  云函数: ${server.registry.list().map((n) => `/fn/${n}`).join('  ')}`,
    `  CloudBase 模拟器: ${server.url}/tcb（云存储文件在 ${dataDir}/storage）   时间旅行: ${server.url}/local/clock`,
    `  模拟器只接受签名请求：本次启动的密钥在 ${path.join(dataDir, CREDENTIALS_FILE)}（每次启动重新生成）`,
    `  微信发货信息记录: ${server.url}/local/shipping`,
    noDemoOwner ? `  开发登录: 打开页面后选择任意账号（没有演示店主 op_admin）` : `  开发登录: 打开页面后选择账号；运营管理员账号为 op_admin`,
    ...ownerLines(noDemoOwner, claim?.code, server.seededOwners),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** What `--no-demo-owner` prints: how to become the first owner of this local store. */
function ownerLines(noDemoOwner: boolean, code: string | undefined, seededOwners: string[] | undefined): string[] {
  if (!noDemoOwner) return [];
  if (seededOwners === undefined) return ['  --no-demo-owner 只在新建数据时生效：当前数据目录已有数据，请加 --fresh 重新开始。'];
  const lines = [`  店主认领码（本次启动有效，只显示这一次）: ${code ?? `已由环境变量 ${OWNER_CLAIM_ENV} 指定`}`, '  以任意账号登录 → 我的 → 成为店主（首次开店） → 输入认领码'];
  const bootstrap = process.env[OWNER_OPENID_ENV];
  if (bootstrap) lines.push(`  或以 ${bootstrap} 登录打开「我的」：${OWNER_OPENID_ENV} 指定的账号直接成为店主`);
  return lines;
}

main().catch((e) => {
  process.stderr.write(`启动失败：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
