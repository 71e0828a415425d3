import { fail, ok, type Result } from '../../shared/errors/result';
import type { Product } from '../../shared/schemas/product';
import type { Tx } from '../_kit/transaction';
import { type OrderDoc } from '../../shared/documents';
import { txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Stock of products that track it (`product.stock` set), taken inside the order's own transaction:
 * the product document is read and written by id, so two orders for the last unit conflict and
 * retry — one gets it, the other OUT_OF_STOCK; never oversold. Units are held from order creation
 * and given back if the order is cancelled or expires unpaid (a late payment of such an order is
 * refunded, so it never needs them). Refunds of paid orders do not restock: returned goods are
 * counted back by the operator (ops.setStock). Stock moves never bump the product's `revision`,
 * so an operator editing the product is not refused because something sold meanwhile.
 */
export async function reserveStock(tx: Tx, order: OrderDoc): Promise<Result<OrderDoc>> {
  if (order.kind !== 'product') return ok(order);
  const lines = [];
  for (const line of order.lines) {
    const p = await txGet<Product>(tx, COLL.products, line.productId);
    if (!p || p.stock === undefined) {
      lines.push(line);
      continue;
    }
    if (p.stock < line.qty) {
      return fail('OUT_OF_STOCK', p.stock === 0 ? `「${line.name}」已售罄，请选择其他商品。` : `「${line.name}」库存仅剩 ${p.stock} 件，请减少数量后重试。`, { productId: line.productId, remaining: p.stock });
    }
    await txReplace(tx, COLL.products, { ...p, stock: p.stock - line.qty });
    lines.push({ ...line, stockReserved: true });
  }
  return ok({ ...order, lines });
}

/** Gives an unpaid order's held units back (cancelled or expired). Products that stopped tracking stock are left alone. */
export async function releaseStock(tx: Tx, order: OrderDoc): Promise<void> {
  for (const line of order.lines) {
    if (!line.stockReserved) continue;
    const p = await txGet<Product>(tx, COLL.products, line.productId);
    if (!p || p.stock === undefined) continue;
    await txReplace(tx, COLL.products, { ...p, stock: p.stock + line.qty });
  }
}

export const hasReservedStock = (order: OrderDoc) => order.lines.some((l) => l.stockReserved);
