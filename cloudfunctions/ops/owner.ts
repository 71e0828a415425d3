import { fail, ok, type Result } from '../../shared/errors/result';
import { CLAIM_LOCK_MS, CLAIM_MAX_FAILURES, type OpsRoleView } from '../../shared/ops/owner-claim';
import type { Settings } from '../../shared/settings';
import { formatDateTime } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { claimCodeMatches, configuredClaimHash, configuredOwnerOpenid } from '../_kit/owner-claim';
import { changingSettings, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit } from '../_ops/audit';
import { ownerClaimIdOf, type OwnerClaimAttempts } from '../_ops/owner-claims';
import { readSettingsTx, writeSettingsTx, type SettingsInTx } from '../_ops/settings-tx';
import { COLL } from '../_kit/collections';

/**
 * The first owner of a freshly deployed store (issue 14). Production defaults have no operators
 * and no owners, so somebody has to become the first one, safely:
 *   (a) `ops.claimOwner {code}` with the one-time code the deploy printed (its SHA-256 is the
 *       `ops` function's OWNER_CLAIM_SHA256; the code itself is stored nowhere): open to any
 *       signed-in customer while the store has no owner; five wrong codes lock that account for
 *       an hour; dead once an owner exists.
 *   (b) OWNER_OPENID on the `ops` function: that openid becomes the owner the first time it asks
 *       `ops.role` (opening 我的) while the store has no owner.
 * Either way the caller becomes owner AND operator in one transaction on the settings document,
 * with the settings change record and an audit entry, so two claimants at once conflict and
 * exactly one of them ends up the owner. Without either variable the store stays ownerless and
 * the claim answers OWNER_CLAIM_CLOSED (closed, never open by default).
 */

const roleOf = (s: Settings, openid: string): OpsRoleView => {
  const owner = s.owners.includes(openid);
  const view: OpsRoleView = { operator: owner || s.operators.includes(openid), owner, ...(s.staff.some((m) => m.openid === openid) ? { staff: true } : {}) };
  if (s.owners.length === 0) view.firstOwner = { code: configuredClaimHash() !== undefined, ownerOpenid: configuredOwnerOpenid() !== undefined };
  return view;
};

/** `openid` becomes the owner and an operator inside `tx` (the caller checked the store has none). */
async function becomeOwner(tx: Tx, cur: SettingsInTx, openid: string, at: number, how: { auditId: string; action: 'owner.claim' | 'owner.bootstrap'; requestId: string; summary: string }): Promise<Settings> {
  const before = cur.settings;
  const next: Settings = { ...before, owners: [openid], operators: before.operators.includes(openid) ? before.operators : [...before.operators, openid] };
  const staff = (s: Settings) => ({ owners: s.owners, operators: s.operators });
  await writeSettingsTx(tx, cur, next, { by: openid, at, requestId: how.requestId, auditId: how.auditId, action: how.action, summary: how.summary, changed: ['operators', 'owners'], before: staff(before), after: staff(next) });
  return next;
}

/** The request id of the OWNER_OPENID bootstrap: it happens at most once (afterwards the store has an owner). */
const BOOTSTRAP_REQUEST = 'owner-openid';

/**
 * `ops.role`. With OWNER_OPENID set, the store without an owner and that openid asking, it first
 * becomes the owner (the one write this read makes, once).
 */
export async function role(_input: Record<string, never>, ctx: ActionContext): Promise<Result<OpsRoleView>> {
  const s = await ctx.settings();
  if (s.owners.length > 0 || configuredOwnerOpenid() !== ctx.openid) return ok(roleOf(s, ctx.openid));
  const after = await changingSettings(runInTransaction(ctx.db, async (tx) => {
    const cur = await readSettingsTx(tx);
    // Someone became the owner meanwhile: OWNER_OPENID no longer applies.
    if (cur.settings.owners.length > 0) return cur.settings;
    return becomeOwner(tx, cur, ctx.openid, ctx.now(), {
      auditId: auditIdFor(ctx.openid, BOOTSTRAP_REQUEST, 'owner.bootstrap', SETTINGS_ID),
      action: 'owner.bootstrap',
      requestId: BOOTSTRAP_REQUEST,
      summary: '成为店主和运营人员（ops 云函数环境变量 OWNER_OPENID）',
    });
  }));
  ctx.log.log('info', 'owner bootstrap from OWNER_OPENID', { owners: after.owners.length });
  return ok(roleOf(after, ctx.openid));
}

const lockedText = (until: number) => `认领码连续输错 ${CLAIM_MAX_FAILURES} 次，此账号已锁定到 ${formatDateTime(until)}。请核对部署时打印的认领码，到时再试。`;

type ClaimStep = { kind: 'owner'; settings: Settings } | { kind: 'wrong'; left: number; lockedUntil?: number };
type Refusal = ReturnType<typeof fail>;

/**
 * `ops.claimOwner {code, requestId}`. A retry of a successful claim (same request id) answers the
 * same, and the caller already being the owner is success too. A wrong code is the one refusal
 * that writes, deliberately: the count of failed tries (owner_claims/ocl_<openid>) must survive the
 * call for the lock to hold, so it is returned as a step (committed), not as a refusal (rolled back).
 */
export async function claimOwner(input: { code: string; requestId: string }, ctx: ActionContext): Promise<Result<OpsRoleView>> {
  const now = ctx.now();
  const expected = configuredClaimHash();
  const auditId = auditIdFor(ctx.openid, input.requestId, 'owner.claim', SETTINGS_ID);
  const step = await changingSettings(runInTransaction(ctx.db, async (tx): Promise<ClaimStep | Refusal> => {
    const cur = await readSettingsTx(tx);
    if (cur.settings.owners.includes(ctx.openid) || (await priorAudit(tx, auditId))) return { kind: 'owner', settings: cur.settings };
    if (cur.settings.owners.length > 0) return fail('OWNER_EXISTS', '本店已有店主，认领码已失效。如需管理店铺，请联系店主在「设置 › 运营人员」中添加您。');
    if (!expected) {
      return fail('OWNER_CLAIM_CLOSED', '本店没有开放店主认领：部署时没有生成认领码（ops 云函数缺少环境变量 OWNER_CLAIM_SHA256）。请让部署人员重新部署并记下打印的认领码，或在 ops 云函数的环境变量中设置 OWNER_OPENID 为店主的 openid。');
    }
    const attemptsId = ownerClaimIdOf(ctx.openid);
    const attempts = await txGet<OwnerClaimAttempts>(tx, COLL.owner_claims, attemptsId);
    if (attempts?.lockedUntil !== undefined && attempts.lockedUntil > now) return fail('OWNER_CLAIM_LOCKED', lockedText(attempts.lockedUntil), { lockedUntil: attempts.lockedUntil });
    if (!claimCodeMatches(input.code, expected)) {
      // A lock that has run out gives the account five fresh tries.
      const failed = (attempts && attempts.lockedUntil === undefined ? attempts.failed : 0) + 1;
      const lockedUntil = failed >= CLAIM_MAX_FAILURES ? now + CLAIM_LOCK_MS : undefined;
      const next: OwnerClaimAttempts = { _id: attemptsId, openid: ctx.openid, failed, lastFailedAt: now, ...(lockedUntil !== undefined ? { lockedUntil } : {}), version: (attempts?.version ?? 0) + 1 };
      await (attempts ? txReplace(tx, COLL.owner_claims, next) : txCreate(tx, COLL.owner_claims, next));
      return { kind: 'wrong', left: CLAIM_MAX_FAILURES - failed, ...(lockedUntil !== undefined ? { lockedUntil } : {}) };
    }
    const settings = await becomeOwner(tx, cur, ctx.openid, now, { auditId, action: 'owner.claim', requestId: input.requestId, summary: '用首次开店认领码成为店主和运营人员' });
    if (attempts) await tx.collection(COLL.owner_claims).doc(attemptsId).remove();
    return { kind: 'owner', settings };
  }));
  if ('ok' in step) return step;
  if (step.kind === 'owner') return ok(roleOf(step.settings, ctx.openid));
  if (step.lockedUntil !== undefined) {
    ctx.log.log('warn', 'owner claim locked after wrong codes', { failed: CLAIM_MAX_FAILURES });
    return fail('OWNER_CLAIM_LOCKED', lockedText(step.lockedUntil), { lockedUntil: step.lockedUntil });
  }
  return fail('OWNER_CLAIM_WRONG_CODE', `认领码不正确，还可再试 ${step.left} 次。请核对部署时打印的 12 位认领码（不区分大小写，短横线可省略）。`, { left: step.left });
}
