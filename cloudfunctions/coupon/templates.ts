import { fail, ok, type Result } from '../../shared/errors/result';
import { customerLabel } from '../../shared/labels/actors';
import { offerLabel, type CouponTemplate, type CouponTemplateInput, type CouponTemplateStatus } from '../../shared/promotions/coupon';
import { toCouponView, toTemplateView, type CouponTemplateView, type CouponView } from '../../shared/promotions/views';
import type { ActionContext } from '../_kit/create-handler';
import { getAll, getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { quantityCounterIdOf, templateIdFor, type CounterDoc } from '../_coupons/docs';
import { issueCoupon } from '../_coupons/issue';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit, writeAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';

/**
 * Coupon templates for operators (优惠券): create, pause/resume, and grant one to a customer.
 * Templates are not edited after creation — issued coupons carry a snapshot of the rule anyway,
 * and a changed rule is a new template. Every change is one transaction with its audit record.
 */
const count = async (ctx: ActionContext, where: Record<string, unknown>) => ((await ctx.db.collection(COLL.coupons).where(where).count()) as { total: number }).total;

async function viewOf(ctx: ActionContext, t: CouponTemplate): Promise<CouponTemplateView> {
  // A limited template keeps its issued count on its counter; an unlimited one is counted (templateId_status index).
  const counter = t.totalQuantity !== undefined ? await getById<CounterDoc>(ctx.db, COLL.coupon_counters, quantityCounterIdOf(t._id)) : null;
  const [issued, used] = await Promise.all([counter ? Promise.resolve(counter.issued) : count(ctx, { templateId: t._id }), count(ctx, { templateId: t._id, status: 'used' })]);
  return toTemplateView(t, issued, used);
}

/** `coupon.templates`: every template, newest first, with issued and used counts. */
export async function listTemplates(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ templates: CouponTemplateView[] }>> {
  const templates = await getAll<CouponTemplate>(ctx.db, COLL.coupon_templates, { status: ctx.db.command.in(['active', 'paused']) }, { orderBy: ['createdAt', 'desc'], max: 500 });
  return ok({ templates: await Promise.all(templates.map((t) => viewOf(ctx, t))) });
}

/** `coupon.saveTemplate {template, requestId}`: a new template (the id derives from the request id, so a retry returns it). */
export async function saveTemplate(input: { template: CouponTemplateInput; requestId: string }, ctx: ActionContext): Promise<Result<CouponTemplateView>> {
  const now = ctx.now();
  for (const productId of input.template.productIds ?? []) {
    if (!(await getById(ctx.db, COLL.products, productId))) return fail('INVALID_INPUT', `适用商品（${productId}）不存在，请重新选择。`, [{ path: 'template.productIds', message: '商品不存在' }]);
  }
  const id = templateIdFor(ctx.openid, input.requestId);
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<CouponTemplate>> => {
    const existing = await txGet<CouponTemplate>(tx, COLL.coupon_templates, id);
    if (existing) return ok(existing);
    const t: CouponTemplate = { ...input.template, _id: id, status: 'active', createdAt: now, createdBy: ctx.openid, updatedAt: now, version: 1 };
    await txCreate(tx, COLL.coupon_templates, t);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'coupon-template',
      entityId: id,
      action: 'coupon.create',
      summary: `新建优惠券「${t.name}」（${offerLabel(t)}${t.totalQuantity !== undefined ? `，共 ${t.totalQuantity} 张` : ''}${t.claimable ? '，可领取' : ''}）`,
      before: null,
      after: t,
    });
    return ok(t);
  });
  if (!res.ok) return res;
  return ok(await viewOf(ctx, res.data));
}

/** `coupon.setTemplateStatus {templateId, status, requestId}`: pause (no more issuing or claiming) or resume. Held coupons stay usable. */
export async function setTemplateStatus(input: { templateId: string; status: CouponTemplateStatus; requestId: string }, ctx: ActionContext): Promise<Result<CouponTemplateView>> {
  const now = ctx.now();
  const action = input.status === 'paused' ? 'coupon.pause' : 'coupon.resume';
  const res = await runInTransaction(ctx.db, async (tx): Promise<Result<CouponTemplate>> => {
    const t = await txGet<CouponTemplate>(tx, COLL.coupon_templates, input.templateId);
    if (!t) return fail('NOT_FOUND', '没有找到该优惠券，请刷新列表。');
    if (t.status === input.status || (await priorAudit(tx, auditIdFor(ctx.openid, input.requestId, action, t._id)))) return ok(t);
    const next: CouponTemplate = { ...t, status: input.status, updatedAt: now, version: t.version + 1 };
    await txReplace(tx, COLL.coupon_templates, next);
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'coupon-template',
      entityId: t._id,
      action,
      summary: `${input.status === 'paused' ? '暂停发放' : '恢复发放'}优惠券「${t.name}」`,
      before: t,
      after: next,
    });
    return ok(next);
  });
  if (!res.ok) return res;
  return ok(await viewOf(ctx, res.data));
}

/**
 * `coupon.issue {templateId, openid, requestId}`: an operator grants a coupon to one customer
 * (补发, service recovery) through the same issuance as claims and campaigns — limits included.
 */
export async function issueToCustomer(input: { templateId: string; openid: string; requestId: string }, ctx: ActionContext): Promise<Result<{ coupon: CouponView; created: boolean }>> {
  const now = ctx.now();
  const res = await runInTransaction(ctx.db, async (tx) => {
    const issued = await issueCoupon(tx, { openid: input.openid, templateId: input.templateId, issueKey: `op:${ctx.openid}:${input.requestId}`, issuedBy: 'operator', now });
    if (!issued.ok || !issued.data.created) return issued;
    await writeAudit(tx, { by: ctx.openid, at: now, requestId: input.requestId }, {
      entity: 'coupon-template',
      entityId: input.templateId,
      action: 'coupon.issue',
      summary: `向${customerLabel(input.openid)}发放优惠券「${issued.data.coupon.rule.name}」`,
      before: null,
      after: issued.data.coupon,
    });
    return issued;
  });
  if (!res.ok) return res;
  return ok({ coupon: toCouponView(res.data.coupon, now), created: res.data.created });
}
