/**
 * The CloudPort (./port.ts) over @cloudbase/manager-node 5.6.5 (a pinned devDependency). A thin
 * adapter on purpose: each method is one or two SDK calls and a shape mapping, no decisions —
 * those live in ./plan.ts and ./apply.ts, which are unit-tested against an in-memory fake of the
 * port. This file is exercised only against a real environment.
 *
 * SDK calls used (read in node_modules/@cloudbase/manager-node 5.6.5, lib/ and types/):
 * - database.listCollections({MgoLimit, MgoOffset}) → ListTables; `Collections[].CollectionName`, `Pager.Total`.
 *   (Not checkCollectionExists / createCollectionIfNotExists: those turn *any* error, e.g. a bad
 *   key, into "does not exist" and would then try to create the collection.)
 * - database.createCollection(name) → CreateTable.
 * - database.describeCollection(name) → DescribeTable; `Indexes[]` of {Name, Unique, Keys[{Name, Direction}]}
 *   (Direction a string such as "1": cloud.tencent.com/document/api/876/127966).
 * - database.updateCollection(name, {CreateIndexes: [{IndexName, MgoKeySchema: {MgoIndexKeys: [{Name, Direction}], MgoIsUnique}}]})
 *   → UpdateTable (cloud.tencent.com/document/api/876/127964). Never DropIndexes.
 * - functions.listAllFunctions({envId}) → ListFunctions, paged; `FunctionName`.
 * - functions.getFunctionDetail(name) → SCF GetFunction; `Runtime, MemorySize, Timeout,
 *   Environment.Variables[{Key, Value}], Triggers[{Type, TriggerName, TriggerDesc}]`.
 * - functions.createFunction({func, functionRootPath}) → CreateFunction with Runtime, Handler,
 *   MemorySize, Timeout, InstallDependency, Environment, then waits until active and creates the
 *   triggers (retried 3×, then thrown).
 * - functions.updateFunctionCode({func, functionRootPath}) → UpdateFunctionCode (waits until active first).
 * - functions.updateFunctionConfig({name, timeout, memorySize, envVariables}) → UpdateFunctionConfiguration;
 *   `Environment` replaces the whole list. Triggers are NOT passed here: that method catches a
 *   trigger failure and only warns; createFunctionTriggers / deleteFunctionTrigger throw.
 * - functions.waitFunctionActive(name) between code and config (both change the function's state).
 */
import path from 'node:path';
import type { IndexDecl } from '../../shared/schemas/indexes';
import type { ExistingIndex } from './index-diff';
import type { CloudFunctionState, CloudPort, FunctionSpec, TimerTrigger } from './port';

type Manager = InstanceType<typeof import('@cloudbase/manager-node')>;

export interface ManagerCredentials {
  envId: string;
  secretId: string;
  secretKey: string;
  /** Temporary credentials (STS) only. */
  token?: string;
}

/** Bundles are uploaded from here (scripts/build-functions.ts writes them). */
export const FUNCTION_ROOT = path.resolve(__dirname, '..', '..', 'dist', 'functions');

/**
 * Loads the SDK only when a deploy really talks to CloudBase; a missing install is said plainly
 * instead of Node's "Cannot find module".
 */
async function loadManager(): Promise<typeof import('@cloudbase/manager-node')> {
  try {
    const mod = await import('@cloudbase/manager-node');
    return (mod as unknown as { default?: typeof import('@cloudbase/manager-node') }).default ?? (mod as unknown as typeof import('@cloudbase/manager-node'));
  } catch (e) {
    if ((e as { code?: string }).code === 'MODULE_NOT_FOUND' || (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND')
      throw new Error('部署工具未安装 / the deploy needs the dev dependency @cloudbase/manager-node: run `npm install` (not --omit=dev) in the repository.');
    throw e;
  }
}

/**
 * SCF reports a timer's TriggerDesc as JSON `{"cron":"…"}` although it is created with the bare
 * cron (noted in serverless-tencent/tencent-component-toolkit, src/modules/triggers/timer.ts); accept both.
 */
export function cronOf(triggerDesc: string): string {
  try {
    const v = JSON.parse(triggerDesc) as { cron?: unknown };
    if (v && typeof v.cron === 'string') return v.cron;
  } catch {
    /* a bare cron expression */
  }
  return triggerDesc;
}

const direction = (d: string | undefined): number | string => (d === '1' ? 1 : d === '-1' ? -1 : (d ?? ''));

export async function connectManager(creds: ManagerCredentials): Promise<CloudPort> {
  const CloudBase = await loadManager();
  const app: Manager = new CloudBase({ envId: creds.envId, secretId: creds.secretId, secretKey: creds.secretKey, ...(creds.token ? { token: creds.token } : {}) });
  const db = app.database;
  const fns = app.functions;
  const code = (spec: FunctionSpec) => ({
    name: spec.name,
    runtime: spec.runtime,
    handler: spec.handler,
    // The platform runs `npm install` on the bundle's generated package.json (exact pins).
    installDependency: true,
    ignore: ['node_modules', 'node_modules/**/*'],
  });

  return {
    async listCollections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += 100) {
        const res = await db.listCollections({ MgoLimit: 100, MgoOffset: offset });
        names.push(...res.Collections.map((c) => c.CollectionName));
        if (res.Collections.length < 100 || names.length >= (res.Pager?.Total ?? 0)) return names;
      }
    },
    async createCollection(name) {
      await db.createCollection(name);
    },
    async listIndexes(collection): Promise<ExistingIndex[]> {
      const res = await db.describeCollection(collection);
      return (res.Indexes ?? []).map((i) => ({ name: i.Name, unique: !!i.Unique, keys: (i.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: direction(k.Direction) })) }));
    },
    async createIndexes(collection, indexes: IndexDecl[]) {
      await db.updateCollection(collection, {
        CreateIndexes: indexes.map((i) => ({
          IndexName: i.name,
          MgoKeySchema: { MgoIsUnique: !!i.unique, MgoIndexKeys: Object.entries(i.keys).map(([Name, d]) => ({ Name, Direction: String(d) })) },
        })),
      });
    },
    async listFunctions() {
      return (await fns.listAllFunctions({ envId: creds.envId })).map((f) => f.FunctionName);
    },
    async getFunction(name): Promise<CloudFunctionState> {
      const f = await fns.getFunctionDetail(name);
      const envVariables = Object.fromEntries((f.Environment?.Variables ?? []).map((v) => [v.Key, v.Value]));
      const triggers: TimerTrigger[] = (f.Triggers ?? []).filter((t) => t.Type === 'timer').map((t) => ({ name: t.TriggerName, type: 'timer', config: cronOf(t.TriggerDesc) }));
      return { name, runtime: f.Runtime, memorySize: f.MemorySize, timeout: f.Timeout, envVariables, triggers };
    },
    async createFunction(spec) {
      await fns.createFunction({
        func: { ...code(spec), timeout: spec.timeout, memorySize: spec.memorySize, envVariables: spec.envVariables, triggers: spec.triggers },
        functionRootPath: FUNCTION_ROOT,
        force: false,
      });
    },
    async updateFunction(spec) {
      await fns.updateFunctionCode({ func: { ...code(spec), isWaitInstall: true }, functionRootPath: FUNCTION_ROOT });
      await fns.waitFunctionActive(spec.name);
      await fns.updateFunctionConfig({ name: spec.name, timeout: spec.timeout, memorySize: spec.memorySize, envVariables: spec.envVariables });
      await fns.waitFunctionActive(spec.name);
    },
    async createTriggers(functionName, triggers) {
      await fns.createFunctionTriggers(functionName, triggers);
    },
    async deleteTrigger(functionName, triggerName) {
      await fns.deleteFunctionTrigger(functionName, triggerName);
    },
  };
}
