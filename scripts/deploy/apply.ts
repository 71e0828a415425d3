/**
 * Carries out a plan (./plan.ts) through the port, in an order that keeps a half-finished deploy
 * usable: collections, then indexes, then functions (code + config + environment), then their
 * timers. Nothing is caught here: the first failing call stops the deploy and reaches the deployer
 * with the step it was in (a re-run re-reads the environment and continues from what exists).
 */
import type { DeployPlan } from './plan';
import type { OwnerClaim } from '../../cloudfunctions/_kit/owner-claim';
import type { CloudPort } from './port';

export class DeployStepError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`${step}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DeployStepError';
  }
}

export interface ApplyHooks {
  say(line: string): void;
  /** Called as soon as the function holding the claim hash is written — the code must not be lost to a later failure. */
  ownerClaimSet(claim: OwnerClaim, functionName: string): void;
}

async function step(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    throw new DeployStepError(name, e);
  }
}

export interface ApplySummary {
  collectionsCreated: string[];
  indexesCreated: string[];
  functionsCreated: string[];
  functionsUpdated: string[];
  triggersCreated: string[];
  triggersDeleted: string[];
}

export async function applyPlan(port: CloudPort, plan: DeployPlan, hooks: ApplyHooks): Promise<ApplySummary> {
  if (!plan.cloudRead) throw new Error('refusing to apply a plan made without reading the environment');
  if (plan.errors.length) throw new Error(`the plan has ${plan.errors.length} error(s); nothing was changed:\n- ${plan.errors.join('\n- ')}`);
  if (plan.ownerClaimPending) throw new Error('the plan needs an owner claim code but none was generated');
  const done: ApplySummary = { collectionsCreated: [], indexesCreated: [], functionsCreated: [], functionsUpdated: [], triggersCreated: [], triggersDeleted: [] };

  for (const c of plan.collections) {
    if (c.exists) continue;
    await step(`create collection ${c.decl.name}`, () => port.createCollection(c.decl.name));
    hooks.say(`  created collection ${c.decl.name}`);
    done.collectionsCreated.push(c.decl.name);
  }
  for (const c of plan.collections) {
    if (!c.indexes.create.length) continue;
    const names = c.indexes.create.map((i) => i.name);
    await step(`create indexes ${names.join(', ')} on ${c.decl.name}`, () => port.createIndexes(c.decl.name, c.indexes.create));
    hooks.say(`  created ${names.length} index(es) on ${c.decl.name}: ${names.join(', ')}`);
    done.indexesCreated.push(...names.map((n) => `${c.decl.name}.${n}`));
  }

  for (const f of plan.functions) {
    if (!f.exists) {
      // CreateFunction takes the triggers with it (manager-node creates them right after the function).
      await step(`create function ${f.fn.name}`, () => port.createFunction(f.spec));
      hooks.say(`  created function ${f.fn.name} (${f.spec.runtime})`);
      done.functionsCreated.push(f.fn.name);
      done.triggersCreated.push(...f.spec.triggers.map((t) => `${f.fn.name}.${t.name}`));
    } else {
      await step(`update function ${f.fn.name}`, () => port.updateFunction(f.spec));
      hooks.say(`  updated function ${f.fn.name}`);
      done.functionsUpdated.push(f.fn.name);
      for (const name of f.triggers.remove) {
        await step(`delete trigger ${name} of ${f.fn.name}`, () => port.deleteTrigger(f.fn.name, name));
        done.triggersDeleted.push(`${f.fn.name}.${name}`);
      }
      if (f.triggers.create.length) {
        await step(`create triggers of ${f.fn.name}`, () => port.createTriggers(f.fn.name, f.triggers.create));
        done.triggersCreated.push(...f.triggers.create.map((t) => `${f.fn.name}.${t.name}`));
      }
    }
    if (plan.ownerClaim && f.vars.some((v) => v.source === 'generated')) hooks.ownerClaimSet(plan.ownerClaim, f.fn.name);
  }
  return done;
}
