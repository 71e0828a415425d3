/**
 * `npm run deploy` — deploys to a real CloudBase environment:
 *   1. bundles every function (dist/functions) and regenerates cloudbaserc.json,
 *   2. creates missing collections and indexes declared in shared/schemas/indexes.ts,
 *   3. deploys every function with its triggers via the `tcb` CLI (`tcb fn deploy`).
 * `npm run deploy -- --dry-run` prints exactly what would be created, touching nothing.
 * Needs: TCB_ENV_ID; `tcb login` done (npm i -g @cloudbase/cli); for step 2, TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY and `npm i -g @cloudbase/manager-node` (loaded only when deploying for real).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { COLLECTIONS } from '../shared/schemas/indexes';
import { buildFunctions } from './build-functions';
import { CLOUDBASERC_PATH, renderCloudbaserc } from './cloudbaserc';
import { deployPlan } from './deploy-plan';

const dryRun = process.argv.includes('--dry-run');
const say = (s: string) => process.stdout.write(s + '\n');

async function main() {
  const envId = process.env.TCB_ENV_ID ?? '';
  if (!envId && !dryRun) throw new Error('请设置 TCB_ENV_ID（云开发环境 ID），例如 TCB_ENV_ID=prod-1a2b3c npm run deploy');
  const built = await buildFunctions();
  writeFileSync(CLOUDBASERC_PATH, renderCloudbaserc());
  const plan = deployPlan(envId || '<TCB_ENV_ID>');
  say(`Deploy plan for env ${plan.envId}${dryRun ? ' (dry run: nothing is changed)' : ''}`);
  for (const c of plan.collections) {
    say(`  collection ${c.name}`);
    for (const i of c.indexes) say(`    index ${i.name}${i.unique ? ' UNIQUE' : ''} (${i.keys.join(', ')})`);
  }
  for (const f of plan.functions) {
    const size = built.find((b) => b.name === f.name)?.bytes ?? 0;
    say(`  function ${f.name}: ${f.runtime}, ${f.memorySize} MB, ${f.timeout}s, bundle ${(size / 1024).toFixed(1)} KB${f.triggers.length ? `, triggers ${f.triggers.map((t) => `${t.name}@${t.config}`).join(' ')}` : ''}${f.openapi.length ? `, openapi ${f.openapi.join(' ')}` : ''}`);
  }
  if (dryRun) return;

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: CloudBase } = require('@cloudbase/manager-node');
  const manager = new CloudBase({ envId, secretId: process.env.TENCENTCLOUD_SECRETID, secretKey: process.env.TENCENTCLOUD_SECRETKEY });
  for (const c of plan.collections) {
    await manager.database.createCollectionIfNotExists(c.name);
    const decl = COLLECTIONS.find((x) => x.name === c.name)!;
    if (decl.indexes.length) {
      await manager.database.updateCollection(c.name, {
        CreateIndexes: decl.indexes.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: { MgoIsUnique: !!i.unique, MgoIndexKeys: Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: String(d) })) },
        })),
      }).catch((e: unknown) => say(`    (index update on ${c.name}: ${e instanceof Error ? e.message : String(e)} — existing indexes are kept)`));
    }
  }
  execFileSync('tcb', ['fn', 'deploy', '--all', '--force', '-e', envId], { stdio: 'inherit' });
  say('部署完成。用微信开发者工具打开项目根目录（project.config.json 指向 dist/weapp 与 dist/functions）。');
}

main().catch((e) => {
  process.stderr.write(`deploy failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
