import { fail, ok, type Result } from '../../shared/errors/result';
import type { Delivery } from '../../shared/gifts/delivery';
import { formatYuan } from '../../shared/money/format';
import { formatDateTime } from '../../shared/time';
import { priceLines } from '../../shared/orders/pricing';
import { productSchema, type Product } from '../../shared/schemas/product';
import type { Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { idFromKey } from '../_kit/ids';
import { paymentProvider } from '../_kit/payments';
import { COLL, type OrderDoc, type OrderKind, type PayWith } from './docs';
import { isActiveMember } from './membership-read';

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
    status: 'created' as const,
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

/**
 * A product order priced on the server from the stored products (client prices are never read):
 * member price while the caller's membership is active. Unknown or archived products refuse the
 * whole order.
 */
export async function draftProductOrder(ctx: ActionContext, items: DraftItem[], payWith: PayWith, requestId: string, settings: Settings, now: number, delivery?: Delivery): Promise<Result<OrderDoc>> {
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
  const priced = priceLines(products, member);
  const lines = priced.lines.map((l, i) => {
    const p = products[i].product;
    return {
      ...l,
      name: p.name,
      kind: p.kind,
      ...(p.fullProductId ? { fullProductId: p.fullProductId } : {}),
      physical: p.physical,
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
    // Only physical goods go anywhere; an address given for a course is not kept.
    ...(delivery && lines.some((l) => l.physical) ? { delivery } : {}),
    ...(payWith === 'wechat' ? { payment: pendingPayment() } : {}),
  });
}

/** A WeChat payment waiting for its callback, through whichever provider this deployment uses. */
export const pendingPayment = () => ({ provider: paymentProvider().name, state: 'pending' as const });

export const yuan = (fen: number) => formatYuan(fen, { trimZeros: false });
