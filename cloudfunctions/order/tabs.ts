import type { Db } from '../_kit/db';
import { COLL } from '../_kit/collections';
import { COUNTED_ORDER_TABS, type CustomerOrderTab, type OrderTabCounts } from '../../shared/orders/customer-tabs';

/**
 * 我的订单's tabs as queries on one customer's orders: the same conditions as `inTab`
 * (shared/orders/customer-tabs.ts; a test runs both over the same orders). One customer has few
 * orders, so the `openid_createdAt` index narrows every tab to them.
 */
export function tabWhere(db: Db, openid: string, tab: CustomerOrderTab): Record<string, unknown> {
  const _ = db.command;
  switch (tab) {
    case 'all':
      return { openid };
    case 'unpaid':
      return { openid, status: 'created' };
    case 'to-ship':
      return { openid, 'fulfilment.state': 'pending', 'delivery.method': _.neq('pickup') };
    case 'to-pickup':
      return { openid, 'fulfilment.state': 'pending', 'delivery.method': 'pickup' };
    case 'to-receive':
      return { openid, 'fulfilment.state': 'shipped' };
    case 'after-sales':
      return { openid, refundedFen: _.gt(0) };
  }
}

/** How many orders each counted tab holds (the badges on the tabs), counted in parallel. */
export async function tabCounts(db: Db, openid: string): Promise<OrderTabCounts> {
  const totals = await Promise.all(COUNTED_ORDER_TABS.map(async (tab) => ((await db.collection(COLL.orders).where(tabWhere(db, openid, tab)).count()) as { total: number }).total));
  return Object.fromEntries(COUNTED_ORDER_TABS.map((tab, i) => [tab, totals[i]])) as unknown as OrderTabCounts;
}
