import { fail, ok, type Result } from '../../shared/errors/result';
import type { Settings } from '../../shared/schemas/settings';
import type { Tx } from '../_kit/transaction';
import { holdIdOf, type HoldDoc, type HoldEntry, type OrderDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { COLL } from '../_kit/collections';

/**
 * Hold limits (issue 15): an unpaid product order holds stock (and its coupon and trial) until it is
 * paid, cancelled or expires. Without a limit one customer could keep a product's whole stock off
 * sale with a few unpaid orders, renewed every payment window. One document per customer
 * (`order_holds/hld_<openid>`), read and written by id in the order's own transaction — so concurrent
 * orders of one customer conflict on it and retry, and never pass the limits together:
 *   - at most `settings.maxUnpaidOrders` unpaid product orders at once (WeChat and 组合支付; a balance
 *     order is paid in its own transaction and holds nothing);
 *   - at most `settings.maxHeldUnitsPerProduct` units of one stock-tracked product across them.
 * An order past its payment window no longer counts (the sweep closes it and gives its stock back).
 * Paying, cancelling, expiring or the sweep's release remove the order's entry.
 */
const live = (h: HoldDoc | null, now: number): HoldEntry[] => (h?.orders ?? []).filter((e) => e.expiresAt > now);

const unitsOf = (entries: HoldEntry[], productId: string) => entries.reduce((s, e) => s + e.units.filter((u) => u.productId === productId).reduce((a, u) => a + u.qty, 0), 0);

function summarize(doc: Omit<HoldDoc, 'orderCount' | 'maxUnits'>): HoldDoc {
  const products = new Set(doc.orders.flatMap((e) => e.units.map((u) => u.productId)));
  return { ...doc, orderCount: doc.orders.length, maxUnits: Math.max(0, ...[...products].map((p) => unitsOf(doc.orders, p))) };
}

/** The entry an order adds: its stock-tracked lines (reserveStock marked them). */
const entryOf = (order: OrderDoc): HoldEntry => ({
  orderId: order._id,
  createdAt: order.createdAt,
  expiresAt: order.expiresAt,
  units: order.lines.filter((l) => l.stockReserved).map((l) => ({ productId: l.productId, name: l.name, qty: l.qty })),
});

/**
 * Inside the placing transaction, after reserveStock: refuses an order that would take the customer
 * over a limit (nothing is written then — the caller returns the refusal and the transaction rolls back).
 */
export async function takeHold(tx: Tx, order: OrderDoc, settings: Pick<Settings, 'maxUnpaidOrders' | 'maxHeldUnitsPerProduct'>, now: number): Promise<Result<void>> {
  if (order.kind !== 'product') return ok(undefined);
  const stored = await txGet<HoldDoc>(tx, COLL.order_holds, holdIdOf(order.openid));
  const held = live(stored, now).filter((e) => e.orderId !== order._id);
  if (held.length >= settings.maxUnpaidOrders) {
    return fail('UNPAID_ORDER_LIMIT', `您已有 ${held.length} 笔待支付订单，最多可同时保留 ${settings.maxUnpaidOrders} 笔。请先在「我的订单」中支付或取消其中一笔，再下新单。`, { unpaidOrders: held.length, max: settings.maxUnpaidOrders });
  }
  const entry = entryOf(order);
  const max = settings.maxHeldUnitsPerProduct;
  for (const u of entry.units) {
    const already = unitsOf(held, u.productId);
    if (already + u.qty <= max) continue;
    return fail(
      'HOLD_LIMIT_REACHED',
      already === 0
        ? `「${u.name}」每位顾客最多保留 ${max} 件待支付，您本单要 ${u.qty} 件。请减少数量，或改用余额支付（支付后不占用库存）。`
        : `「${u.name}」每位顾客最多保留 ${max} 件待支付，您的待支付订单已占 ${already} 件。请先在「我的订单」中支付或取消待支付订单，再下新单。`,
      { productId: u.productId, held: already, max },
    );
  }
  // Lapsed entries are dropped here too (their orders are closed by the sweep).
  const next = summarize({ _id: holdIdOf(order.openid), openid: order.openid, orders: [...held, entry], version: (stored?.version ?? 0) + 1, updatedAt: now });
  await (stored ? txReplace(tx, COLL.order_holds, next) : txCreate(tx, COLL.order_holds, next));
  return ok(undefined);
}

/** Removes an order's entry (paid, cancelled, expired, released). Nothing when it holds none. */
export async function releaseHold(tx: Tx, order: OrderDoc, now: number): Promise<void> {
  if (order.kind !== 'product') return;
  const stored = await txGet<HoldDoc>(tx, COLL.order_holds, holdIdOf(order.openid));
  if (!stored || !stored.orders.some((e) => e.orderId === order._id)) return;
  await txReplace(tx, COLL.order_holds, summarize({ ...stored, orders: stored.orders.filter((e) => e.orderId !== order._id), version: stored.version + 1, updatedAt: now }));
}

/**
 * The orders to release so a customer is within the limits again (an operator lowered them): the
 * newest orders are kept — the one being paid right now is most likely the newest — and the older
 * ones beyond either limit are released.
 */
export function excessHolds(h: HoldDoc, settings: Pick<Settings, 'maxUnpaidOrders' | 'maxHeldUnitsPerProduct'>, now: number): string[] {
  const kept: HoldEntry[] = [];
  const release: string[] = [];
  for (const e of [...live(h, now)].sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : -1))) {
    const fits = kept.length < settings.maxUnpaidOrders && e.units.every((u) => unitsOf(kept, u.productId) + u.qty <= settings.maxHeldUnitsPerProduct);
    if (fits) kept.push(e);
    else release.push(e.orderId);
  }
  return release;
}
