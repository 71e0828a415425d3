/**
 * `npm run deploy` — deploys to a real CloudBase environment through @cloudbase/manager-node
 * (a pinned devDependency; see scripts/deploy/manager-port.ts for the calls used):
 *   1. bundles every function (dist/functions),
 *   2. reads what the environment has (collections, indexes, functions, their variables and timers),
 *   3. plans (scripts/deploy/plan.ts): collections and every declared index to create, conflicting
 *      indexes / runtimes and missing required variables as errors that stop the deploy,
 *   4. applies: collections, indexes, functions (code, runtime, memory, timeout, environment
 *      variables, timers), printing the first-owner claim code once when it is generated,
 *   5. prints what is left to do by hand.
 * `npm run deploy -- --dry-run` does 1–3 without writing anything (without credentials it lists
 * what is declared). `--new-owner-claim` replaces the owner claim hash (the printed code was lost).
 * Needs: TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (TENCENTCLOUD_SESSIONTOKEN for
 * temporary keys), WECHAT_PAY_SUB_MCH_ID (first deploy), optional variables in scripts/deploy/env-vars.ts.
 */
import { analyzeFunctions, buildFunctions } from './build-functions';
import { applyPlan } from './deploy/apply';
import { declared } from './deploy/declared';
import { connectManager } from './deploy/manager-port';
import { newOwnerClaim } from '../cloudfunctions/_kit/owner-claim';
import { planDeploy, readSnapshot } from './deploy/plan';
import { renderManualSteps, renderPlan } from './deploy/print';
import { missingCredentials, credentialsHelp } from './deploy/credentials';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const newClaim = args.includes('--new-owner-claim');
const say = (s: string) => process.stdout.write(s + '\n');

async function main(): Promise<number> {
  const unknown = args.filter((a) => !['--dry-run', '--new-owner-claim'].includes(a));
  if (unknown.length) {
    process.stderr.write(`deploy: unknown option(s) ${unknown.join(' ')} (known: --dry-run, --new-owner-claim)\n`);
    return 2;
  }
  const env = process.env;
  const missing = missingCredentials(env);
  // A real deploy needs the environment before anything else happens.
  if (!dryRun && missing.length) {
    process.stderr.write(credentialsHelp(missing));
    return 1;
  }
  const envId = env.TCB_ENV_ID?.trim() || '<TCB_ENV_ID>';
  const bundles = dryRun ? await analyzeFunctions() : await buildFunctions();
  const d = declared(bundles);
  const port = missing.length ? null : await connectManager({ envId, secretId: env.TENCENTCLOUD_SECRETID!.trim(), secretKey: env.TENCENTCLOUD_SECRETKEY!.trim(), token: env.TENCENTCLOUD_SESSIONTOKEN?.trim() || undefined });
  const snapshot = port ? await readSnapshot(port, d) : null;
  const plan = planDeploy(d, snapshot, { deployerEnv: env, newOwnerClaim: newClaim, ...(dryRun ? {} : { generateOwnerClaim: newOwnerClaim }) });
  for (const line of renderPlan(plan, envId, dryRun)) say(line);

  if (dryRun) {
    for (const line of renderManualSteps(plan, envId)) say(line);
    return plan.errors.length ? 1 : 0;
  }
  if (plan.errors.length) {
    process.stderr.write(`\ndeploy stopped: ${plan.errors.length} error(s) above; nothing was changed. 部署已停止，未做任何修改。\n`);
    return 1;
  }
  say('\nApplying / 正在部署:');
  await applyPlan(port!, plan, {
    say,
    ownerClaimSet(claim, fn) {
      say('');
      say('  ================================================================');
      say(`  店主认领码 / OWNER CLAIM CODE:  ${claim.code}`);
      say(`  Set on ${fn} as OWNER_CLAIM_SHA256 (only its hash is stored). It is printed this once:`);
      say('  write it down now; enter it in 运营后台 with the owner\'s WeChat. Lost before use?');
      say('  npm run deploy -- --new-owner-claim makes a new one.');
      say('  ================================================================');
      say('');
    },
  });
  say('部署完成 / deployed.');
  for (const line of renderManualSteps(plan, envId)) say(line);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`deploy failed / 部署失败: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
