import { readFileSync } from 'node:fs';
import { COLLECTIONS } from '../../shared/schemas/indexes';
import { CLOUDBASERC_PATH, readFunctionConfig, renderCloudbaserc } from '../../scripts/cloudbaserc';
import { EXTERNAL, pinnedVersionOf } from '../../scripts/build-functions';
import { declared } from '../../scripts/deploy/declared';
import { isSupportedRuntime, parseRuntime, SUPPORTED_RUNTIMES } from '../../scripts/runtime/runtimes';
import { listFunctionNames } from '../gateway/functions';

describe('deploy as code', () => {
  test('committed cloudbaserc.json matches the functions\' config.json files (run scripts/cloudbaserc.ts --write)', () => {
    expect(readFileSync(CLOUDBASERC_PATH, 'utf8')).toBe(renderCloudbaserc());
  });

  test('every function runs on a supported CloudBase runtime, Node 18 or later (16.13 is end of life)', () => {
    const rc = JSON.parse(readFileSync(CLOUDBASERC_PATH, 'utf8')) as { functions: Array<{ name: string; runtime: string }> };
    expect(rc.functions.length).toBe(listFunctionNames().length);
    for (const f of rc.functions) {
      expect({ fn: f.name, supported: isSupportedRuntime(f.runtime) }).toEqual({ fn: f.name, supported: true });
      expect(parseRuntime(f.runtime).major).toBeGreaterThanOrEqual(18);
    }
    // The allowed list itself must not quietly grow an end-of-life runtime back.
    for (const r of SUPPORTED_RUNTIMES) expect(parseRuntime(r).major).toBeGreaterThanOrEqual(18);
    expect(() => parseRuntime('Nodejs20')).toThrow(/not a CloudBase Node runtime name/);
  });

  test('every package the platform installs for a bundle is pinned to the exact installed version', () => {
    for (const dep of EXTERNAL) expect(pinnedVersionOf(dep)).toMatch(/^\d+\.\d+\.\d+$/);
    expect(() => pinnedVersionOf('no-such-package-here')).toThrow(/must be pinned to an exact version/);
  });

  test('every function has a valid config.json', () => {
    const names = listFunctionNames();
    expect(names).toContain('catalog');
    for (const n of names) expect(() => readFunctionConfig(n)).not.toThrow();
  });

  test('index declarations are well-formed and unique per collection', () => {
    const names = new Set<string>();
    for (const c of COLLECTIONS) {
      expect(names.has(c.name)).toBe(false);
      names.add(c.name);
      const idx = new Set<string>();
      for (const i of c.indexes) {
        expect(idx.has(i.name)).toBe(false);
        idx.add(i.name);
        expect(Object.keys(i.keys).length).toBeGreaterThan(0);
      }
      // CloudBase allows at most 20 indexes per collection (shared/PLATFORM.md "CloudBase database"); _id's is counted too, to be safe.
      expect({ c: c.name, n: c.indexes.length + 1 <= 20 }).toEqual({ c: c.name, n: true });
    }
    expect(declared([]).collections.map((c) => c.name)).toEqual([...names]);
  });
});
