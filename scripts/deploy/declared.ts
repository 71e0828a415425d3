import { COLLECTIONS, type CollectionDecl } from '../../shared/schemas/indexes';
import type { BuiltFunction } from '../build-functions';
import { readFunctionConfig } from '../cloudbaserc';
import { DECLARED_RUNTIME } from '../runtime/runtimes';
import { varsFor, type EnvVarDecl } from './env-vars';
import type { TimerTrigger } from './port';

/** One function as the repository declares it: config.json, the declared runtime, what its bundle reads. */
export interface DeclaredFunction {
  name: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  handler: string;
  triggers: TimerTrigger[];
  /** Cloud calls it may make (config.json permissions.openapi). */
  openapi: string[];
  envVars: EnvVarDecl[];
  bundleBytes: number;
  /** Packages the platform installs from the bundle's package.json. */
  deps: string[];
}

export interface Declared {
  collections: CollectionDecl[];
  functions: DeclaredFunction[];
}

/** Everything a deploy creates, from the one declaration of each thing (indexes.ts, config.json, runtimes.ts, env-vars.ts). */
export function declared(bundles: BuiltFunction[]): Declared {
  return {
    collections: COLLECTIONS,
    functions: bundles.map((b) => {
      const c = readFunctionConfig(b.name);
      return {
        name: b.name,
        runtime: DECLARED_RUNTIME,
        timeout: c.timeout,
        memorySize: c.memorySize,
        handler: 'index.main',
        triggers: c.triggers,
        openapi: c.permissions.openapi,
        envVars: varsFor(b.name, b.modules),
        bundleBytes: b.bytes,
        deps: b.deps,
      };
    }),
  };
}
