import path from 'node:path';
import { CREDENTIALS_FILE } from './emulator/credentials';
import { startLocalServer } from './server';

/** `npm start` entry: the local store with demo data (API.md "Local mode"). */
async function main() {
  const args = process.argv.slice(2);
  const fresh = args.includes('--fresh');
  const portArg = args.find((a) => a.startsWith('--port='));
  const port = Number(portArg?.slice('--port='.length) ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port: ${port}`);
  const dataDir = path.resolve(process.env.DATA_DIR ?? '.data');
  const server = await startLocalServer({ port, dataDir, fresh });
  const lines = [
    '',
    `  会员储值商城 · 本地模式  ${server.url}`,
    `  数据目录 DATA_DIR = ${dataDir}${fresh ? '（已重置并写入演示数据）' : ''}`,
    `  云函数: ${server.registry.list().map((n) => `/fn/${n}`).join('  ')}`,
    `  CloudBase 模拟器: ${server.url}/tcb（云存储文件在 ${dataDir}/storage）   时间旅行: ${server.url}/local/clock`,
    `  模拟器只接受签名请求：本次启动的密钥在 ${path.join(dataDir, CREDENTIALS_FILE)}（每次启动重新生成）`,
    `  微信发货信息记录: ${server.url}/local/shipping`,
    `  开发登录: 打开页面后选择账号；运营管理员账号为 op_admin`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  process.stderr.write(`启动失败：${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
