import { COLLECTIONS } from '../shared/schemas/indexes';
import { generateCloudbaserc, readFunctionConfig } from './cloudbaserc';

/** What `npm run deploy` creates: collections with their indexes, functions with their config. */
export function deployPlan(envId: string) {
  const rc = generateCloudbaserc();
  return {
    envId,
    collections: COLLECTIONS.map((c) => ({
      name: c.name,
      indexes: c.indexes.map((i) => ({ name: i.name, unique: !!i.unique, keys: Object.entries(i.keys).map(([k, d]) => `${k}:${d === 1 ? 'asc' : 'desc'}`) })),
    })),
    // openapi permissions travel in each function's config.json (deployed beside its code): cloud calls it may make.
    functions: rc.functions.map((f) => ({ name: f.name, timeout: f.timeout, memorySize: f.memorySize, runtime: f.runtime, triggers: f.triggers, openapi: readFunctionConfig(f.name).permissions.openapi })),
  };
}
