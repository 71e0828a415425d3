import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudFunctionMain } from '../../cloudfunctions/_kit/create-handler';
import { newId } from '../../cloudfunctions/_kit/ids';
import { platformContext } from '../../cloudfunctions/_kit/identity';

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

  invoke(name: string, event: unknown, identity: { source: string; openid?: string; unionid?: string }): Promise<unknown> {
    const requestId = newId('req');
    const context = platformContext({ requestId, functionName: name, appid: 'wx_local_dev', ...identity });
    return this.load(name)(event, context);
  }
}
