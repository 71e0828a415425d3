import { build, type Metafile } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * zod evaluates `BigInt(...)` when it loads, which throws on a client without BigInt. So the
 * Mini Program's main package and customer subpackages must not import it; only the operator
 * subpackage does, through packages/ops/zod-setup.ts (jitless first). Checked on the import graph
 * of the sources (esbuild, type-only imports dropped as Taro's babel drops them); the built bundle
 * itself is checked by miniprogram/__tests__/client-bundle.sim.test.ts.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const ZOD_SETUP = 'miniprogram/packages/ops/zod-setup.ts';
const OPS_ROOT = 'packages/ops';

interface AppConfig {
  pages: string[];
  subPackages: Array<{ root: string; pages: string[] }>;
}

function appConfig(): AppConfig {
  (globalThis as unknown as { defineAppConfig: (c: AppConfig) => AppConfig }).defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../miniprogram/app.config').default as AppConfig;
}

function pageFile(page: string): string {
  for (const ext of ['.tsx', '.ts']) if (existsSync(path.join(ROOT, 'miniprogram', page + ext))) return `miniprogram/${page}${ext}`;
  throw new Error(`no source for page ${page}`);
}

async function graph(entries: string[]): Promise<Metafile['inputs']> {
  const res = await build({
    entryPoints: entries.map((e) => path.join(ROOT, e)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    outdir: path.join(ROOT, '.cache', 'weapp-zod-graph'),
    platform: 'neutral',
    format: 'esm',
    mainFields: ['module', 'main'],
    jsx: 'automatic',
    alias: { '@shared': path.join(ROOT, 'shared') },
    // Only what our code imports matters here; Taro, React and mobx never import zod.
    external: ['@tarojs/*', 'react', 'react-dom', 'react/jsx-runtime', 'mobx', 'mobx-react-lite'],
    loader: { '.css': 'empty', '.scss': 'empty', '.png': 'empty', '.jpg': 'empty', '.svg': 'empty' },
    logLevel: 'error',
  });
  return res.metafile.inputs;
}

const isZod = (p: string) => p.includes('node_modules/zod/');

/** Every input that is zod or reaches it through its imports. */
function reachingZod(inputs: Metafile['inputs']): Set<string> {
  const reach = new Set(Object.keys(inputs).filter(isZod));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [f, i] of Object.entries(inputs))
      if (!reach.has(f) && i.imports.some((imp) => reach.has(imp.path))) {
        reach.add(f);
        changed = true;
      }
  }
  return reach;
}

describe('zod stays out of what customers load (it evaluates BigInt at load)', () => {
  const cfg = appConfig();
  const customerEntries = ['miniprogram/app.ts', ...cfg.pages.map(pageFile), ...cfg.subPackages.filter((s) => s.root !== OPS_ROOT).flatMap((s) => s.pages.map((p) => pageFile(`${s.root}/${p}`)))];
  const opsEntries = cfg.subPackages.filter((s) => s.root === OPS_ROOT).flatMap((s) => s.pages.map((p) => pageFile(`${s.root}/${p}`)));

  test('app.ts, the main package pages and the customer subpackages import no zod', async () => {
    expect(customerEntries.length).toBeGreaterThan(8);
    const inputs = await graph(customerEntries);
    const reach = reachingZod(inputs);
    const importers = Object.entries(inputs)
      .filter(([f, i]) => !isZod(f) && i.imports.some((imp) => isZod(imp.path)))
      .map(([f]) => f);
    expect({ importers, reachingZod: [...reach].filter((f) => !isZod(f)) }).toEqual({ importers: [], reachingZod: [] });
  });

  test('in the operator subpackage every module that brings in a schema imports zod-setup first', async () => {
    expect(opsEntries.length).toBeGreaterThan(5);
    const inputs = await graph(opsEntries);
    const reach = reachingZod(inputs);
    // The analysis sees zod where it is (otherwise the test above would pass for nothing).
    expect(reach.has(ZOD_SETUP)).toBe(true);
    expect([...reach].some((f) => f.startsWith('shared/'))).toBe(true);
    const late: string[] = [];
    for (const [f, i] of Object.entries(inputs)) {
      if (!f.startsWith('miniprogram/') || f === ZOD_SETUP) continue;
      const entersZod = i.imports.some((imp) => reach.has(imp.path) && (imp.path.startsWith('shared/') || isZod(imp.path)));
      if (entersZod && i.imports[0]?.path !== ZOD_SETUP) late.push(`${f}: first import is ${i.imports[0]?.path}, must be ${ZOD_SETUP}`);
    }
    expect(late).toEqual([]);
  });
});
