/**
 * The one-time code that lets the brand become the first owner after a first deploy. The deploy
 * prints the code once and stores only its hash on the `ops` function (OWNER_CLAIM_SHA256); `ops`
 * compares the hash of what the claimant types with it.
 *
 * Contract shared with `ops` (cloudfunctions/_kit/owner-claim.ts on the launch branch; the two are
 * deduplicated when both land): alphabet without 0/O, 1/I/L; 12 characters from crypto.randomInt;
 * shown as XXXX-XXXX-XXXX; hash = lowercase hex sha256 of the UTF-8 code upper-cased with spaces
 * and dashes removed, so a code typed in lower case or without dashes still matches.
 */
import { createHash, randomInt } from 'node:crypto';

export const OWNER_CLAIM_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const OWNER_CLAIM_LENGTH = 12;

/** What a person types, reduced to the 12 characters that are hashed. */
export const normalizeOwnerClaimCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');

export const ownerClaimHash = (code: string): string => createHash('sha256').update(normalizeOwnerClaimCode(code), 'utf8').digest('hex');

export interface OwnerClaim {
  /** XXXX-XXXX-XXXX: printed once, never stored. */
  code: string;
  /** Set on `ops` as OWNER_CLAIM_SHA256. */
  sha256: string;
}

export function newOwnerClaim(): OwnerClaim {
  let raw = '';
  for (let i = 0; i < OWNER_CLAIM_LENGTH; i++) raw += OWNER_CLAIM_ALPHABET[randomInt(OWNER_CLAIM_ALPHABET.length)];
  const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
  return { code, sha256: ownerClaimHash(code) };
}
