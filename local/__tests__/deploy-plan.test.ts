import type { IndexDecl } from '../../shared/schemas/indexes';
import { COLLECTIONS } from '../../shared/schemas/indexes';
import { analyzeFunctions } from '../../scripts/build-functions';
import { applyPlan, DeployStepError } from '../../scripts/deploy/apply';
import { declared, type Declared, type DeclaredFunction } from '../../scripts/deploy/declared';
import { FUNCTION_ENV_VARS } from '../../scripts/deploy/env-vars';
import type { ExistingIndex } from '../../scripts/deploy/index-diff';
import { cronOf } from '../../scripts/deploy/manager-port';
import { hashClaimCode as ownerClaimHash, newOwnerClaim } from '../../cloudfunctions/_kit/owner-claim';
import { planDeploy, readSnapshot, type DeployPlan } from '../../scripts/deploy/plan';
import type { CloudFunctionState, CloudPort, FunctionSpec, TimerTrigger } from '../../scripts/deploy/port';
import { renderPlan } from '../../scripts/deploy/print';
import { DECLARED_RUNTIME } from '../../scripts/runtime/runtimes';

/**
 * The deploy's decisions (plan.ts) and their execution (apply.ts) against an in-memory fake of
 * OUR port (scripts/deploy/port.ts) — not of @cloudbase/manager-node: the real adapter
 * (manager-port.ts) only maps each port method onto SDK calls and is exercised against a real
 * environment. The fake keeps state like an environment would and records every write.
 */
class FakeCloud implements CloudPort {
  collections = new Map<string, ExistingIndex[]>();
  functions = new Map<string, CloudFunctionState>();
  writes: string[] = [];
  /** Make the next call of this method throw (as the SDK throws a CloudBaseError). */
  failOn: Partial<Record<keyof CloudPort, Error>> = {};

  private check(m: keyof CloudPort) {
    const e = this.failOn[m];
    if (e) throw e;
  }
  async listCollections() {
    this.check('listCollections');
    return [...this.collections.keys()];
  }
  async createCollection(name: string) {
    this.check('createCollection');
    this.writes.push(`createCollection ${name}`);
    this.collections.set(name, [{ name: '_id_', keys: [{ field: '_id', direction: 1 }], unique: true }]);
  }
  async listIndexes(c: string) {
    this.check('listIndexes');
    const x = this.collections.get(c);
    if (!x) throw new Error(`no collection ${c}`);
    return x;
  }
  async createIndexes(c: string, indexes: IndexDecl[]) {
    this.check('createIndexes');
    this.writes.push(`createIndexes ${c} ${indexes.map((i) => i.name).join(',')}`);
    this.collections.get(c)!.push(...indexes.map((i) => ({ name: i.name, unique: !!i.unique, keys: Object.entries(i.keys).map(([field, direction]) => ({ field, direction })) })));
  }
  async listFunctions() {
    return [...this.functions.keys()];
  }
  async getFunction(name: string) {
    return structuredClone(this.functions.get(name)!);
  }
  async createFunction(s: FunctionSpec) {
    this.check('createFunction');
    this.writes.push(`createFunction ${s.name}`);
    this.functions.set(s.name, { name: s.name, runtime: s.runtime, memorySize: s.memorySize, timeout: s.timeout, envVariables: { ...s.envVariables }, triggers: [...s.triggers] });
  }
  async updateFunction(s: FunctionSpec) {
    this.check('updateFunction');
    this.writes.push(`updateFunction ${s.name}`);
    const f = this.functions.get(s.name)!;
    // Like UpdateFunctionConfiguration: the variable list is replaced, runtime and triggers untouched.
    Object.assign(f, { memorySize: s.memorySize, timeout: s.timeout, envVariables: { ...s.envVariables } });
  }
  async createTriggers(fn: string, triggers: TimerTrigger[]) {
    this.writes.push(`createTriggers ${fn} ${triggers.map((t) => t.name).join(',')}`);
    this.functions.get(fn)!.triggers.push(...triggers);
  }
  async deleteTrigger(fn: string, name: string) {
    this.writes.push(`deleteTrigger ${fn} ${name}`);
    const f = this.functions.get(fn)!;
    f.triggers = f.triggers.filter((t) => t.name !== name);
  }
}

const varsNamed = (...names: string[]) => FUNCTION_ENV_VARS.filter((v) => names.includes(v.name));
const fn = (name: string, over: Partial<DeclaredFunction> = {}): DeclaredFunction => ({
  name,
  runtime: DECLARED_RUNTIME,
  timeout: 10,
  memorySize: 256,
  handler: 'index.main',
  triggers: [],
  openapi: [],
  envVars: [],
  bundleBytes: 1000,
  deps: ['@cloudbase/node-sdk'],
  ...over,
});

/** A small declaration: two collections, a paying function, `ops` with the owner variables, a timer function. */
const small: Declared = {
  collections: [
    { name: 'orders', purpose: 'o', indexes: [{ name: 'openid_createdAt', keys: { openid: 1, createdAt: -1 } }, { name: 'status_expiresAt', keys: { status: 1, expiresAt: 1 } }] },
    { name: 'trial_reservations', purpose: 't', indexes: [{ name: 'customerKey_productId', keys: { customerKey: 1, productId: 1 }, unique: true }] },
  ],
  functions: [
    fn('order', { envVars: varsNamed('WECHAT_PAY_SUB_MCH_ID') }),
    fn('ops', { envVars: varsNamed('WECHAT_PAY_SUB_MCH_ID', 'OWNER_OPENID', 'OWNER_CLAIM_SHA256'), openapi: ['wxa.sec.order.uploadShippingInfo'] }),
    fn('scheduler', { triggers: [{ name: 'every-minute', type: 'timer', config: '0 * * * * * *' }] }),
  ],
};
const deployer = { WECHAT_PAY_SUB_MCH_ID: '1900000109', PRIVACY_MARKER_KEY: 'k'.repeat(64) };
const hooks = () => {
  const lines: string[] = [];
  const claims: Array<{ code: string; fn: string }> = [];
  return { lines, claims, h: { say: (l: string) => lines.push(l), ownerClaimSet: (c: { code: string }, f: string) => claims.push({ code: c.code, fn: f }) } };
};
async function deploy(cloud: FakeCloud, d: Declared, env: Record<string, string | undefined>, extra: { newOwnerClaim?: boolean } = {}): Promise<{ plan: DeployPlan; claims: Array<{ code: string; fn: string }> }> {
  const plan = planDeploy(d, await readSnapshot(cloud, d), { deployerEnv: env, generateOwnerClaim: newOwnerClaim, ...extra });
  const k = hooks();
  await applyPlan(cloud, plan, k.h);
  return { plan, claims: k.claims };
}

describe('deploy plan and apply (in-memory fake of the port)', () => {
  test('first deploy of the real declaration: every collection, every declared index, every function with runtime and variables', async () => {
    const d = declared(await analyzeFunctions());
    const cloud = new FakeCloud();
    const { plan, claims } = await deploy(cloud, d, deployer);
    expect(plan.errors).toEqual([]);
    expect([...cloud.collections.keys()].sort()).toEqual(COLLECTIONS.map((c) => c.name).sort());
    for (const c of COLLECTIONS) {
      const have = cloud.collections.get(c.name)!.map((i) => i.name).filter((n) => n !== '_id_').sort();
      expect({ c: c.name, have }).toEqual({ c: c.name, have: c.indexes.map((i) => i.name).sort() });
    }
    expect([...cloud.functions.keys()].sort()).toEqual(d.functions.map((f) => f.name).sort());
    for (const f of cloud.functions.values()) expect(f.runtime).toBe(DECLARED_RUNTIME);
    // The merchant id lands on exactly the functions whose bundle reads it, and on order (which takes payments) for sure.
    const withMch = [...cloud.functions.values()].filter((f) => f.envVariables.WECHAT_PAY_SUB_MCH_ID === '1900000109').map((f) => f.name).sort();
    expect(withMch).toEqual(d.functions.filter((f) => f.envVars.some((v) => v.name === 'WECHAT_PAY_SUB_MCH_ID')).map((f) => f.name).sort());
    expect(withMch).toEqual(expect.arrayContaining(['order', 'wallet', 'membership', 'payCallback', 'ops', 'scheduler']));
    expect(cloud.functions.get('catalog')!.envVariables).toEqual({});
    // First deploy, no OWNER_OPENID: one claim code, its hash on ops only, announced right after ops was written.
    expect(claims).toHaveLength(1);
    expect(claims[0].fn).toBe('ops');
    expect(cloud.functions.get('ops')!.envVariables.OWNER_CLAIM_SHA256).toBe(ownerClaimHash(claims[0].code));
    expect([...cloud.functions.values()].filter((f) => f.envVariables.OWNER_CLAIM_SHA256).map((f) => f.name)).toEqual(['ops']);
    expect(cloud.functions.get('scheduler')!.triggers).toEqual([{ name: 'every-minute', type: 'timer', config: '0 * * * * * *' }]);
  });

  test('a second deploy creates nothing, keeps the claim hash and variables set in the console, updates every function', async () => {
    const cloud = new FakeCloud();
    const first = await deploy(cloud, small, deployer);
    const hash = cloud.functions.get('ops')!.envVariables.OWNER_CLAIM_SHA256;
    cloud.functions.get('order')!.envVariables.SET_IN_CONSOLE = 'x';
    cloud.writes = [];
    // The merchant id is not in the deployer's environment this time: the value in the cloud is kept.
    const second = await deploy(cloud, small, {});
    expect(first.claims).toHaveLength(1);
    expect(second.claims).toEqual([]);
    expect(second.plan.errors).toEqual([]);
    expect(cloud.writes).toEqual(['updateFunction order', 'updateFunction ops', 'updateFunction scheduler']);
    expect(cloud.functions.get('ops')!.envVariables).toEqual({ WECHAT_PAY_SUB_MCH_ID: '1900000109', OWNER_CLAIM_SHA256: hash });
    expect(cloud.functions.get('order')!.envVariables).toEqual({ WECHAT_PAY_SUB_MCH_ID: '1900000109', SET_IN_CONSOLE: 'x' });
    expect(second.plan.functions.find((f) => f.fn.name === 'order')!.undeclaredKept).toEqual(['SET_IN_CONSOLE']);
  });

  test('a deployer value replaces the cloud value; OWNER_OPENID given means no claim code', async () => {
    const cloud = new FakeCloud();
    const { claims } = await deploy(cloud, small, { ...deployer, OWNER_OPENID: 'o_owner_1' });
    expect(claims).toEqual([]);
    expect(cloud.functions.get('ops')!.envVariables).toEqual({ WECHAT_PAY_SUB_MCH_ID: '1900000109', OWNER_OPENID: 'o_owner_1' });
    await deploy(cloud, small, { WECHAT_PAY_SUB_MCH_ID: '1900000200' });
    expect(cloud.functions.get('order')!.envVariables.WECHAT_PAY_SUB_MCH_ID).toBe('1900000200');
    // OWNER_OPENID is kept from the cloud, so still no claim code on later deploys.
    expect(cloud.functions.get('ops')!.envVariables).toEqual({ WECHAT_PAY_SUB_MCH_ID: '1900000200', OWNER_OPENID: 'o_owner_1' });
  });

  test('--new-owner-claim replaces the hash with a new code', async () => {
    const cloud = new FakeCloud();
    const a = await deploy(cloud, small, deployer);
    const b = await deploy(cloud, small, {}, { newOwnerClaim: true });
    expect(b.claims).toHaveLength(1);
    expect(b.claims[0].code).not.toBe(a.claims[0].code);
    expect(cloud.functions.get('ops')!.envVariables.OWNER_CLAIM_SHA256).toBe(ownerClaimHash(b.claims[0].code));
  });

  test('a dry run that would make a claim code says so without making one', async () => {
    const cloud = new FakeCloud();
    const plan = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: deployer });
    expect(plan.ownerClaim).toBeUndefined();
    expect(plan.ownerClaimPending).toBe(true);
    await expect(applyPlan(cloud, plan, hooks().h)).rejects.toThrow(/owner claim/);
    expect(cloud.writes).toEqual([]);
  });

  test('only missing indexes are created; an existing index defined differently stops the deploy before any write', async () => {
    const cloud = new FakeCloud();
    cloud.collections.set('orders', [{ name: '_id_', keys: [{ field: '_id', direction: 1 }], unique: true }, { name: 'openid_createdAt', keys: [{ field: 'openid', direction: 1 }, { field: 'createdAt', direction: -1 }], unique: false }]);
    const ok = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: deployer });
    expect(ok.collections.find((c) => c.decl.name === 'orders')!.indexes.create.map((i) => i.name)).toEqual(['status_expiresAt']);
    expect(ok.collections.find((c) => c.decl.name === 'orders')!.indexes.same).toEqual(['openid_createdAt']);

    // Same name, other direction; and a unique index that exists without UNIQUE.
    cloud.collections.set('orders', [{ name: 'openid_createdAt', keys: [{ field: 'openid', direction: 1 }, { field: 'createdAt', direction: 1 }], unique: false }]);
    cloud.collections.set('trial_reservations', [{ name: 'customerKey_productId', keys: [{ field: 'customerKey', direction: 1 }, { field: 'productId', direction: 1 }], unique: false }]);
    const bad = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: deployer, generateOwnerClaim: newOwnerClaim });
    expect(bad.errors).toHaveLength(2);
    expect(bad.errors[0]).toMatch(/orders: index "openid_createdAt" is declared as \(openid:1, createdAt:-1\) but the environment has \(openid:1, createdAt:1\)/);
    expect(bad.errors[1]).toMatch(/trial_reservations: index "customerKey_productId" is declared as UNIQUE/);
    await expect(applyPlan(cloud, bad, hooks().h)).rejects.toThrow(/2 error\(s\); nothing was changed/);
    expect(cloud.writes).toEqual([]);
    expect(renderPlan(bad, 'env-1', false).join('\n')).toMatch(/CONFLICT: environment has \(openid:1, createdAt:1\)/);
  });

  test('a declared index whose keys already exist under another name is a conflict, not a second index', async () => {
    const cloud = new FakeCloud();
    cloud.collections.set('orders', [{ name: 'old_name', keys: [{ field: 'status', direction: 1 }, { field: 'expiresAt', direction: 1 }], unique: false }]);
    const plan = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: deployer });
    expect(plan.errors.join('\n')).toMatch(/status_expiresAt.*already indexed as "old_name"/);
  });

  test('an error from the environment is never swallowed: the deploy stops at that step', async () => {
    const cloud = new FakeCloud();
    cloud.failOn.createIndexes = new Error('[UpdateTable] InvalidParameter: index key too long');
    const plan = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: deployer, generateOwnerClaim: newOwnerClaim });
    const err = await applyPlan(cloud, plan, hooks().h).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployStepError);
    expect((err as Error).message).toBe('create indexes openid_createdAt, status_expiresAt on orders: [UpdateTable] InvalidParameter: index key too long');
    // Collections were created before; no function was touched after the failure.
    expect(cloud.writes).toEqual(['createCollection orders', 'createCollection trial_reservations']);
  });

  test('a function on another runtime, or a required variable with no value anywhere, stops the deploy', async () => {
    const cloud = new FakeCloud();
    cloud.functions.set('order', { name: 'order', runtime: 'Nodejs16.13', memorySize: 256, timeout: 10, envVariables: { WECHAT_PAY_SUB_MCH_ID: '1' }, triggers: [] });
    const plan = planDeploy(small, await readSnapshot(cloud, small), { deployerEnv: {} });
    expect(plan.errors.join('\n')).toMatch(/function order: runs on Nodejs16\.13 in the environment, declared Nodejs20\.19/);
    expect(plan.errors.join('\n')).toMatch(/WECHAT_PAY_SUB_MCH_ID has no value for ops \(/);
    await expect(applyPlan(cloud, plan, hooks().h)).rejects.toThrow(/nothing was changed/);
    expect(cloud.writes).toEqual([]);
  });

  test('without reading the environment the plan is a listing: missing values are warnings, and it is never applied', async () => {
    const plan = planDeploy(small, null, { deployerEnv: {} });
    expect(plan.errors).toEqual([]);
    expect(plan.warnings.join('\n')).toMatch(/WECHAT_PAY_SUB_MCH_ID has no value for order, ops/);
    await expect(applyPlan(new FakeCloud(), plan, hooks().h)).rejects.toThrow(/without reading the environment/);
  });

  test('timers: a changed schedule is recreated, an undeclared timer deleted, an unchanged one left alone', async () => {
    const cloud = new FakeCloud();
    await deploy(cloud, small, deployer);
    cloud.functions.get('scheduler')!.triggers = [
      { name: 'every-minute', type: 'timer', config: '0 */2 * * * * *' },
      { name: 'old-timer', type: 'timer', config: '0 0 * * * * *' },
    ];
    cloud.writes = [];
    await deploy(cloud, small, {});
    expect(cloud.writes).toEqual(['updateFunction order', 'updateFunction ops', 'updateFunction scheduler', 'deleteTrigger scheduler every-minute', 'deleteTrigger scheduler old-timer', 'createTriggers scheduler every-minute']);
    expect(cloud.functions.get('scheduler')!.triggers).toEqual([{ name: 'every-minute', type: 'timer', config: '0 * * * * * *' }]);
    cloud.writes = [];
    await deploy(cloud, small, {});
    expect(cloud.writes).toEqual(['updateFunction order', 'updateFunction ops', 'updateFunction scheduler']);
  });

  test('SCF reports a timer as {"cron": …}; both forms read as the cron', () => {
    expect(cronOf('{"cron":"0 */5 * * * * *"}')).toBe('0 */5 * * * * *');
    expect(cronOf('0 */5 * * * * *')).toBe('0 */5 * * * * *');
  });

  test('secret values are never printed', async () => {
    const d: Declared = { collections: [], functions: [fn('segment', { envVars: varsNamed('WECOM_SECRET', 'WECOM_CORP_ID') })] };
    const plan = planDeploy(d, { collections: {}, functions: {} }, { deployerEnv: { WECOM_SECRET: 'hunter2-secret', WECOM_CORP_ID: 'ww123' } });
    const text = renderPlan(plan, 'env-1', true).join('\n');
    expect(text).not.toContain('hunter2-secret');
    expect(text).toMatch(/env WECOM_SECRET = set \(secret, not shown\) \(from the deployer's \$WECOM_SECRET\)/);
    expect(text).toMatch(/env WECOM_CORP_ID = "ww123"/);
  });
});
