import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudFunctionMain } from '../../cloudfunctions/_kit/create-handler';
import { newId } from '../../cloudfunctions/_kit/ids';
import { buildContext, type PlatformContext } from '../../cloudfunctions/_kit/platform/contexts';

/** The AppID local mode plays (the pay simulator signs with the same). */
export const LOCAL_APPID = 'wx_local_dev';

export const FUNCTIONS_ROOT = path.resolve(__dirname, '../../cloudfunctions');

/** Every deployable function: a folder under cloudfunctions/ with an index.ts, except `_kit`. */
export function listFunctionNames(root = FUNCTIONS_ROOT): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && existsSync(path.join(root, d.name, 'index.ts')))
    .map((d) => d.name)
    .sort();
}

/**
 * The same handlers that are deployed, loaded in-process. Each invocation gets its own
 * platform-shaped context, so identity never leaks between concurrent calls.
 */
export class FunctionRegistry {
  private readonly names: Set<string>;
  private readonly loaded = new Map<string, CloudFunctionMain>();
  private readonly taps = new Set<InvocationTap>();

  constructor(private readonly root = FUNCTIONS_ROOT) {
    this.names = new Set(listFunctionNames(root));
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  list(): string[] {
    return [...this.names];
  }

  /** Whether the function declares a timer trigger in its config.json (as deployed). */
  hasTimer(name: string): boolean {
    const file = path.join(this.root, name, 'config.json');
    if (!existsSync(file)) return false;
    const cfg = JSON.parse(readFileSync(file, 'utf8')) as { triggers?: Array<{ type?: string }> };
    return (cfg.triggers ?? []).some((t) => t.type === 'timer');
  }

  private load(name: string): CloudFunctionMain {
    let main = this.loaded.get(name);
    if (!main) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(this.root, name, 'index.ts')) as { main?: CloudFunctionMain };
      if (typeof mod.main !== 'function') throw new Error(`cloudfunctions/${name}/index.ts does not export main`);
      main = mod.main;
      this.loaded.set(name, main);
    }
    return main;
  }

  /**
   * `identity.source` is the raw TCB_SOURCE the platform would send (`wx_client`, `wx_paycallback`,
   * `wx_trigger`, `wx_client,scf`…); the context is built in the fixtures' shape, new format unless
   * `format: 'legacy'`.
   */
  invoke(name: string, event: unknown, identity: { source: string; openid?: string; unionid?: string; format?: 'json' | 'legacy' }): Promise<unknown> {
    const requestId = newId('req');
    const context = buildContext({ requestId, functionName: name, appid: LOCAL_APPID, ...identity });
    const answer = this.load(name)(event, context);
    if (this.taps.size) void answer.then((a) => this.taps.forEach((t) => t({ name, event, context, answer: a })), () => undefined);
    return answer;
  }

  /** Observe every invocation the local platform makes (the platform contract test reads them all). */
  tap(listener: InvocationTap): () => void {
    this.taps.add(listener);
    return () => this.taps.delete(listener);
  }
}

export type InvocationTap = (call: { name: string; event: unknown; context: PlatformContext; answer: unknown }) => void;
