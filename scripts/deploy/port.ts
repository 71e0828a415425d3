import type { IndexDecl } from '../../shared/schemas/indexes';
import type { ExistingIndex } from './index-diff';

/**
 * What the deploy needs from a CloudBase environment — our interface, not the SDK's. The real
 * adapter (./manager-port.ts) maps each method onto one or two @cloudbase/manager-node calls and
 * nothing else; all decisions (what to create, what conflicts, which variables) are in ./plan.ts
 * and ./apply.ts, which the unit tests drive with an in-memory fake of this interface.
 */
export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** 7-field cron (shared/PLATFORM.md "Timer trigger"). */
  config: string;
}

export interface CloudFunctionState {
  name: string;
  runtime: string;
  memorySize: number;
  timeout: number;
  envVariables: Record<string, string>;
  triggers: TimerTrigger[];
}

export interface FunctionSpec {
  name: string;
  runtime: string;
  timeout: number;
  memorySize: number;
  handler: string;
  /** The complete list: the platform replaces the function's variables with exactly these. */
  envVariables: Record<string, string>;
  triggers: TimerTrigger[];
}

export interface CloudPort {
  listCollections(): Promise<string[]>;
  createCollection(name: string): Promise<void>;
  listIndexes(collection: string): Promise<ExistingIndex[]>;
  createIndexes(collection: string, indexes: IndexDecl[]): Promise<void>;
  /** Names of the functions that exist. */
  listFunctions(): Promise<string[]>;
  getFunction(name: string): Promise<CloudFunctionState>;
  /** New function: code from dist/functions/<name>, runtime, config, environment, triggers. */
  createFunction(spec: FunctionSpec): Promise<void>;
  /** Existing function: new code, then timeout/memory/environment (never triggers: see apply.ts). */
  updateFunction(spec: FunctionSpec): Promise<void>;
  createTriggers(functionName: string, triggers: TimerTrigger[]): Promise<void>;
  deleteTrigger(functionName: string, triggerName: string): Promise<void>;
}
