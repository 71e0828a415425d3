import { fail, ok, type Result } from '../../shared/errors/result';
import type { Product } from '../../shared/schemas/product';
import type { Tx } from '../_kit/transaction';
import { type OrderDoc } from '../../shared/documents';
import { txGet, txReplace } from '../_kit/tx';
import { getById, type Db } from '../_kit/db';
import { COLL } from '../_kit/collections';

/**
 * Stock of products that track it (`product.stock` set). Units are taken BEFORE the order's
 * transaction, by one conditional update per line (`where({_id, stock >= qty}).update({stock: −qty})`):
 * the database applies such updates one after another without aborting any, so 200 customers
 * going for 50 units do not retry against each other on the product document (issue 18; inside
 * the transaction they did, at ~6 orders/s). Never oversold: a line either gets its units or the
 * order is refused OUT_OF_STOCK. If the order is then not placed (refused, a retry of an order
 * that exists, a fault) the units go straight back (giveStockBack). A crash between the two holds
 * units nobody ordered until an operator counts them (ops.setStock) — never the other way round.
 * Held units of an unpaid order are given back if it is cancelled or expires, inside that
 * transaction (releaseStock; a late payment of such an order is refunded, so it never needs them).
 * Refunds of paid orders do not restock: returned goods are counted back by the operator. Stock
 * moves never bump the product's `revision`, so an operator editing the product is not refused
 * because something sold meanwhile.
 */
export async function takeStock(db: Db, order: OrderDoc): Promise<Result<OrderDoc>> {
  if (order.kind !== 'product') return ok(order);
  const _ = db.command;
  const lines: OrderDoc['lines'] = [];
  for (const line of order.lines) {
    if (!line.stockTracked) {
      lines.push(line);
      continue;
    }
    const res = (await db.collection(COLL.products).where({ _id: line.productId, stock: _.gte(line.qty) }).update({ stock: _.inc(-line.qty) })) as { updated?: number };
    if (res.updated === 1) {
      lines.push({ ...line, stockReserved: true });
      continue;
    }
    const p = await getById<Product>(db, COLL.products, line.productId);
    // Tracking was switched off since the order was priced: nothing to take.
    if (p && p.stock === undefined) {
      lines.push(line);
      continue;
    }
    await giveStockBack(db, { ...order, lines });
    const left = p?.stock ?? 0;
    return fail('OUT_OF_STOCK', left === 0 ? `「${line.name}」已售罄，请选择其他商品。` : `「${line.name}」库存仅剩 ${left} 件，请减少数量后重试。`, { productId: line.productId, remaining: left });
  }
  return ok({ ...order, lines });
}

/** Units taken for an order that was not placed: back to the products (those still tracking stock). */
export async function giveStockBack(db: Db, order: OrderDoc): Promise<void> {
  const _ = db.command;
  for (const line of order.lines) {
    if (!line.stockReserved) continue;
    await db.collection(COLL.products).where({ _id: line.productId, stock: _.exists(true) }).update({ stock: _.inc(line.qty) });
  }
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
