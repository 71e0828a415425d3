import { fail, ok, type Result } from '../../shared/errors/result';
import { settingsChangeSummary } from '../../shared/labels/summaries';
import { parseZh, SETTINGS_LABELS, summarizeIssues, toIssues } from '../../shared/schemas/issues';
import type { SettingsEditorView } from '../../shared/ops/views';
import { settingsSchema, type Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { changingSettings, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { writeAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';

export async function getSettings(_input: Record<string, never>, ctx: ActionContext): Promise<Result<Settings>> {
  return ok(await ctx.settings());
}

/** What the settings screens need: the validated settings, their version and who may edit the staff lists. */
export async function settingsEditor(_input: Record<string, never>, ctx: ActionContext): Promise<Result<SettingsEditorView>> {
  const settings = await ctx.settings();
  const stored = await getById<{ _version?: number; updatedAt?: number; updatedBy?: string }>(ctx.db, COLL.settings, SETTINGS_ID);
  return ok({
    settings,
    version: stored?._version ?? 0,
    ...(stored?.updatedAt !== undefined ? { updatedAt: stored.updatedAt } : {}),
    ...(stored?.updatedBy ? { updatedBy: stored.updatedBy } : {}),
    isOwner: settings.owners.includes(ctx.openid),
  });
}

/** Top-level keys whose value differs (what the change log shows first). */
const changedKeys = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/**
 * Replaces the settings document with a validated new version (same zod schema the server reads
 * with; problems come back in Chinese with where they are, e.g. 「会员方案第 1 项 › 入会礼包 ›
 * 库存」, and their paths in `details`), in one transaction with its change record
 * {who, when, before, after} and the operator audit entry. Changes apply to new orders only:
 * orders carry their own prices, terms and windows. Only owners change who is an operator or
 * owner. With `expectedVersion`, a save based on an older version is refused (CONFLICT).
 */
export async function updateSettings(input: { settings: unknown; expectedVersion?: number; requestId: string }, ctx: ActionContext): Promise<Result<{ changed: string[]; version: number }>> {
  const parsed = parseZh(settingsSchema, input.settings);
  if (!parsed.success) {
    const issues = toIssues(parsed.error, SETTINGS_LABELS);
    return fail('INVALID_INPUT', summarizeIssues(issues, '设置'), issues);
  }
  const edited = parsed.data;
  const now = ctx.now();
  const changeId = idFromKey('chg', ctx.openid, input.requestId);
  return changingSettings(runInTransaction(ctx.db, async (tx): Promise<Result<{ changed: string[]; version: number }>> => {
    const prior = await txGet<{ _id: string; changed: string[]; version: number }>(tx, COLL.settings_changes, changeId);
    if (prior) return ok({ changed: prior.changed, version: prior.version });
    const stored = await txGet<Record<string, unknown> & { _id: string; _version?: number }>(tx, COLL.settings, SETTINGS_ID);
    const { _id, _version, updatedAt, updatedBy, ...beforeRaw } = stored ?? { _id: SETTINGS_ID };
    void _id; void updatedAt; void updatedBy;
    const current = _version ?? 0;
    if (input.expectedVersion !== undefined && input.expectedVersion !== current) {
      return fail('CONFLICT', `设置已被${updatedBy === ctx.openid ? '您在别处' : '其他运营人员'}修改（当前第 ${current} 版，您编辑的是第 ${input.expectedVersion} 版），请刷新后重新修改。`, { currentVersion: current });
    }
    const before = settingsSchema.parse(beforeRaw);
    // 上线检查 confirmations carry who confirmed: only ops.confirmLaunchCheck sets them, never the editor.
    const next = { ...edited, launchChecks: before.launchChecks };
    const isOwner = before.owners.includes(ctx.openid);
    if (!isOwner && (JSON.stringify(before.operators) !== JSON.stringify(next.operators) || JSON.stringify(before.owners) !== JSON.stringify(next.owners))) {
      return fail('FORBIDDEN', '只有店主可以修改运营人员名单。');
    }
    if (!next.owners.length) return fail('INVALID_INPUT', '至少需要保留一位店主。');
    const changed = changedKeys(before as Record<string, unknown>, next as Record<string, unknown>);
    const version = current + 1;
    const doc = { _id: SETTINGS_ID, ...next, _version: version, updatedAt: now, updatedBy: ctx.openid };
    await (stored ? txReplace(tx, COLL.settings, doc) : txCreate(tx, COLL.settings, doc));
    await txCreate(tx, COLL.settings_changes, { _id: changeId, by: ctx.openid, at: now, version, changed, before, after: next });
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'settings',
      entityId: SETTINGS_ID,
      action: 'settings.update',
      summary: settingsChangeSummary(changed, version),
      before,
      after: next,
      changed,
    });
    return ok({ changed, version });
  }));
}
