import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FUNCTION_ENV_VARS, NOT_DEPLOYED } from '../../scripts/deploy/env-vars';
import { hashClaimCode as ownerClaimHash, newOwnerClaim } from '../../cloudfunctions/_kit/owner-claim';
import { CLAIM_CODE_ALPHABET as OWNER_CLAIM_ALPHABET, normalizeClaimCode as normalizeOwnerClaimCode } from '../../shared/ops/owner-claim';

const ROOT = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    if (e === '__tests__' || e === 'node_modules') continue;
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx|js)$/.test(e)) out.push(p);
  }
  return out;
}

/** Every `process.env` access in deployed code, as (module, name); a dynamic or destructured access is reported as such. */
function envReads(): Array<{ module: string; name: string }> {
  const reads: Array<{ module: string; name: string }> = [];
  for (const file of sourceFiles(path.join(ROOT, 'cloudfunctions'))) {
    const module = path.relative(ROOT, file).split(path.sep).join('/');
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    for (const m of text.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]|(\s*\[)|(\s*[;,)}]))/g)) {
      const name = m[1] ?? m[2] ?? (m[3] ? '<dynamic process.env[...]>' : '<process.env used whole>');
      reads.push({ module, name });
    }
  }
  return reads;
}

describe('environment variables of deployed code are declared once (scripts/deploy/env-vars.ts)', () => {
  test('every process.env read in cloudfunctions/ is declared with its module, or listed as platform/local-only', () => {
    const reads = envReads();
    expect(reads.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const r of reads) {
      if (r.name in NOT_DEPLOYED) continue;
      const decl = FUNCTION_ENV_VARS.find((v) => v.name === r.name);
      if (!decl) problems.push(`${r.module} reads ${r.name}, which is not declared in scripts/deploy/env-vars.ts (a deploy would never set it)`);
      else if (!decl.readBy.includes(r.module)) problems.push(`${r.module} reads ${r.name} but is not in its readBy (functions bundling it would not get the variable)`);
    }
    expect(problems).toEqual([]);
  });

  test('each declared reader exists and really reads its variable (no declaration outlives its code)', () => {
    const reads = envReads();
    for (const v of FUNCTION_ENV_VARS)
      for (const m of v.readBy) expect({ v: v.name, m, reads: reads.some((r) => r.module === m && r.name === v.name) }).toEqual({ v: v.name, m, reads: true });
    // A variable with no reader on this branch must name who gets it (the owner bootstrap contract with `ops`).
    for (const v of FUNCTION_ENV_VARS) if (!v.readBy.length) expect({ v: v.name, functions: v.functions ?? [] }).toEqual({ v: v.name, functions: ['ops'] });
    expect(new Set(FUNCTION_ENV_VARS.map((v) => v.name)).size).toBe(FUNCTION_ENV_VARS.length);
  });

  test('the scan sees what it must: a read by name, by string index, a dynamic one', () => {
    // The regex used above, on a sample: if it stopped matching, the first test would pass vacuously.
    const sample = "a = process.env.FOO_BAR; b = process.env['BAZ']; c = process.env[key]; d = { ...process.env };";
    const names = [...sample.matchAll(/process\.env(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\]|(\s*\[)|(\s*[;,)}]))/g)].map((m) => m[1] ?? m[2] ?? (m[3] ? 'dynamic' : 'whole'));
    expect(names).toEqual(['FOO_BAR', 'BAZ', 'dynamic', 'whole']);
    expect(envReads()).toEqual(expect.arrayContaining([{ module: 'cloudfunctions/_kit/payments/cloudpay-adapter.ts', name: 'WECHAT_PAY_SUB_MCH_ID' }]));
  });
});

describe('owner claim code (contract with ops: OWNER_CLAIM_SHA256)', () => {
  test('12 characters from the unambiguous alphabet, shown as XXXX-XXXX-XXXX', () => {
    expect(OWNER_CLAIM_ALPHABET).toBe('23456789ABCDEFGHJKMNPQRSTUVWXYZ');
    const seen = new Set<string>();
    const codes = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { code } = newOwnerClaim();
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/);
      for (const ch of code.replace(/-/g, '')) seen.add(ch);
      codes.add(code);
    }
    expect([...seen].sort().join('')).toBe([...OWNER_CLAIM_ALPHABET].sort().join(''));
    expect(codes.size).toBe(2000);
  });

  test('hash = lowercase hex sha256 of the code upper-cased without spaces or dashes', () => {
    const expected = createHash('sha256').update('ABCDEFGHJKMN', 'utf8').digest('hex');
    expect(ownerClaimHash('ABCD-EFGH-JKMN')).toBe(expected);
    expect(ownerClaimHash(' abcd efgh-jkmn ')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizeOwnerClaimCode('ab-cd ef')).toBe('ABCDEF');
    const c = newOwnerClaim();
    expect(c.sha256).toBe(ownerClaimHash(c.code));
  });
});
