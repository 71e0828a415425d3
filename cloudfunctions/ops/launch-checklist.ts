import { fail, ok, type Result } from '../../shared/errors/result';
import { buildLaunchChecklist, type LaunchChecklistView, type LaunchClientFacts, type ManualLaunchItem } from '../../shared/ops/launch-checklist';
import { settingsSchema, type Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import type { Db } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { listPlatformHealth } from '../_kit/platform-health';
import { SETTINGS_COLLECTION, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction } from '../_kit/transaction';
import { COLL } from '../_money/docs';
import { txCreate, txGet, txReplace } from '../_money/tx';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';

/** Local mode: the gateway points the SDK at the emulator (deployed functions never see it). */
const isLocal = () => Boolean(process.env.TCB_LOCAL_URL);

/** Paid through WeChat Pay at least once: one indexed read (orders by status, `status_expiresAt`). */
async function anyWechatPayment(db: Db): Promise<boolean> {
  const _ = db.command;
  const res = (await db.collection(COLL.orders).where({ status: _.in(['paid', 'fulfilled', 'partially_refunded', 'refunded']), payWith: 'wechat' }).limit(1).field({ _id: true }).get()) as { data: unknown[] };
  return res.data.length > 0;
}

/** WeChat accepted a shipping-info upload at least once (also those made before platform_health existed). */
async function anyShippingAccepted(db: Db): Promise<boolean> {
  const res = (await db.collection(COLL.shippingUploads).where({ state: 'succeeded' }).limit(1).field({ _id: true }).get()) as { data: unknown[] };
  return res.data.length > 0;
}

/**
 * `ops.launchChecklist {platform, envId?, privacy…}` (operators): the 上线检查 page. Facts the
 * server can read itself — its environment id (platform context), WECHAT_PAY_SUB_MCH_ID, the
 * settings, the cloud-call outcomes in platform_health, payments and uploads — plus what only the
 * phone can tell (the env id it was built with, wx.getPrivacySetting), decided by the pure
 * shared/ops/launch-checklist.ts. A handful of reads, no writes.
 */
export async function launchChecklist(input: LaunchClientFacts, ctx: ActionContext): Promise<Result<LaunchChecklistView>> {
  const settings = await ctx.settings();
  const [health, wechatPaid, shippingUploadAccepted] = await Promise.all([listPlatformHealth(ctx.db), anyWechatPayment(ctx.db), anyShippingAccepted(ctx.db)]);
  const subMchId = process.env.WECHAT_PAY_SUB_MCH_ID?.trim();
  return ok(
    buildLaunchChecklist({
      now: ctx.now(),
      local: isLocal(),
      client: input,
      ...(ctx.envId ? { functionEnv: ctx.envId } : {}),
      ...(subMchId ? { subMchId } : {}),
      wechatPaid,
      templates: { promotion: settings.messageTemplates.promotion.templateId, renewal: settings.messageTemplates.renewal.templateId },
      health,
      shippingAccepted: shippingUploadAccepted || health.some((h) => h.api === 'uploadShippingInfo' && h.lastOkAt !== undefined),
      owners: settings.owners,
      callerIsOwner: settings.owners.includes(ctx.openid),
      baseLibrary: settings.launchChecks.baseLibrary,
    }),
  );
}

type StoredSettings = Record<string, unknown> & { _id: string; _version?: number };

/**
 * `ops.confirmLaunchCheck {item: 'baseLibrary', confirmed, requestId}` (owners): ticks (or unticks)
 * an item nobody can read from the server — stored in settings with who and when, one transaction
 * with the change record and the audit entry.
 */
export async function confirmLaunchCheck(input: { item: ManualLaunchItem; confirmed: boolean; requestId: string }, ctx: ActionContext): Promise<Result<{ baseLibrary: Settings['launchChecks']['baseLibrary'] }>> {
  const now = ctx.now();
  const auditId = auditIdFor(ctx.openid, input.requestId, 'launch.confirm', SETTINGS_ID);
  return runInTransaction(ctx.db, async (tx) => {
    const stored = await txGet<StoredSettings>(tx, SETTINGS_COLLECTION, SETTINGS_ID);
    const { _id, _version, updatedAt, updatedBy, ...rest } = stored ?? { _id: SETTINGS_ID };
    void _id; void updatedAt; void updatedBy;
    const before = settingsSchema.parse(rest);
    if (await priorAudit(tx, auditId)) return ok({ baseLibrary: before.launchChecks.baseLibrary });
    if (!before.owners.includes(ctx.openid)) return fail('FORBIDDEN', '只有店主可以确认上线检查项，请让店主在本页勾选。');
    const baseLibrary = input.confirmed ? { confirmedBy: ctx.openid, confirmedAt: now } : null;
    const next: Settings = { ...before, launchChecks: { ...before.launchChecks, baseLibrary } };
    const version = (_version ?? 0) + 1;
    const doc = { _id: SETTINGS_ID, ...next, _version: version, updatedAt: now, updatedBy: ctx.openid };
    await (stored ? txReplace(tx, SETTINGS_COLLECTION, doc) : txCreate(tx, SETTINGS_COLLECTION, doc));
    await txCreate(tx, 'settings_changes', { _id: idFromKey('chg', ctx.openid, input.requestId), by: ctx.openid, at: now, version, changed: ['launchChecks'], before, after: next });
    await writeAudit(tx, {
      id: auditId,
      entity: 'settings',
      entityId: SETTINGS_ID,
      action: 'launch.confirm',
      by: ctx.openid,
      at: now,
      summary: input.confirmed ? '上线检查：确认已在小程序后台设置基础库最低版本' : '上线检查：取消「基础库最低版本」的确认',
      before: before.launchChecks,
      after: next.launchChecks,
      requestId: input.requestId,
    });
    return ok({ baseLibrary });
  });
}
