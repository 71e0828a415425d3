/** The plan as the deployer reads it: every collection, index, function, runtime, variable, permission. */
import { describeDeclared, describeExisting } from './index-diff';
import { describeValue } from './env-vars';
import { manualSteps } from './manual-steps';
import type { DeployPlan } from './plan';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function renderPlan(plan: DeployPlan, envId: string, dryRun: boolean): string[] {
  const out: string[] = [];
  const tag = (exists: boolean, word = 'create') => (plan.cloudRead ? (exists ? '' : ` [${word}]`) : '');
  out.push(`部署计划 / deploy plan — env ${envId}${dryRun ? ' (dry run: nothing is changed)' : ''}`);
  if (!plan.cloudRead)
    out.push('  (environment not read: without TCB_ENV_ID and TENCENTCLOUD_SECRETID/SECRETKEY this lists what is declared; with them a dry run also shows what exists and what would change)');

  const nIdx = plan.collections.reduce((n, c) => n + c.decl.indexes.length, 0);
  out.push('', `Collections (${plan.collections.length}) and indexes (${nIdx}, shared/schemas/indexes.ts):`);
  for (const c of plan.collections) {
    out.push(`  collection ${c.decl.name}${tag(c.exists)} — ${c.decl.purpose}`);
    const created = new Set(c.indexes.create.map((i) => i.name));
    for (const i of c.decl.indexes) {
      const conflict = c.indexes.conflicts.find((x) => x.name === i.name);
      const state = !plan.cloudRead ? '' : conflict ? ` [CONFLICT: environment has ${conflict.existing}]` : created.has(i.name) ? ' [create]' : ' [exists]';
      out.push(`    index ${i.name} ${describeDeclared(i)}${state}`);
    }
    for (const x of c.indexes.extra) out.push(`    index ${x.name} ${describeExisting(x)} [in the environment, not declared: kept]`);
  }

  const runtimes = [...new Set(plan.functions.map((f) => f.fn.runtime))];
  out.push('', `Functions (${plan.functions.length}), runtime ${runtimes.join(', ')}:`);
  for (const f of plan.functions) {
    const s = f.fn;
    out.push(`  function ${s.name}${tag(f.exists)}${plan.cloudRead && f.exists ? ' [update]' : ''}: runtime ${s.runtime}, ${s.memorySize} MB, timeout ${s.timeout} s, handler ${s.handler}, bundle ${kb(s.bundleBytes)}, installs ${s.deps.join(', ') || 'nothing'}`);
    const trig = s.triggers.map((t) => `${t.name} "${t.config}"`).join(', ');
    const trigChange = plan.cloudRead && (f.triggers.create.length || f.triggers.remove.length) ? ` [create: ${f.triggers.create.map((t) => t.name).join(', ') || '-'}; delete: ${f.triggers.remove.join(', ') || '-'}]` : '';
    out.push(`    triggers: ${trig || 'none'}${trigChange}`);
    out.push(`    openapi permissions: ${s.openapi.join(', ') || 'none'}`);
    if (!f.vars.length) out.push('    env: none');
    for (const v of f.vars) out.push(`    env ${v.name} = ${describeValue(v)}`);
    for (const k of f.undeclaredKept) out.push(`    env ${k} = (set in the environment, not declared: kept as it is)`);
  }

  if (plan.ownerClaimPending) out.push('', 'Owner claim: `npm run deploy` will generate a one-time owner claim code, set its hash on ops (OWNER_CLAIM_SHA256) and print the code once.');
  if (plan.warnings.length) out.push('', 'Warnings:', ...plan.warnings.map((w) => `  - ${w}`));
  if (plan.errors.length) out.push('', `Errors — the deploy stops before changing anything (${plan.errors.length}):`, ...plan.errors.map((e) => `  - ${e}`));
  return out;
}

export function renderManualSteps(plan: DeployPlan, envId: string): string[] {
  return ['', '还需手动完成 / left to do by hand:', ...manualSteps(plan, envId).map((s, i) => `  ${i + 1}. ${s}`)];
}
