/**
 * Bundles each cloud function (esbuild) into dist/functions/<fn>/ with a generated package.json
 * listing only the runtime dependencies that bundle really imports (the SDK stays external so
 * CloudBase installs it in the cloud), plus its config.json. Prints sizes.
 */
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { listFunctionNames } from '../local/gateway/functions';
import { DECLARED_RUNTIME, esbuildTarget } from './runtime/runtimes';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'dist', 'functions');
/** Packages the platform installs from package.json instead of us bundling them. */
export const EXTERNAL = ['@cloudbase/node-sdk', 'wx-server-sdk'];

const rootPkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/**
 * The exact version a bundle's package.json asks the platform for. CloudBase runs `npm install`
 * on it, so a range (or 'latest') would let each deploy pick a different SDK: the version must be
 * pinned exactly in the root package.json and be the one installed here, which is the one every
 * local test and the bundle-runtime harness ran against.
 */
export function pinnedVersionOf(name: string): string {
  const declared: string | undefined = rootPkg.dependencies?.[name] ?? rootPkg.devDependencies?.[name];
  if (!declared || !/^\d+\.\d+\.\d+$/.test(declared)) throw new Error(`${name} must be pinned to an exact version in package.json (found ${JSON.stringify(declared)})`);
  const installed = path.join(ROOT, 'node_modules', name, 'package.json');
  const version = existsSync(installed) ? (JSON.parse(readFileSync(installed, 'utf8')).version as string) : undefined;
  if (version !== declared) throw new Error(`${name}: package.json pins ${declared} but node_modules has ${version ?? 'nothing'} — run npm install`);
  return declared;
}

/** zod's locale index → ours (scripts/runtime/zod-locales.ts): Chinese and English only. */
const ZOD_LOCALES: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (args.importer.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`) ? { path: path.join(ROOT, 'scripts', 'runtime', 'zod-locales.ts') } : undefined));
  },
};

/** One function's esbuild options; the same ones decide what a deployed bundle contains. */
function bundleOptions(name: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: [path.join(ROOT, 'cloudfunctions', name, 'index.ts')],
    // Metafile paths are relative to this: repo-relative whatever the caller's cwd.
    absWorkingDir: ROOT,
    outfile: path.join(OUT, name, 'index.js'),
    bundle: true,
    platform: 'node',
    // The bundle may use exactly what the declared CloudBase runtime's Node has.
    target: esbuildTarget(DECLARED_RUNTIME),
    format: 'cjs',
    external: EXTERNAL,
    minify: true,
    sourcemap: false,
    metafile: true,
    legalComments: 'none',
    plugins: [ZOD_LOCALES],
    logLevel: 'warning',
    tsconfig: path.join(ROOT, 'tsconfig.json'),
  };
}

/** Repo-relative source files a function's bundle contains (nothing written): who bundles what. */
export async function bundleModules(name: string): Promise<string[]> {
  return (await bundleOne(name, false)).modules;
}

const sourcesOf = (meta: Metafile): string[] => Object.keys(meta.inputs).filter((f) => !f.startsWith('node_modules/')).sort();

export interface BuiltFunction {
  name: string;
  bytes: number;
  /** Packages the platform installs (the bundle's package.json dependencies). */
  deps: string[];
  /** Repo-relative source files inside the bundle (which adapters, which env reads). */
  modules: string[];
}

async function bundleOne(name: string, write: boolean): Promise<BuiltFunction> {
  const res = await build({ ...bundleOptions(name), write });
  const imported = new Set<string>();
  for (const input of Object.values(res.metafile.inputs)) {
    for (const imp of input.imports) if (imp.external && EXTERNAL.includes(imp.path)) imported.add(imp.path);
  }
  const bytes = write ? statSync(path.join(OUT, name, 'index.js')).size : res.outputFiles!.reduce((n, f) => n + f.contents.length, 0);
  return { name, bytes, deps: [...imported].sort(), modules: sourcesOf(res.metafile) };
}

/** What each bundle would be, without writing anything (deploy dry-run). */
export async function analyzeFunctions(names = listFunctionNames()): Promise<BuiltFunction[]> {
  const out: BuiltFunction[] = [];
  for (const name of names) out.push(await bundleOne(name, false));
  return out;
}

export async function buildFunctions(names = listFunctionNames()): Promise<BuiltFunction[]> {
  rmSync(OUT, { recursive: true, force: true });
  const results: BuiltFunction[] = [];
  for (const name of names) {
    const dir = path.join(OUT, name);
    mkdirSync(dir, { recursive: true });
    const built = await bundleOne(name, true);
    const pkg = {
      name: `member-store-fn-${name}`,
      version: rootPkg.version,
      private: true,
      main: 'index.js',
      dependencies: Object.fromEntries(built.deps.map((d) => [d, pinnedVersionOf(d)])),
    };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
    const config = path.join(ROOT, 'cloudfunctions', name, 'config.json');
    if (existsSync(config)) cpSync(config, path.join(dir, 'config.json'));
    results.push(built);
  }
  return results;
}

if (require.main === module) {
  buildFunctions()
    .then((rows) => {
      for (const r of rows) process.stdout.write(`functions/${r.name}: ${(r.bytes / 1024).toFixed(1)} KB (deps: ${r.deps.join(', ') || 'none'})\n`);
    })
    .catch((e) => {
      process.stderr.write(`build:functions failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
}
