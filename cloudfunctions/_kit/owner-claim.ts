import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { CLAIM_CODE_ALPHABET, CLAIM_CODE_LENGTH, formatClaimCode, normalizeClaimCode } from '../../shared/ops/owner-claim';

/**
 * The one-time first-owner claim (issue 14). The deploy script calls `newOwnerClaim()`, sets
 * `OWNER_CLAIM_SHA256 = sha256` in the `ops` function's environment and prints `code` once; the
 * code itself is stored nowhere. `ops.claimOwner` hashes what the person typed and compares it
 * with the environment's hash in constant time.
 */
export interface OwnerClaim {
  /** What the person types, grouped: "ABCD-EFGH-JKMN". */
  code: string;
  /** Lowercase hex SHA-256 of the normalised code (no dashes, upper case). */
  sha256: string;
}

export const OWNER_CLAIM_ENV = 'OWNER_CLAIM_SHA256';
/** Alternative bootstrap: this openid becomes the owner the first time it opens 我的 (ops.role). */
export const OWNER_OPENID_ENV = 'OWNER_OPENID';

export const hashClaimCode = (typed: string): string => createHash('sha256').update(normalizeClaimCode(typed), 'utf8').digest('hex');

/** A fresh random code (crypto.randomInt: uniform over the alphabet, no modulo bias) and its hash. */
export function newOwnerClaim(): OwnerClaim {
  let raw = '';
  for (let i = 0; i < CLAIM_CODE_LENGTH; i++) raw += CLAIM_CODE_ALPHABET[randomInt(CLAIM_CODE_ALPHABET.length)];
  return { code: formatClaimCode(raw), sha256: hashClaimCode(raw) };
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The configured hash, or undefined when the env var is absent or not a SHA-256 (the claim is then closed). */
export function configuredClaimHash(env: Record<string, string | undefined> = { [OWNER_CLAIM_ENV]: process.env.OWNER_CLAIM_SHA256 }): Buffer | undefined {
  const v = env[OWNER_CLAIM_ENV]?.trim();
  return v && HEX_SHA256.test(v) ? Buffer.from(v, 'hex') : undefined;
}

/** The OWNER_OPENID bootstrap's openid (trimmed), or undefined when unset. */
export function configuredOwnerOpenid(env: Record<string, string | undefined> = { [OWNER_OPENID_ENV]: process.env.OWNER_OPENID }): string | undefined {
  const v = env[OWNER_OPENID_ENV]?.trim();
  return v ? v : undefined;
}

/** Constant-time: both sides are 32-byte digests, so the comparison takes as long whatever was typed. */
export function claimCodeMatches(typed: string, expected: Buffer): boolean {
  const got = createHash('sha256').update(normalizeClaimCode(typed), 'utf8').digest();
  return expected.length === got.length && timingSafeEqual(got, expected);
}
