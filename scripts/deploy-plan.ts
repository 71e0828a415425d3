import { COLLECTIONS } from '../shared/schemas/indexes';
import { generateCloudbaserc } from './cloudbaserc';

/** What `npm run deploy` creates: collections with their indexes, functions with their config. */
export function deployPlan(envId: string) {
  const rc = generateCloudbaserc();
  return {
    envId,
    collections: COLLECTIONS.map((c) => ({
      name: c.name,
      indexes: c.indexes.map((i) => ({ name: i.name, unique: !!i.unique, keys: Object.entries(i.keys).map(([k, d]) => `${k}:${d === 1 ? 'asc' : 'desc'}`) })),
    })),
    functions: rc.functions.map((f) => ({ name: f.name, timeout: f.timeout, memorySize: f.memorySize, runtime: f.runtime, triggers: f.triggers })),
  };
}
