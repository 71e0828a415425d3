import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { COLLECTIONS } from '../../shared/schemas/indexes';
import { readFunctionConfig } from '../../scripts/cloudbaserc';
import { DECLARED_RUNTIME, parseRuntime } from '../../scripts/runtime/runtimes';
import { listFunctionNames } from '../gateway/functions';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm run deploy …` as a deployer runs it, with the deploy credentials removed from the environment. */
function npmDeploy(args: string[], extraEnv: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extraEnv };
  for (const k of ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN', 'WECHAT_PAY_SUB_MCH_ID', 'OWNER_OPENID']) if (!(k in extraEnv)) delete env[k];
  const r = spawnSync('npm', ['run', '--silent', 'deploy', '--', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** One function's lines of the listing: from its `function <name>:` line to the next function or blank line. */
function fnBlock(out: string, name: string): string {
  const start = out.indexOf(`  function ${name}:`);
  if (start < 0) return '';
  const rest = out.slice(start);
  const end = rest.slice(1).search(/\n {2}function |\n\n/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

describe('npm run deploy (the script a deployer runs)', () => {
  test('--dry-run lists every collection, index, function, runtime, env variable and openapi permission, and the manual steps', () => {
    const r = npmDeploy(['--dry-run'], { WECHAT_PAY_SUB_MCH_ID: '1900000109' });
    expect(r.err).not.toMatch(/Cannot find module/);
    expect(r.code).toBe(0);
    const out = r.out;
    expect(out).toContain('dry run: nothing is changed');
    for (const c of COLLECTIONS) {
      expect(out).toContain(`  collection ${c.name} `);
      for (const i of c.indexes) expect(out).toMatch(new RegExp(`\\n    index ${i.name} ${i.unique ? 'UNIQUE ' : ''}\\(${Object.entries(i.keys).map(([f, d]) => `${f.replace('.', '\\.')}:${d}`).join(', ')}\\)`));
    }
    expect(parseRuntime(DECLARED_RUNTIME).major).toBeGreaterThanOrEqual(18);
    for (const name of listFunctionNames()) {
      const c = readFunctionConfig(name);
      const block = fnBlock(out, name);
      expect(block).toContain(`  function ${name}: runtime ${DECLARED_RUNTIME}, ${c.memorySize} MB, timeout ${c.timeout} s`);
      expect(block).toContain(`openapi permissions: ${c.permissions.openapi.join(', ') || 'none'}`);
      for (const t of c.triggers) expect(block).toContain(`${t.name} "${t.config}"`);
    }
    // The merchant id from the deployer's environment, on the functions that take payments.
    for (const name of ['order', 'wallet', 'membership', 'payCallback']) {
      expect(fnBlock(out, name)).toContain(`env WECHAT_PAY_SUB_MCH_ID = "1900000109" (from the deployer's $WECHAT_PAY_SUB_MCH_ID)`);
    }
    const ops = fnBlock(out, 'ops');
    expect(ops).toContain('env OWNER_CLAIM_SHA256 = not set (generated on the first deploy)');
    expect(ops).toContain('env OWNER_OPENID = not set');
    expect(ops).toContain('openapi permissions: wxa.sec.order.uploadShippingInfo');
    expect(out).toContain('还需手动完成 / left to do by hand:');
    expect(out).toMatch(/上传并部署：云端安装依赖/);
    expect(out).toMatch(/dist\/functions\/campaign \[subscribeMessage\.send\]/);
  }, 120_000);

  test('a real deploy without credentials fails at once with a clear message naming what to set', () => {
    const r = npmDeploy([]);
    expect(r.code).not.toBe(0);
    expect(r.err).not.toMatch(/Cannot find module/);
    expect(r.err).toContain('部署失败：缺少环境变量 TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY');
    expect(r.err).toContain('deploy failed: missing environment variable(s) TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY. Nothing was changed.');
    expect(r.out).not.toContain('部署计划');
    // With the env id only, the message names just the key pair.
    const k = npmDeploy([], { TCB_ENV_ID: 'prod-1a2b3c' });
    expect(k.code).not.toBe(0);
    expect(k.err).toContain('missing environment variable(s) TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY.');
    expect(k.err).not.toMatch(/Cannot find module/);
  }, 120_000);

  test('an unknown option is refused rather than ignored (a typo of --dry-run must not deploy)', () => {
    const r = npmDeploy(['--dryrun'], { TCB_ENV_ID: 'prod-1a2b3c', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'y' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown option(s) --dryrun');
  });
});
