import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureWeappBuild } from './support/weapp-build';
import { WEAPP_DIST } from './support/weapp-shim';

/**
 * The built weapp bundle: nothing a customer loads (main package, customer subpackages) may call
 * BigInt at load — zod does (its int64/uint64 ranges), and a client without BigInt would fail to
 * start. zod is only in the operator subpackage (packages/ops/zod-setup.ts; README "Deploy").
 */
const OPS = 'packages/ops';

function jsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...jsFiles(p));
    else if (e.endsWith('.js')) out.push(p);
  }
  return out;
}

describe('weapp client bundle', () => {
  beforeAll(() => ensureWeappBuild(), 300_000);

  test('no BigInt( outside the operator subpackage; zod\'s BigInt is found where zod is', () => {
    const files = jsFiles(WEAPP_DIST).map((f) => ({ rel: path.relative(WEAPP_DIST, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }));
    expect(files.some((f) => f.rel === 'app.js')).toBe(true);
    const customer = files.filter((f) => !f.rel.startsWith(`${OPS}/`));
    expect(customer.filter((f) => f.text.includes('BigInt(')).map((f) => f.rel)).toEqual([]);
    // The scan would see it: zod's ranges are in the operator subpackage's vendor chunk.
    const ops = files.filter((f) => f.rel.startsWith(`${OPS}/`) && f.text.includes('BigInt("9223372036854775807")'));
    expect(ops.length).toBeGreaterThan(0);
  });
});
