import { fail, ok, type Result } from '../../shared/errors/result';
import { couponBlock, offerFace, offerLabel, type CouponDoc, type CouponTemplate } from '../../shared/promotions/coupon';
import { missMessage, STACKING_LABELS } from '../../shared/promotions/pricing';
import { toClaimableView, toCouponView, type ClaimableView, type CouponQuote, type CouponView, type QuoteOption } from '../../shared/promotions/views';
import { formatYuan } from '../../shared/money/format';
import type { ActionContext } from '../_kit/create-handler';
import { getAll, getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { couponIdFor, customerCounterIdOf, quantityCounterIdOf, type CounterDoc } from '../_coupons/docs';
import { giveCouponUnitBack, takeCouponUnit } from '../_coupons/quantity';
import { issueCoupon } from '../_coupons/issue';
import { BLOCK_MESSAGES, lastProductPaidAt } from '../_coupons/use';
import { interactionEvent, writeEvent } from '../_events/make-event';
import { loadOrderProducts, priceProducts, type DraftItem } from '../_orders/order-draft';
import { deletionGuard } from '../_deletion/guard';
import { markedCount } from '../_deletion/markers';
import { COLL } from '../_kit/collections';

/** The caller's coupons, newest first (a customer holds tens, not thousands: one indexed read). */
const myCoupons = (ctx: ActionContext) => getAll<CouponDoc>(ctx.db, COLL.coupons, { openid: ctx.openid }, { orderBy: ['issuedAt', 'desc'], max: 300 });

/** `coupon.mine`: every coupon the caller holds, with its status as of now (我的优惠券). */
export async function mine(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ coupons: CouponView[] }>> {
  const now = ctx.now();
  const [coupons, lastPaid] = await Promise.all([myCoupons(ctx), lastProductPaidAt(ctx.db, ctx.openid)]);
  return ok({ coupons: coupons.map((c) => toCouponView(c, now, lastPaid)) });
}

const publishedTemplates = async (ctx: ActionContext) =>
  (await getAll<CouponTemplate>(ctx.db, COLL.coupon_templates, { status: 'active' }, { orderBy: ['createdAt', 'desc'], max: 200 })).filter((t) => t.claimable);

/** `coupon.claimable`: templates published for customers to claim (领券中心), with what the caller may still claim. */
export async function claimable(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ templates: ClaimableView[] }>> {
  const now = ctx.now();
  const templates = (await publishedTemplates(ctx)).filter((t) => t.validity.kind === 'days' || now <= t.validity.until);
  const views = await Promise.all(
    templates.map(async (t) => {
      const [mineCounter, total, before] = await Promise.all([
        getById<CounterDoc>(ctx.db, COLL.coupon_counters, customerCounterIdOf(t._id, ctx.openid)),
        t.totalQuantity !== undefined ? getById<CounterDoc>(ctx.db, COLL.coupon_counters, quantityCounterIdOf(t._id)) : Promise.resolve(null),
        markedCount(ctx.db, 'coupon', ctx.openid, t._id),
      ]);
      return toClaimableView(t, (mineCounter?.issued ?? 0) + before, total?.issued);
    }),
  );
  return ok({ templates: views });
}

/** Many customers claiming one template contend on its counter: retry long enough that a burst ends in claims and clean refusals. */
const CLAIM_TX = { attempts: 200, baseDelayMs: 10, maxDelayMs: 1000 };

/**
 * `coupon.claim {templateId, requestId}`: the caller claims a published template. One
 * transaction issues the coupon (counters by id: never over-issued, per-customer limit kept) and
 * writes the `coupon.claimed` interaction event (the outbox), so the profile learns of it exactly
 * once. The same request id returns the same coupon.
 */
export async function claim(input: { templateId: string; requestId: string }, ctx: ActionContext): Promise<Result<{ coupon: CouponView; created: boolean }>> {
  const now = ctx.now();
  const t = await getById<CouponTemplate>(ctx.db, COLL.coupon_templates, input.templateId);
  if (!t || !t.claimable) return fail('COUPON_NOT_CLAIMABLE', '这张优惠券暂不可领取，请刷新后查看其他优惠券。');
  const issueKey = `claim:${input.requestId}`;
  // A limited template: the unit first, by one conditional update (no retry storm on its counter).
  const limited = t.totalQuantity !== undefined ? { ...t, totalQuantity: t.totalQuantity } : undefined;
  const unit = limited ? await takeCouponUnit(ctx.db, limited, now) : undefined;
  if (unit === 'sold-out') {
    // A retried claim whose coupon was issued before the last unit went: that coupon.
    const mine = await getById<CouponDoc>(ctx.db, COLL.coupons, couponIdFor(t._id, ctx.openid, issueKey));
    return mine ? ok({ coupon: toCouponView(mine, now), created: false }) : fail('COUPON_SOLD_OUT', `「${t.name}」已被领完，下次早点来哦。`);
  }
  let res: Awaited<ReturnType<typeof issueCoupon>>;
  try {
    res = await runInTransaction(
      ctx.db,
      async (tx) => {
        const deleting = await deletionGuard(tx, ctx.openid, 'coupon');
        if (deleting) return deleting;
        const issued = await issueCoupon(tx, { openid: ctx.openid, templateId: t._id, issueKey, issuedBy: 'claim', now, unitTaken: unit === 'taken' });
        if (!issued.ok || !issued.data.created) return issued;
        const c = issued.data.coupon;
        await writeEvent(tx, interactionEvent({ openid: ctx.openid, unionid: ctx.caller.unionid }, { factId: c._id, type: 'coupon.claimed', at: now, data: { couponId: c._id, templateId: c.templateId } }));
        return issued;
      },
      CLAIM_TX,
    );
  } catch (e) {
    if (unit === 'taken') await giveCouponUnitBack(ctx.db, t._id, now);
    throw e;
  }
  if (unit === 'taken' && !(res.ok && res.data.created)) await giveCouponUnitBack(ctx.db, t._id, now);
  if (!res.ok) return res;
  return ok({ coupon: toCouponView(res.data.coupon, now), created: res.data.created });
}

/**
 * `coupon.quote {items}`: the checkout's coupon picker. Prices the order through the same rule and
 * the same product checks as order.create, once without a coupon and once with each coupon the
 * caller holds, and says for each what it saves or why it does not apply.
 */
export async function quote(input: { items: DraftItem[] }, ctx: ActionContext): Promise<Result<CouponQuote>> {
  const now = ctx.now();
  const settings = await ctx.settings();
  const loaded = await loadOrderProducts(ctx, input.items, now);
  if (!loaded.ok) return loaded;
  const plain = priceProducts(loaded.data, undefined, settings.couponStacking);
  const [coupons, lastPaid] = await Promise.all([myCoupons(ctx), lastProductPaidAt(ctx.db, ctx.openid)]);
  const options: QuoteOption[] = [];
  for (const c of coupons) {
    const block = couponBlock(c, now, lastPaid);
    // Spent coupons are history (我的优惠券), not choices; a coupon held by a pending order is shown with what to do.
    if (block && block !== 'reserved' && block !== 'not-started') continue;
    const base = { couponId: c._id, name: c.rule.name, offerLabel: offerLabel(c.rule), face: offerFace(c.rule.offer), validUntil: c.validUntil };
    if (block) {
      options.push({ ...base, applies: false, discountFen: 0, totalFen: plain.totalFen, savingFen: 0, message: BLOCK_MESSAGES[block](c) });
      continue;
    }
    const priced = priceProducts(loaded.data, c, settings.couponStacking);
    const applied = priced.coupon?.applied === true;
    const savingFen = plain.totalFen - priced.totalFen;
    const message = priced.coupon && !priced.coupon.applied ? missMessage(priced.coupon.miss) : `已减${formatYuan(priced.couponDiscountFen)}${priced.coupon?.applied && priced.coupon.floorCapped ? '（已到商品最低成交价）' : ''}`;
    options.push({ ...base, applies: applied, discountFen: applied ? priced.couponDiscountFen : 0, totalFen: priced.totalFen, savingFen, message });
  }
  options.sort((a, b) => Number(b.applies) - Number(a.applies) || b.savingFen - a.savingFen || a.validUntil - b.validUntil);
  const best = options.find((o) => o.applies);
  return ok({
    stacking: settings.couponStacking,
    stackingLabel: STACKING_LABELS[settings.couponStacking],
    memberActive: loaded.data.member,
    totalFen: plain.totalFen,
    options,
    ...(best ? { bestCouponId: best.couponId } : {}),
  });
}
