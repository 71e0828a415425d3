import { fail, ok, type Result } from '../../shared/errors/result';
import { NEW_ORDER_STATE, NEW_PAYMENT_STATE } from '../../shared/orders/transitions';
import type { Delivery } from '../../shared/gifts/delivery';
import { formatYuan } from '../../shared/money/format';
import { formatDateTime } from '../../shared/time';
import type { CouponDoc } from '../../shared/promotions/coupon';
import { missMessage, priceOrder, type CouponStacking, type PricedOrder } from '../../shared/promotions/pricing';
import { productSchema, type Product } from '../../shared/schemas/product';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { paymentProvider } from '../_kit/payments';
import { type OrderDoc, type OrderKind, type PayWith } from '../../shared/documents';
import { isActiveMember } from '../_membership/membership-read';
import { COLL } from '../_kit/collections';

export interface DraftItem {
  productId: string;
  qty: number;
}

/** Order ids derive from (customer, request id): a retried create addresses the same document. */
export const orderIdFor = (openid: string, requestId: string) => idFromKey('ord', openid, requestId);

/** Fields every order starts with, whatever it sells. */
export function baseOrder(ctx: ActionContext, kind: OrderKind, payWith: PayWith, requestId: string, settings: Settings, now: number) {
  return {
    _id: orderIdFor(ctx.openid, requestId),
    openid: ctx.openid,
    ...(ctx.caller.unionid ? { unionid: ctx.caller.unionid } : {}),
    kind,
    status: NEW_ORDER_STATE,
    payWith,
    qualifyingFen: 0,
    qualifyingReversedFen: 0,
    refundedFen: 0,
    refundWindowDays: settings.refundWindowDays,
    requestId,
    createdAt: now,
    expiresAt: now + settings.paymentTimeoutMinutes * 60_000,
    updatedAt: now,
    version: 1,
  };
}

/** The products of an order request, loaded and checked (active, quantities, members-only window). */
export interface OrderProducts {
  products: Array<{ product: Product; qty: number }>;
  member: boolean;
}

/**
 * Loads the requested products from the store (client prices are never read) and checks what
 * refuses the whole order: unknown or archived products, quantities, trials, members-only windows.
 * Shared by order.create and the checkout quote, so both refuse the same things.
 */
export async function loadOrderProducts(ctx: ActionContext, items: DraftItem[], now: number): Promise<Result<OrderProducts>> {
  const merged = new Map<string, number>();
  for (const it of items) merged.set(it.productId, (merged.get(it.productId) ?? 0) + it.qty);
  const products: Array<{ product: Product; qty: number }> = [];
  for (const [productId, qty] of merged) {
    const raw = await getById<unknown>(ctx.db, COLL.products, productId);
    const parsed = raw ? productSchema.safeParse(raw) : null;
    if (!parsed?.success || parsed.data.status !== 'active') {
      return fail('PRODUCT_UNAVAILABLE', `商品（${productId}）已下架或不存在，请返回首页重新选择。`);
    }
    if (qty > 99) return fail('INVALID_INPUT', '单个商品每次最多购买 99 件。');
    products.push({ product: parsed.data, qty });
  }
  const member = await isActiveMember(ctx.db, ctx.openid, now);
  for (const { product: p, qty } of products) {
    if (p.kind === 'trial' && qty !== 1) return fail('INVALID_INPUT', `体验装「${p.name}」每人限购 1 件，请把数量改为 1。`);
    // Priority access (PRODUCT.md): until the window closes, only active members may buy.
    if (p.memberEarlyAccessUntil !== undefined && now < p.memberEarlyAccessUntil && !member) {
      return fail('MEMBERS_ONLY_UNTIL', `「${p.name}」为会员抢先购商品，${formatDateTime(p.memberEarlyAccessUntil)} 起对所有人开放；开通会员即可立即购买。`, { until: p.memberEarlyAccessUntil });
    }
  }
  return ok({ products, member });
}

/** Prices loaded products through THE pricing rule (shared/promotions/pricing.ts), with a coupon or without. */
export const priceProducts = (loaded: OrderProducts, coupon: CouponDoc | undefined, stacking: CouponStacking): PricedOrder =>
  priceOrder({
    lines: loaded.products.map(({ product: p, qty }) => ({ productId: p._id, qty, kind: p.kind, priceFen: p.priceFen, ...(p.memberPriceFen !== undefined ? { memberPriceFen: p.memberPriceFen } : {}), floorFen: p.floorFen })),
    isMember: loaded.member,
    ...(coupon ? { coupon: coupon.rule } : {}),
    stacking,
  });

/**
 * A product order priced on the server from the stored products: member price while the caller's
 * membership is active, and the coupon (if one is named) by the stacking setting — never below a
 * product's floor. A named coupon that this order cannot use refuses the order (COUPON_NOT_APPLICABLE
 * with the reason), so a coupon is never spent on an order it does not reduce.
 */
export async function draftProductOrder(ctx: ActionContext, items: DraftItem[], payWith: PayWith, requestId: string, settings: Settings, now: number, delivery?: Delivery, coupon?: CouponDoc): Promise<Result<OrderDoc>> {
  const loaded = await loadOrderProducts(ctx, items, now);
  if (!loaded.ok) return loaded;
  const { products } = loaded.data;
  const priced = priceProducts(loaded.data, coupon, settings.couponStacking);
  if (coupon && !priced.coupon?.applied) {
    const miss = priced.coupon && !priced.coupon.applied ? missMessage(priced.coupon.miss) : '';
    return fail('COUPON_NOT_APPLICABLE', `「${coupon.rule.name}」不适用于本单：${miss}。请选择其他优惠券或不使用优惠券。`, priced.coupon && !priced.coupon.applied ? { reason: priced.coupon.miss.reason } : undefined);
  }
  const lines = priced.lines.map(({ couponDiscountFen, ...l }, i) => {
    const p = products[i].product;
    return {
      ...l,
      ...(couponDiscountFen > 0 ? { couponDiscountFen } : {}),
      name: p.name,
      kind: p.kind,
      ...(p.fullProductId ? { fullProductId: p.fullProductId } : {}),
      physical: p.physical,
      ...(p.stock !== undefined ? { stockTracked: true } : {}),
      costFen: p.costFen,
      refundWindowDays: p.refundWindowDays ?? settings.refundWindowDays,
      refundedQty: 0,
    };
  });
  const title = lines.length === 1 ? `${lines[0].name} ×${lines[0].qty}` : `${lines[0].name} 等 ${lines.length} 件商品`;
  return ok({
    ...baseOrder(ctx, 'product', payWith, requestId, settings, now),
    title: title.slice(0, 60),
    lines,
    totalFen: priced.totalFen,
    ...(coupon && priced.coupon?.applied
      ? { coupon: { couponId: coupon._id, templateId: coupon.templateId, name: coupon.rule.name, discountFen: priced.couponDiscountFen, basis: priced.basis === 'stacked' ? ('stacked' as const) : ('coupon' as const), subtotalFen: priced.subtotalFen } }
      : {}),
    // Only physical goods go anywhere; an address given for a course is not kept.
    ...(delivery && lines.some((l) => l.physical) ? { delivery } : {}),
    ...(payWith !== 'balance' ? { payment: pendingPayment() } : {}),
  });
}

/** A WeChat payment waiting for its callback, through whichever provider this deployment uses. */
export const pendingPayment = () => ({ provider: paymentProvider().name, state: NEW_PAYMENT_STATE });

export const yuan = (fen: number) => formatYuan(fen, { trimZeros: false });
