import { fail, ok, type Result } from '../../shared/errors/result';
import { settingsSchema, type Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import { idFromKey } from '../_kit/ids';
import { SETTINGS_COLLECTION, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction } from '../_kit/transaction';
import { txCreate, txGet, txReplace } from '../_money/tx';

export async function getSettings(_input: Record<string, never>, ctx: ActionContext): Promise<Result<Settings>> {
  return ok(await ctx.settings());
}

/** Top-level keys whose value differs (what the change log shows first). */
const changedKeys = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));

/**
 * Replaces the settings document with a validated new version (same zod schema the server reads
 * with), in one transaction with its change record {who, when, before, after}. Changes apply to
 * new orders only: orders carry their own prices, terms and windows. Only owners change who is
 * an operator or owner.
 */
export async function updateSettings(input: { settings: unknown; requestId: string }, ctx: ActionContext): Promise<Result<{ changed: string[]; version: number }>> {
  const parsed = settingsSchema.safeParse(input.settings);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code }));
    return fail('INVALID_INPUT', `设置有误（${issues[0]?.path ?? ''}：${issues[0]?.message ?? ''}），请修改后再保存。`, issues);
  }
  const next = parsed.data;
  const now = ctx.now();
  const changeId = idFromKey('chg', ctx.openid, input.requestId);
  return runInTransaction(ctx.db, async (tx): Promise<Result<{ changed: string[]; version: number }>> => {
    const prior = await txGet<{ _id: string; changed: string[]; version: number }>(tx, 'settings_changes', changeId);
    if (prior) return ok({ changed: prior.changed, version: prior.version });
    const stored = await txGet<Record<string, unknown> & { _id: string; _version?: number }>(tx, SETTINGS_COLLECTION, SETTINGS_ID);
    const { _id, _version, updatedAt, updatedBy, ...beforeRaw } = stored ?? { _id: SETTINGS_ID };
    void _id; void updatedAt; void updatedBy;
    const before = settingsSchema.parse(beforeRaw);
    const isOwner = before.owners.includes(ctx.openid);
    if (!isOwner && (JSON.stringify(before.operators) !== JSON.stringify(next.operators) || JSON.stringify(before.owners) !== JSON.stringify(next.owners))) {
      return fail('FORBIDDEN', '只有店主可以修改运营人员名单。');
    }
    if (!next.owners.length) return fail('INVALID_INPUT', '至少需要保留一位店主。');
    const changed = changedKeys(before as Record<string, unknown>, next as Record<string, unknown>);
    const version = (_version ?? 0) + 1;
    const doc = { _id: SETTINGS_ID, ...next, _version: version, updatedAt: now, updatedBy: ctx.openid };
    await (stored ? txReplace(tx, SETTINGS_COLLECTION, doc) : txCreate(tx, SETTINGS_COLLECTION, doc));
    await txCreate(tx, 'settings_changes', { _id: changeId, by: ctx.openid, at: now, version, changed, before, after: next });
    return ok({ changed, version });
  });
}
