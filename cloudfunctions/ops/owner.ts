import { fail, ok, type Result } from '../../shared/errors/result';
import { CLAIM_LOCK_MS, CLAIM_MAX_FAILURES } from '../../shared/ops/owner-claim';
import { settingsSchema, type Settings } from '../../shared/schemas/settings';
import { formatDateTime } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { idFromKey } from '../_kit/ids';
import { claimCodeMatches, configuredClaimHash, OWNER_OPENID_ENV } from '../_kit/owner-claim';
import { SETTINGS_COLLECTION, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_money/tx';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';
import { OWNER_CLAIM_COLL, ownerClaimIdOf, type OwnerClaimAttempts } from '../_ops/owner-claims';

/**
 * The first owner of a freshly deployed store (issue 14). Production defaults have no operators
 * and no owners, so somebody has to become the first one, safely:
 *   (a) `ops.claimOwner {code}` with the one-time code the deploy printed (its SHA-256 is the
 *       `ops` function's OWNER_CLAIM_SHA256): open to any signed-in customer while the store has
 *       no owner; five wrong codes lock that account for an hour; dead once an owner exists.
 *   (b) OWNER_OPENID on the `ops` function: that openid becomes the owner the first time it asks
 *       `ops.role` (opening 我的) while the store has no owner.
 * Either way the caller becomes owner AND operator in one transaction on the settings document,
 * with the settings change record and an audit entry, so two claimants at once conflict and
 * exactly one of them ends up the owner.
 */
export interface OpsRoleView {
  operator: boolean;
  owner: boolean;
  /** The store has no owner and a claim is configured: 我的 shows 成为店主（首次开店）. */
  claimOpen: boolean;
}

type StoredSettings = Record<string, unknown> & { _id: string; _version?: number };

const settingsOf = (stored: StoredSettings | null): Settings => {
  const { _id, _version, updatedAt, updatedBy, ...rest } = stored ?? { _id: SETTINGS_ID };
  void _id; void _version; void updatedAt; void updatedBy;
  return settingsSchema.parse(rest);
};

const roleOf = (s: Settings, openid: string, claimOpen: boolean): OpsRoleView => {
  const owner = s.owners.includes(openid);
  return { operator: owner || s.operators.includes(openid), owner, claimOpen: claimOpen && s.owners.length === 0 };
};

/**
 * Makes `openid` the owner and an operator inside `tx` (the caller checked the store has none),
 * with the change record and the audit entry of `auditId`.
 */
async function becomeOwner(tx: Tx, stored: StoredSettings | null, before: Settings, openid: string, at: number, how: { auditId: string; action: 'owner.claim' | 'owner.bootstrap'; requestId: string; summary: string }): Promise<Settings> {
  const next: Settings = { ...before, owners: [openid], operators: before.operators.includes(openid) ? before.operators : [...before.operators, openid] };
  const version = (stored?._version ?? 0) + 1;
  const doc = { _id: SETTINGS_ID, ...next, _version: version, updatedAt: at, updatedBy: openid };
  await (stored ? txReplace(tx, SETTINGS_COLLECTION, doc) : txCreate(tx, SETTINGS_COLLECTION, doc));
  const staff = (s: Settings) => ({ owners: s.owners, operators: s.operators });
  await txCreate(tx, 'settings_changes', { _id: idFromKey('chg', openid, how.requestId), by: openid, at, version, changed: ['operators', 'owners'], before, after: next });
  await writeAudit(tx, { id: how.auditId, entity: 'settings', entityId: SETTINGS_ID, action: how.action, by: openid, at, summary: how.summary, before: staff(before), after: staff(next), requestId: how.requestId });
  return next;
}

/**
 * `ops.role`: whether the caller is an operator / owner (the 我的 entry to 运营后台) and whether an
 * owner claim is open. With OWNER_OPENID set, the store has no owner and that openid is asking, it
 * becomes the owner first (once: afterwards the store has an owner and this never runs again).
 */
export async function role(_input: Record<string, never>, ctx: ActionContext): Promise<Result<OpsRoleView>> {
  const claimOpen = configuredClaimHash() !== undefined;
  const s = await ctx.settings();
  const bootstrap = process.env[OWNER_OPENID_ENV]?.trim();
  if (s.owners.length > 0 || !bootstrap || bootstrap !== ctx.openid) return ok(roleOf(s, ctx.openid, claimOpen));
  const requestId = 'owner-openid';
  const after = await runInTransaction(ctx.db, async (tx) => {
    const stored = await txGet<StoredSettings>(tx, SETTINGS_COLLECTION, SETTINGS_ID);
    const before = settingsOf(stored);
    // Someone became the owner meanwhile: OWNER_OPENID no longer applies.
    if (before.owners.length > 0) return before;
    return becomeOwner(tx, stored, before, ctx.openid, ctx.now(), {
      auditId: auditIdFor(ctx.openid, requestId, 'owner.bootstrap', SETTINGS_ID),
      action: 'owner.bootstrap',
      requestId,
      summary: `${ctx.openid} 成为店主和运营人员（ops 云函数环境变量 OWNER_OPENID）`,
    });
  });
  ctx.log.log('info', 'owner bootstrap', { owners: after.owners.length });
  return ok(roleOf(after, ctx.openid, claimOpen));
}

type ClaimStep = { kind: 'owner'; settings: Settings } | { kind: 'wrong'; left: number; lockedUntil?: number };
type Refusal = ReturnType<typeof fail>;

/**
 * `ops.claimOwner {code, requestId}`. A retry of a successful claim (same request id) answers the
 * same; the caller already being the owner is success too. A wrong code is a refusal that IS
 * written (the count of failed tries, so the lock holds across calls) — the one refusal that
 * writes, deliberately.
 */
export async function claimOwner(input: { code: string; requestId: string }, ctx: ActionContext): Promise<Result<OpsRoleView>> {
  const now = ctx.now();
  const expected = configuredClaimHash();
  const auditId = auditIdFor(ctx.openid, input.requestId, 'owner.claim', SETTINGS_ID);
  const step = await runInTransaction(ctx.db, async (tx): Promise<ClaimStep | Refusal> => {
    const stored = await txGet<StoredSettings>(tx, SETTINGS_COLLECTION, SETTINGS_ID);
    const before = settingsOf(stored);
    if (before.owners.includes(ctx.openid) || (await priorAudit(tx, auditId))) return { kind: 'owner', settings: before };
    if (before.owners.length > 0) return fail('OWNER_EXISTS', '本店已有店主，认领码已失效。如需管理店铺，请联系店主在「设置 › 运营人员」中添加您。');
    if (!expected) return fail('OWNER_CLAIM_CLOSED', '本店没有开放店主认领：部署时没有生成认领码（ops 云函数缺少环境变量 OWNER_CLAIM_SHA256）。请让部署人员重新部署并记下打印的认领码，或在 ops 云函数的环境变量中设置 OWNER_OPENID。');
    const attemptsId = ownerClaimIdOf(ctx.openid);
    const attempts = await txGet<OwnerClaimAttempts>(tx, OWNER_CLAIM_COLL, attemptsId);
    if (attempts?.lockedUntil !== undefined && attempts.lockedUntil > now) {
      return fail('OWNER_CLAIM_LOCKED', `认领码连续输错 ${CLAIM_MAX_FAILURES} 次，已锁定到 ${formatDateTime(attempts.lockedUntil)}。请核对部署时打印的认领码，到时再试。`, { lockedUntil: attempts.lockedUntil });
    }
    if (!claimCodeMatches(input.code, expected)) {
      // After a lock has run out the account starts again with five tries.
      const failed = (attempts && attempts.lockedUntil === undefined ? attempts.failed : 0) + 1;
      const lockedUntil = failed >= CLAIM_MAX_FAILURES ? now + CLAIM_LOCK_MS : undefined;
      const next: OwnerClaimAttempts = { _id: attemptsId, openid: ctx.openid, failed, lastFailedAt: now, ...(lockedUntil !== undefined ? { lockedUntil } : {}), version: (attempts?.version ?? 0) + 1 };
      await (attempts ? txReplace(tx, OWNER_CLAIM_COLL, next) : txCreate(tx, OWNER_CLAIM_COLL, next));
      return { kind: 'wrong', left: CLAIM_MAX_FAILURES - failed, ...(lockedUntil !== undefined ? { lockedUntil } : {}) };
    }
    const settings = await becomeOwner(tx, stored, before, ctx.openid, now, {
      auditId,
      action: 'owner.claim',
      requestId: input.requestId,
      summary: `${ctx.openid} 用首次开店认领码成为店主和运营人员`,
    });
    if (attempts) await tx.collection(OWNER_CLAIM_COLL).doc(attemptsId).remove();
    return { kind: 'owner', settings };
  });
  if ('ok' in step) return step;
  if (step.kind === 'owner') return ok(roleOf(step.settings, ctx.openid, false));
  if (step.lockedUntil !== undefined) {
    ctx.log.log('warn', 'owner claim locked', { failed: CLAIM_MAX_FAILURES });
    return fail('OWNER_CLAIM_LOCKED', `认领码连续输错 ${CLAIM_MAX_FAILURES} 次，已锁定到 ${formatDateTime(step.lockedUntil)}。请核对部署时打印的认领码，到时再试。`, { lockedUntil: step.lockedUntil });
  }
  return fail('OWNER_CLAIM_WRONG_CODE', `认领码不正确，还可再试 ${step.left} 次。请核对部署时打印的 12 位认领码（不区分大小写，短横线可省略）。`, { left: step.left });
}
