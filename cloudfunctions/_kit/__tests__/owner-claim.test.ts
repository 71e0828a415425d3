import { createHash } from 'node:crypto';
import { CLAIM_CODE_ALPHABET, normalizeClaimCode } from '../../../shared/ops/owner-claim';
import { claimCodeMatches, configuredClaimHash, hashClaimCode, newOwnerClaim } from '../owner-claim';

/**
 * The claim code's contract with the deploy script (which generates the code, prints it once and
 * sets OWNER_CLAIM_SHA256 on `ops`): hex SHA-256 over the code normalised to upper case without
 * spaces or dashes. Anything else in the variable closes the claim instead of opening it.
 */
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

test('the hash is plain hex SHA-256 of the normalised code (what another tool can compute)', () => {
  expect(hashClaimCode('abcd-efgh-jkmn')).toBe(sha256('ABCDEFGHJKMN'));
  expect(hashClaimCode(' ABCD EFGH JKMN ')).toBe(sha256('ABCDEFGHJKMN'));
});

test('fresh codes: 12 characters of the alphabet in three groups, all different, hash matching', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 200; i++) {
    const c = newOwnerClaim();
    expect(c.code).toMatch(/^[^-]{4}-[^-]{4}-[^-]{4}$/);
    for (const ch of normalizeClaimCode(c.code)) expect(CLAIM_CODE_ALPHABET).toContain(ch);
    expect(c.sha256).toBe(sha256(normalizeClaimCode(c.code)));
    seen.add(c.code);
  }
  expect(seen.size).toBe(200);
});

test('matching: the typed code against the configured hash', () => {
  const c = newOwnerClaim();
  const expected = configuredClaimHash({ OWNER_CLAIM_SHA256: c.sha256.toUpperCase() })!;
  expect(claimCodeMatches(c.code.toLowerCase(), expected)).toBe(true);
  expect(claimCodeMatches(c.code.slice(0, -1), expected)).toBe(false);
  expect(claimCodeMatches('', expected)).toBe(false);
});

test.each([[undefined], [''], ['not-hex'], ['ab'.repeat(31)], [sha256('x') + '0']])('OWNER_CLAIM_SHA256=%j → closed', (v) => {
  expect(configuredClaimHash(v === undefined ? {} : { OWNER_CLAIM_SHA256: v })).toBeUndefined();
});
