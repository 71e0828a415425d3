/**
 * The first-owner claim code (issue 14): what a person types on 成为店主（首次开店）. Pure rules
 * shared by the server, the deploy script and the Mini Program's form; generating and hashing live
 * in cloudfunctions/_kit/owner-claim.ts (node:crypto).
 *
 * 12 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown in three groups of
 * four: 31^12 ≈ 2^59 codes — with five tries per account before a lock, guessing is hopeless.
 */
export const CLAIM_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CLAIM_CODE_LENGTH = 12;
export const CLAIM_CODE_GROUP = 4;

/** Failed tries per account before the claim locks for that account. */
export const CLAIM_MAX_FAILURES = 5;
/** How long a lock lasts; afterwards the account gets five more tries. */
export const CLAIM_LOCK_MS = 60 * 60_000;

/** As typed → as hashed: case-insensitive, spaces and dashes ignored. */
export const normalizeClaimCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');

/** "ABCD-EFGH-JKMN" (what the deploy prints). */
export const formatClaimCode = (code: string): string => {
  const n = normalizeClaimCode(code);
  const groups: string[] = [];
  for (let i = 0; i < n.length; i += CLAIM_CODE_GROUP) groups.push(n.slice(i, i + CLAIM_CODE_GROUP));
  return groups.join('-');
};

/** Why a typed code cannot be right, before asking the server (or null when it has the right shape). */
export function claimCodeProblem(typed: string): string | null {
  const n = normalizeClaimCode(typed);
  if (!n) return '请输入部署时打印的 12 位认领码。';
  if (n.length !== CLAIM_CODE_LENGTH) return `认领码是 ${CLAIM_CODE_LENGTH} 位（当前 ${n.length} 位），请核对部署时打印的认领码。`;
  const bad = [...n].find((c) => !CLAIM_CODE_ALPHABET.includes(c));
  if (bad) return `认领码中没有「${bad}」这个字符（认领码不含 0、O、1、I、L），请核对后重新输入。`;
  return null;
}

/**
 * `ops.role`: whether the caller is an operator / owner (the 我的 entry to 运营后台) and — only
 * while the store has no owner — how its first owner can be made: with the claim code (the deploy
 * set OWNER_CLAIM_SHA256 on `ops`) and/or by the account named in OWNER_OPENID. 我的 shows
 * 成为店主（首次开店） while `firstOwner` is present.
 */
export interface OpsRoleView {
  operator: boolean;
  owner: boolean;
  /** A 跟进专员 (settings.staff): the 我的 entry to 一对一跟进 only. */
  staff?: boolean;
  firstOwner?: { code: boolean; ownerOpenid: boolean };
}
