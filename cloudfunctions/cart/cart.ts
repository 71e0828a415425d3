import type { CartView } from '../../shared/api/cart';
import { cartIdOf, MAX_CART_LINES, type CartDoc, type CartLine } from '../../shared/documents/cart';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { Product } from '../../shared/schemas/product';
import type { ActionContext } from '../_kit/create-handler';
import { COLL } from '../_kit/collections';
import { getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';
import { deletionGuard } from '../_deletion/guard';

const viewOf = (doc: CartDoc | null): CartView => ({ lines: doc ? [...doc.lines].sort((a, b) => b.addedAt - a.addedAt) : [] });

export async function getCart(_input: Record<string, never>, ctx: ActionContext): Promise<Result<CartView>> {
  return ok(viewOf(await getById<CartDoc>(ctx.db, COLL.carts, cartIdOf(ctx.openid))));
}

/**
 * Sets one line's quantity (0 removes it). The product must be on sale; a trial is one per
 * customer, so its line holds 1 whatever was asked. Whether the customer may buy it now
 * (members-only window, stock, a trial already used) is checkout's question, asked with the order.
 */
export async function setLine(input: { productId: string; qty: number }, ctx: ActionContext): Promise<Result<CartView>> {
  const { productId } = input;
  let qty = input.qty;
  if (qty > 0) {
    const product = await getById<Product>(ctx.db, COLL.products, productId);
    if (!product || product.status !== 'active') return fail('PRODUCT_UNAVAILABLE', '商品已下架或暂不可购买，请选择其他商品。');
    if (product.kind === 'trial') qty = 1;
  }
  const now = ctx.now();
  return runInTransaction(ctx.db, async (tx) => {
    const refused = await deletionGuard(tx, ctx.openid, 'cart');
    if (refused) return refused;
    const doc = await txGet<CartDoc>(tx, COLL.carts, cartIdOf(ctx.openid));
    const lines: CartLine[] = doc ? doc.lines.filter((l) => l.productId !== productId) : [];
    const existing = doc?.lines.find((l) => l.productId === productId);
    if (qty > 0) {
      if (!existing && lines.length >= MAX_CART_LINES) return fail('CART_FULL', `购物车最多放 ${MAX_CART_LINES} 种商品，请先结算或移除一些再添加。`);
      lines.push({ productId, qty, addedAt: existing?.addedAt ?? now });
    }
    const next: CartDoc = { _id: cartIdOf(ctx.openid), openid: ctx.openid, lines, updatedAt: now, version: (doc?.version ?? 0) + 1 };
    // Nothing changed (a retry, or removing what is not there): no write.
    if (doc && sameLines(doc.lines, lines)) return ok(viewOf(doc));
    await txReplace(tx, COLL.carts, next);
    return ok(viewOf(next));
  });
}

/** Removes these products' lines (what an order just took); products not in the cart are ignored. */
export async function removeLines(input: { productIds: string[] }, ctx: ActionContext): Promise<Result<CartView>> {
  const gone = new Set(input.productIds);
  const now = ctx.now();
  return runInTransaction(ctx.db, async (tx) => {
    const doc = await txGet<CartDoc>(tx, COLL.carts, cartIdOf(ctx.openid));
    if (!doc || !doc.lines.some((l) => gone.has(l.productId))) return ok(viewOf(doc));
    const next: CartDoc = { ...doc, lines: doc.lines.filter((l) => !gone.has(l.productId)), updatedAt: now, version: doc.version + 1 };
    await txReplace(tx, COLL.carts, next);
    return ok(viewOf(next));
  });
}

const sameLines = (a: CartLine[], b: CartLine[]) =>
  a.length === b.length && a.every((l) => b.some((m) => m.productId === l.productId && m.qty === l.qty && m.addedAt === l.addedAt));
