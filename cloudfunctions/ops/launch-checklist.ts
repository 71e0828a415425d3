import { fail, ok, type Result } from '../../shared/errors/result';
import { buildLaunchChecklist, type LaunchChecklistView, type LaunchClientFacts, type ManualLaunchItem } from '../../shared/ops/launch-checklist';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import type { Db } from '../_kit/db';
import { listPlatformHealth } from '../_kit/platform-health';
import { changingSettings, SETTINGS_ID } from '../_kit/settings-store';
import { runInTransaction } from '../_kit/transaction';
import { auditIdFor, priorAudit } from '../_ops/audit';
import { readSettingsTx, writeSettingsTx } from '../_ops/settings-tx';
import { COLL } from '../_kit/collections';

/** Local mode: the gateway points the SDK at the emulator (deployed functions never see it). */
const isLocal = () => Boolean(process.env.TCB_LOCAL_URL);

/** Any of `statuses` paid through WeChat Pay: one indexed read per status (orders `status_expiresAt`), stops at the first. */
async function anyWechatPayment(db: Db): Promise<boolean> {
  for (const status of ['paid', 'partially_refunded', 'refunded']) {
    const res = (await db.collection(COLL.orders).where({ status, payWith: 'wechat' }).limit(1).field({ _id: true }).get()) as { data: unknown[] };
    if (res.data.length > 0) return true;
  }
  return false;
}

/** WeChat accepted a shipping-info upload at least once (shipping_uploads `state_createdAt`). */
async function anyShippingAccepted(db: Db): Promise<boolean> {
  const res = (await db.collection(COLL.shipping_uploads).where({ state: 'succeeded' }).limit(1).field({ _id: true }).get()) as { data: unknown[] };
  return res.data.length > 0;
}

/**
 * `ops.launchChecklist {platform, envId?, privacy…}` (operators): the 上线检查 page. Facts the
 * server can read itself — its environment id (platform context), WECHAT_PAY_SUB_MCH_ID, the
 * settings, the platform-call outcomes in platform_health, payments and uploads — plus what only
 * the phone can tell (the env id it was built with, wx.getPrivacySetting), decided by the pure
 * shared/ops/launch-checklist.ts. A handful of reads, no writes.
 */
export async function launchChecklist(input: LaunchClientFacts, ctx: ActionContext): Promise<Result<LaunchChecklistView>> {
  const settings = await ctx.settings();
  const [health, wechatPaid, shippingAccepted] = await Promise.all([listPlatformHealth(ctx.db), anyWechatPayment(ctx.db), anyShippingAccepted(ctx.db)]);
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
      shippingAccepted,
      owners: settings.owners,
      callerIsOwner: settings.owners.includes(ctx.openid),
      baseLibrary: settings.launchChecks.baseLibrary,
    }),
  );
}

/**
 * `ops.confirmLaunchCheck {item: 'baseLibrary', confirmed, requestId}` (owners): ticks (or unticks)
 * an item nobody can read from the server — stored in settings with who and when, one transaction
 * with the change record and the audit entry.
 */
export async function confirmLaunchCheck(input: { item: ManualLaunchItem; confirmed: boolean; requestId: string }, ctx: ActionContext): Promise<Result<{ baseLibrary: Settings['launchChecks']['baseLibrary'] }>> {
  const now = ctx.now();
  const auditId = auditIdFor(ctx.openid, input.requestId, 'launch.confirm', SETTINGS_ID);
  return changingSettings(runInTransaction(ctx.db, async (tx) => {
    const cur = await readSettingsTx(tx);
    if (await priorAudit(tx, auditId)) return ok({ baseLibrary: cur.settings.launchChecks.baseLibrary });
    if (!cur.settings.owners.includes(ctx.openid)) return fail('FORBIDDEN', '只有店主可以确认上线检查项，请让店主在本页确认。');
    const baseLibrary = input.confirmed ? { confirmedBy: ctx.openid, confirmedAt: now } : null;
    const next: Settings = { ...cur.settings, launchChecks: { ...cur.settings.launchChecks, baseLibrary } };
    await writeSettingsTx(tx, cur, next, {
      by: ctx.openid,
      at: now,
      requestId: input.requestId,
      auditId,
      action: 'launch.confirm',
      summary: input.confirmed ? '上线检查：确认已在小程序后台设置基础库最低版本' : '上线检查：取消「基础库最低版本」的确认',
      changed: ['launchChecks'],
      before: cur.settings.launchChecks,
      after: next.launchChecks,
    });
    return ok({ baseLibrary });
  }));
}
