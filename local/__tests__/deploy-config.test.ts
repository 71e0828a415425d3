import { readFileSync } from 'node:fs';
import { COLLECTIONS } from '../../shared/schemas/indexes';
import { CLOUDBASERC_PATH, readFunctionConfig, renderCloudbaserc } from '../../scripts/cloudbaserc';
import { deployPlan } from '../../scripts/deploy-plan';
import { listFunctionNames } from '../gateway/functions';

describe('deploy as code', () => {
  test('committed cloudbaserc.json matches the functions\' config.json files (run scripts/cloudbaserc.ts --write)', () => {
    expect(readFileSync(CLOUDBASERC_PATH, 'utf8')).toBe(renderCloudbaserc());
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
    }
    expect(deployPlan('env').collections.map((c) => c.name)).toEqual([...names]);
  });
});
