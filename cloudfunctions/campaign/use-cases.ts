import { fail, ok, type Result } from '../../shared/errors/result';
import { CAMPAIGN_STATUS_LABELS, NEW_CAMPAIGN_STATUS, transitionCampaign } from '../../shared/promotions/campaign-transitions';
import { campaignInputSchema, couponTemplateOf, firstThreePurchaseTemplate, type CampaignInput } from '../../shared/promotions/campaign';
import { validityWindow, type CouponTemplate } from '../../shared/promotions/coupon';
import { offerAllowed, offerDepthOf } from '../../shared/promotions/contact-policy';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { messagePort } from '../_kit/messages';
import { runInTransaction } from '../_kit/transaction';
import { pageNewestFirst } from '../_kit/paging';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';
import { type CampaignDoc } from '../_campaigns/docs';
import { launchStep } from '../_campaigns/launch';
import { readStats } from '../_campaigns/stats';
import { campaignReport, type CampaignReport } from '../_campaigns/report';
import { previewCampaign, type CampaignPreview } from './preview';
import { sendRenewalReminders, type ReminderReport } from '../_campaigns/renewals';
import { recordingPort } from '../_campaigns/send';
import { COLL } from '../_kit/collections';

/** A launch call works this long, then returns its progress (the client or the scheduler calls again). */
const LAUNCH_BUDGET_MS = 5_000;

export interface CampaignView extends CampaignDoc {
  /** Launch progress and outcome counters so far. */
  stats: Awaited<ReturnType<typeof readStats>>;
}

async function view(ctx: ActionContext, c: CampaignDoc): Promise<CampaignView> {
  return { ...c, stats: await readStats(ctx.db, c._id) };
}

/**
 * `campaign.templates`: ready-made campaigns an operator starts from (first-three-purchase), with
 * the coupon it should issue already chosen: an active one the 沉默 / 未成交 stages may take under
 * today's contact policy (a small offer), next-purchase-only first, newest first. The operator can
 * change it; without such a coupon the template sends content to everyone.
 */
export async function templates(_i: Record<string, never>, ctx: ActionContext): Promise<Result<{ templates: CampaignInput[] }>> {
  const settings = await ctx.settings();
  const res = (await ctx.db.collection(COLL.coupon_templates).where({ status: 'active' }).orderBy('createdAt', 'desc').limit(50).get()) as { data: CouponTemplate[] };
  const now = ctx.now();
  const fits = res.data.filter((t) => offerAllowed(settings.contactPolicy.silent, offerDepthOf(t, settings), false) && now <= validityWindow(t.validity, now).validUntil);
  const pick = fits.find((t) => t.nextPurchaseOnly) ?? fits[0];
  return ok({ templates: [firstThreePurchaseTemplate(now, pick?._id)] });
}

async function checkCoupon(ctx: ActionContext, input: CampaignInput): Promise<Result<void>> {
  const templateId = couponTemplateOf(input);
  if (!templateId) return ok(undefined);
  const t = await getById<CouponTemplate>(ctx.db, COLL.coupon_templates, templateId);
  if (!t) return fail('NOT_FOUND', '所选优惠券不存在，请重新选择。');
  if (t.status !== 'active') return fail('INVALID_STATE', `优惠券「${t.name}」已暂停发放，请先恢复或换一张。`);
  return ok(undefined);
}

/**
 * A new campaign's id, from the operator and the request that creates it (a retry returns the same
 * draft). The holdout split hashes this id, so a preview of an unsaved form passes the request id
 * its 保存 will use and splits exactly as the launch will.
 */
const campaignIdFor = (openid: string, requestId: string) => idFromKey('cmp', openid, requestId);

/** `campaign.create {campaign, requestId}`: a draft (id from the operator's request: a retry returns it). */
export async function create(input: { campaign: CampaignInput; requestId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const id = campaignIdFor(ctx.openid, input.requestId);
  const prior = await getById<CampaignDoc>(ctx.db, COLL.campaigns, id);
  if (prior) return ok(await view(ctx, prior));
  const checked = await checkCoupon(ctx, input.campaign);
  if (!checked.ok) return checked;
  const now = ctx.now();
  const doc: CampaignDoc = { ...campaignInputSchema.parse(input.campaign), _id: id, status: NEW_CAMPAIGN_STATUS, createdAt: now, createdBy: ctx.openid, updatedAt: now, processed: 0, version: 1 };
  await runInTransaction(ctx.db, async (tx) => {
    if (await txGet(tx, COLL.campaigns, id)) return;
    await txCreate(tx, COLL.campaigns, doc);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, { entity: 'campaign', entityId: id, action: 'campaign.create', summary: `新建活动「${doc.name}」`, before: null, after: doc });
  });
  return ok(await view(ctx, (await getById<CampaignDoc>(ctx.db, COLL.campaigns, id))!));
}

export async function list(input: { cursor?: number }, ctx: ActionContext): Promise<Result<{ campaigns: CampaignView[]; nextCursor: number | null }>> {
  const page = await pageNewestFirst<CampaignDoc>(ctx.db, COLL.campaigns, {}, 'createdAt', input.cursor, 20);
  const campaigns = await Promise.all(page.items.map((c) => view(ctx, c)));
  return ok({ campaigns, nextCursor: page.nextCursor ?? null });
}

export async function get(input: { campaignId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const c = await getById<CampaignDoc>(ctx.db, COLL.campaigns, input.campaignId);
  return c ? ok(await view(ctx, c)) : fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
}

/**
 * `campaign.preview`: what a launch would do now — of a saved campaign (`campaignId`), of a draft
 * being edited (`campaignId` + `campaign`), or of a new form (`campaign` + the `requestId` its
 * create will use). The holdout is hashed with the id the launch will have, never a placeholder.
 */
export async function preview(input: { campaignId?: string; campaign?: CampaignInput; requestId?: string }, ctx: ActionContext): Promise<Result<CampaignPreview>> {
  let c: CampaignInput | null = input.campaign ? campaignInputSchema.parse(input.campaign) : null;
  let id: string;
  if (input.campaignId) {
    const doc = await getById<CampaignDoc>(ctx.db, COLL.campaigns, input.campaignId);
    if (!doc) return fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
    c = c ?? doc;
    id = doc._id;
  } else if (input.requestId) {
    id = campaignIdFor(ctx.openid, input.requestId);
  } else {
    return fail('INVALID_INPUT', '预览新活动需要带上保存时使用的请求编号（requestId），请刷新页面后重试。');
  }
  if (!c) return fail('INVALID_INPUT', '请先填写活动内容再预览。');
  return ok(await previewCampaign(ctx.db, id, c, await ctx.settings(), ctx.now()));
}

/** `campaign.update {campaignId, campaign, requestId}`: a draft's new content (nothing has been sent yet). */
export async function update(input: { campaignId: string; campaign: CampaignInput; requestId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const checked = await checkCoupon(ctx, input.campaign);
  if (!checked.ok) return checked;
  const content = campaignInputSchema.parse(input.campaign);
  const now = ctx.now();
  const r = await runInTransaction(ctx.db, async (tx): Promise<Result<CampaignDoc>> => {
    const c = await txGet<CampaignDoc>(tx, COLL.campaigns, input.campaignId);
    if (!c) return fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
    const auditId = auditIdFor(ctx.openid, input.requestId, 'campaign.update', c._id);
    if (await priorAudit(tx, auditId)) return ok(c);
    if (c.status !== 'draft') return fail('INVALID_STATE', `活动已${CAMPAIGN_STATUS_LABELS[c.status]}，只有草稿可以修改；如需调整，请暂停后新建一个活动。`);
    const next: CampaignDoc = { ...c, ...content, updatedAt: now, version: c.version + 1 };
    await txReplace(tx, COLL.campaigns, next);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, { id: auditId, entity: 'campaign', entityId: c._id, action: 'campaign.update', summary: `修改活动「${next.name}」`, before: contentOf(c), after: content });
    return ok(next);
  });
  return r.ok ? ok(await view(ctx, r.data)) : r;
}

/** `campaign.remove {campaignId, requestId}`: deletes a draft (a launched campaign keeps its history). */
export async function remove(input: { campaignId: string; requestId: string }, ctx: ActionContext): Promise<Result<{ campaignId: string; removed: true }>> {
  const now = ctx.now();
  return runInTransaction(ctx.db, async (tx): Promise<Result<{ campaignId: string; removed: true }>> => {
    const auditId = auditIdFor(ctx.openid, input.requestId, 'campaign.remove', input.campaignId);
    if (await priorAudit(tx, auditId)) return ok({ campaignId: input.campaignId, removed: true });
    const c = await txGet<CampaignDoc>(tx, COLL.campaigns, input.campaignId);
    if (!c) return fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
    if (c.status !== 'draft') return fail('INVALID_STATE', `活动已${CAMPAIGN_STATUS_LABELS[c.status]}，只有草稿可以删除；已发布的活动保留记录，可以暂停。`);
    await tx.collection(COLL.campaigns).doc(c._id).remove();
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, { id: auditId, entity: 'campaign', entityId: c._id, action: 'campaign.remove', summary: `删除草稿「${c.name}」`, before: contentOf(c), after: null });
    return ok({ campaignId: c._id, removed: true });
  });
}

/** What an operator wrote (for the audit log): the input fields, without status or launch state. */
function contentOf(c: CampaignDoc): CampaignInput {
  const { name, template, conditions, actions, schedule, holdoutPercent, bigSale, attributionDays } = c;
  return { name, template, conditions, actions, schedule, holdoutPercent, bigSale, attributionDays };
}

type Transition = 'launch' | 'pause' | 'resume';
const AUDIT_ACTION = { launch: 'campaign.launch', pause: 'campaign.pause', resume: 'campaign.resume' } as const;

/** Status changes an operator makes, checked against the current status inside one transaction. */
async function transition(ctx: ActionContext, campaignId: string, requestId: string, what: Transition): Promise<Result<CampaignDoc>> {
  const now = ctx.now();
  return runInTransaction(ctx.db, async (tx): Promise<Result<CampaignDoc>> => {
    const c = await txGet<CampaignDoc>(tx, COLL.campaigns, campaignId);
    if (!c) return fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
    const auditId = auditIdFor(ctx.openid, requestId, AUDIT_ACTION[what], campaignId);
    if (await priorAudit(tx, auditId)) return ok(c); // a retry of a change already made
    const refused = fail('INVALID_STATE', `活动当前为「${CAMPAIGN_STATUS_LABELS[c.status]}」，不能${WHAT_LABELS[what]}。`);
    // What the operator asked for picks the target; the campaign table decides whether it is a move.
    let next: CampaignDoc;
    if (what === 'launch') {
      if (c.status !== 'draft') return c.status === 'paused' ? refused : ok(c); // launching again only continues (launch steps are idempotent)
      if (now > c.schedule.endAt) return fail('INVALID_STATE', '活动结束时间已过：请点「编辑草稿」修改时间后再发布。');
      const moved = transitionCampaign(c, 'launching', now);
      if (!moved.ok) return refused;
      next = { ...c, ...moved.data, launchedAt: now, launchedBy: ctx.openid, launch: { clause: 0, done: false } };
    } else if (what === 'pause') {
      const moved = transitionCampaign(c, 'paused', now);
      if (!moved.ok || (c.status !== 'launching' && c.status !== 'live')) return refused;
      next = { ...c, ...moved.data, pausedAt: now, pausedFrom: c.status };
    } else {
      // Resumed after its end date: nothing more to send, it has ended.
      const moved = c.status === 'paused' ? transitionCampaign(c, now > c.schedule.endAt ? 'ended' : (c.pausedFrom ?? 'launching'), now) : null;
      if (!moved?.ok) return refused;
      next = { ...c, ...moved.data };
    }
    next = { ...next, version: c.version + 1 };
    await txReplace(tx, COLL.campaigns, next);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId }, { id: auditId, entity: 'campaign', entityId: campaignId, action: AUDIT_ACTION[what], summary: `${WHAT_LABELS[what]}活动「${c.name}」`, before: { status: c.status }, after: { status: next.status } });
    return ok(next);
  });
}

const WHAT_LABELS: Record<Transition, string> = { launch: '发布', pause: '暂停', resume: '继续' };

/**
 * `campaign.launch {campaignId, requestId}`: starts (or continues) the launch and works on it for a
 * few seconds; the answer carries progress. The client calls again while `status` is `launching`;
 * the scheduler also continues launching campaigns, so closing the page does not stop one.
 */
export async function launch(input: { campaignId: string; requestId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const checked = await getById<CampaignDoc>(ctx.db, COLL.campaigns, input.campaignId);
  if (checked?.status === 'draft') {
    const coupon = await checkCoupon(ctx, checked);
    if (!coupon.ok) return coupon;
  }
  const t = await transition(ctx, input.campaignId, input.requestId, 'launch');
  if (!t.ok) return t;
  const settings = await ctx.settings();
  const after = await launchStep({ db: ctx.db, now: ctx.now, log: ctx.log, settings, port: sendingPort(ctx), budgetMs: LAUNCH_BUDGET_MS }, input.campaignId);
  return ok(await view(ctx, after ?? t.data));
}

export async function pause(input: { campaignId: string; requestId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const t = await transition(ctx, input.campaignId, input.requestId, 'pause');
  return t.ok ? ok(await view(ctx, t.data)) : t;
}

export async function resume(input: { campaignId: string; requestId: string }, ctx: ActionContext): Promise<Result<CampaignView>> {
  const t = await transition(ctx, input.campaignId, input.requestId, 'resume');
  return t.ok ? ok(await view(ctx, t.data)) : t;
}

export async function report(input: { campaignId: string }, ctx: ActionContext): Promise<Result<CampaignReport>> {
  const c = await getById<CampaignDoc>(ctx.db, COLL.campaigns, input.campaignId);
  if (!c) return fail('NOT_FOUND', '活动不存在，请返回列表刷新。');
  return ok(await campaignReport(ctx.db, c));
}

/** Sends from this function, each answer recorded for 上线检查. */
const sendingPort = (ctx: ActionContext) => recordingPort(messagePort(ctx.db, ctx.now), ctx.db, ctx.fn, ctx.now, ctx.log);

/**
 * A timer invocation has seconds (this function's timeout is 20 s, config.json): launches get
 * this long, then the renewal reminders, with room to spare. Issue 18: at 5 s a minute a 20,000-
 * customer launch took hours from the timer alone.
 */
const TICK_LAUNCH_MS = 12_000;
const TICK_REMINDERS_MS = 3_000;

export interface TickReport {
  launchesStepped: number;
  /** Live or paused campaigns closed because their end time passed. */
  ended: number;
  reminders: ReminderReport;
}

/**
 * Timer (every minute; `/local/trigger/campaign` locally): continues every campaign still
 * launching (bounded; the rest next run; ended ones are closed) and sends renewal reminders due.
 */
export async function tick(_i: Record<string, never>, ctx: ActionContext): Promise<Result<TickReport>> {
  const started = Date.now();
  const settings = await ctx.settings();
  const port = sendingPort(ctx);
  const res = (await ctx.db.collection(COLL.campaigns).where({ status: 'launching' }).orderBy('launchedAt', 'asc').limit(10).get()) as { data: CampaignDoc[] };
  let launchesStepped = 0;
  for (const c of res.data) {
    const left = TICK_LAUNCH_MS - (Date.now() - started);
    if (left <= 0) break;
    await launchStep({ db: ctx.db, now: ctx.now, log: ctx.log, settings, port, budgetMs: left }, c._id);
    launchesStepped++;
  }
  const ended = await endPastCampaigns(ctx);
  const reminders = await sendRenewalReminders(ctx.db, ctx.now, ctx.log, settings, port, TICK_REMINDERS_MS);
  return ok({ launchesStepped, ended, reminders });
}

/**
 * 进行中 / 已暂停 campaigns whose end time has passed become 已结束 (a launch still running past its
 * end is closed by the launch step itself). Each is changed in its own transaction, re-checked there.
 */
async function endPastCampaigns(ctx: ActionContext): Promise<number> {
  const now = ctx.now();
  const _ = ctx.db.command;
  const res = (await ctx.db.collection(COLL.campaigns).where({ status: _.in(['live', 'paused']), 'schedule.endAt': _.lt(now) }).limit(20).get()) as { data: CampaignDoc[] };
  let ended = 0;
  for (const found of res.data) {
    const done = await runInTransaction(ctx.db, async (tx) => {
      const c = await txGet<CampaignDoc>(tx, COLL.campaigns, found._id);
      if (!c || (c.status !== 'live' && c.status !== 'paused') || now <= c.schedule.endAt) return false;
      const moved = transitionCampaign(c, 'ended', now);
      if (!moved.ok) return false;
      await txReplace(tx, COLL.campaigns, { ...c, ...moved.data, endedAt: now, version: c.version + 1 });
      return true;
    });
    if (done) ended++;
  }
  return ended;
}
