/**
 * The deploy decided as data: what the repository declares against what the environment has.
 * Pure (no I/O): ./apply.ts carries it out through the port, the CLI prints it, the tests check it.
 * Anything that needs a person (an index defined differently, a function on another runtime, a
 * required variable with no value) is an error, and a plan with errors is never applied.
 */
import type { CollectionDecl } from '../../shared/schemas/indexes';
import type { Declared, DeclaredFunction } from './declared';
import { envToSend, resolveVars, type ResolvedVar } from './env-vars';
import { diffIndexes, type ExistingIndex, type IndexDiff } from './index-diff';
import type { OwnerClaim } from '../../cloudfunctions/_kit/owner-claim';
import type { CloudFunctionState, CloudPort, FunctionSpec, TimerTrigger } from './port';

/** What the environment has, read once before anything is written. */
export interface CloudSnapshot {
  /** Existing collections → their indexes. */
  collections: Record<string, ExistingIndex[]>;
  functions: Record<string, CloudFunctionState>;
}

/** Read-only: every collection and function the environment has that the deploy cares about. */
export async function readSnapshot(port: CloudPort, d: Declared): Promise<CloudSnapshot> {
  const existing = new Set(await port.listCollections());
  const collections: CloudSnapshot['collections'] = {};
  for (const c of d.collections) if (existing.has(c.name)) collections[c.name] = await port.listIndexes(c.name);
  const fns = new Set(await port.listFunctions());
  const functions: CloudSnapshot['functions'] = {};
  for (const f of d.functions) if (fns.has(f.name)) functions[f.name] = await port.getFunction(f.name);
  return { collections, functions };
}

export interface CollectionStep {
  decl: CollectionDecl;
  exists: boolean;
  indexes: IndexDiff;
}

export interface TriggerDiff {
  create: TimerTrigger[];
  /** Names to delete: undeclared, or declared with another schedule (recreated). */
  remove: string[];
  same: string[];
}

export interface FunctionStep {
  fn: DeclaredFunction;
  exists: boolean;
  spec: FunctionSpec;
  vars: ResolvedVar[];
  /** Variables set in the cloud (e.g. in the console) that nothing declares: kept, reported. */
  undeclaredKept: string[];
  triggers: TriggerDiff;
}

export interface DeployPlan {
  /** false: the environment was not read (dry run without credentials) — everything is shown as declared. */
  cloudRead: boolean;
  collections: CollectionStep[];
  functions: FunctionStep[];
  /** Each stops the deploy before anything is written. */
  errors: string[];
  /** Missing values the environment may already have (only when the cloud was not read). */
  warnings: string[];
  /** Set when this deploy generates the first-owner claim code (printed once, after `ops` is written). */
  ownerClaim?: OwnerClaim;
  /** A dry run that would generate a claim code (the code itself is only made by a real deploy). */
  ownerClaimPending: boolean;
}

export interface PlanOptions {
  deployerEnv: Record<string, string | undefined>;
  /** A real deploy passes the generator; a dry run does not (it shows that a code would be made). */
  generateOwnerClaim?: () => OwnerClaim;
  /** `--new-owner-claim`: replace the hash even if one is set (the printed code was lost before use). */
  newOwnerClaim?: boolean;
}

export const CLAIM_VAR = 'OWNER_CLAIM_SHA256';
export const OWNER_OPENID_VAR = 'OWNER_OPENID';

export function diffTriggers(declared: TimerTrigger[], cloud: TimerTrigger[]): TriggerDiff {
  const byName = new Map(cloud.map((t) => [t.name, t]));
  const out: TriggerDiff = { create: [], remove: [], same: [] };
  for (const t of declared) {
    const c = byName.get(t.name);
    if (c && c.config === t.config) out.same.push(t.name);
    else {
      if (c) out.remove.push(t.name);
      out.create.push(t);
    }
  }
  const names = new Set(declared.map((t) => t.name));
  for (const c of cloud) if (!names.has(c.name)) out.remove.push(c.name);
  return out;
}

/** `snapshot` null: the environment could not be read (no credentials) — a listing, never applied. */
export function planDeploy(d: Declared, snapshot: CloudSnapshot | null, opts: PlanOptions): DeployPlan {
  const cloud = snapshot ?? { collections: {}, functions: {} };
  const plan: DeployPlan = { cloudRead: snapshot !== null, collections: [], functions: [], errors: [], warnings: [], ownerClaimPending: false };

  for (const c of d.collections) {
    const existing = cloud.collections[c.name];
    const indexes = diffIndexes(c.indexes, existing ?? []);
    for (const x of indexes.conflicts)
      plan.errors.push(
        `collection ${c.name}: index "${x.name}" is declared as ${x.declared} but the environment has ${x.existing}. ` +
          `索引定义不一致：请在云开发控制台删除或改名该索引后重新部署（或修改 shared/schemas/indexes.ts）。`,
      );
    plan.collections.push({ decl: c, exists: existing !== undefined, indexes });
  }

  const missingRequired: Record<string, { purpose: string; fns: string[] }> = {};
  for (const fn of d.functions) {
    const state = cloud.functions[fn.name];
    if (state && state.runtime !== fn.runtime)
      plan.errors.push(
        `function ${fn.name}: runs on ${state.runtime} in the environment, declared ${fn.runtime}; the runtime can only be chosen when a function is created. ` +
          `运行时只能在创建云函数时指定：请在云开发控制台删除云函数 ${fn.name} 后重新部署（触发器与环境变量会按声明重建）。`,
      );
    const cloudVars = state?.envVariables ?? {};
    const vars = resolveVars(fn.envVars, opts.deployerEnv, cloudVars);
    const claim = vars.find((v) => v.name === CLAIM_VAR);
    if (claim && plan.cloudRead) {
      const ownerKnown = vars.some((v) => v.name === OWNER_OPENID_VAR && v.source !== 'missing');
      if (opts.newOwnerClaim || (claim.source === 'missing' && !ownerKnown)) {
        claim.source = 'generated';
        if (opts.generateOwnerClaim) {
          plan.ownerClaim = opts.generateOwnerClaim();
          claim.value = plan.ownerClaim.sha256;
        } else {
          claim.value = undefined;
          plan.ownerClaimPending = true;
        }
      }
    }
    for (const v of vars) if (v.decl.required && v.source === 'missing') (missingRequired[v.name] ??= { purpose: v.decl.purpose, fns: [] }).fns.push(fn.name);
    const { vars: envVariables, undeclaredKept } = envToSend(vars, cloudVars);
    plan.functions.push({
      fn,
      exists: state !== undefined,
      spec: { name: fn.name, runtime: fn.runtime, timeout: fn.timeout, memorySize: fn.memorySize, handler: fn.handler, envVariables, triggers: fn.triggers },
      vars,
      undeclaredKept,
      triggers: diffTriggers(fn.triggers, state?.triggers ?? []),
    });
  }
  for (const [name, m] of Object.entries(missingRequired)) {
    const msg =
      `${name} has no value for ${m.fns.join(', ')} (${m.purpose}): set $${name} when deploying. ` +
      `请在部署时设置环境变量 ${name}，例如 ${name}=<值> npm run deploy。`;
    if (plan.cloudRead) plan.errors.push(msg);
    else plan.warnings.push(`${msg} (A deploy stops on this unless the functions already have it in the environment.)`);
  }
  return plan;
}
