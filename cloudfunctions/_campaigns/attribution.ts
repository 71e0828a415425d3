import type { EventOf } from '../../shared/events/domain-event';
import type { PurchaseEvent } from '../../shared/schemas/event';
import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { txGet, txReplace } from '../_kit/tx';
import { deliveryIdOf, type DeliveryDoc } from './docs';
import { bumpStats, type StatDelta } from './stats';
import { COLL } from '../_kit/collections';

/** Campaigns a customer is counted in at once, at most (newest first): bounds the consumer's reads. */
const RECENT_DELIVERIES = 20;

/** Only qualifying product orders (not trials-only, top-ups or membership fees) convert. */
const qualifyingOrder = (e: PurchaseEvent): e is PurchaseEvent & EventOf<'order.paid'> => e.type === 'order.paid' && e.productKinds.includes('regular');
const qualifyingRefund = (e: PurchaseEvent): e is PurchaseEvent & EventOf<'order.refunded'> => e.type === 'order.refunded' && e.data?.orderQualifying === true;

export const attributable = (events: readonly PurchaseEvent[]) => events.some((e) => qualifyingOrder(e) || qualifyingRefund(e));

/** The customer's recent campaign deliveries (query outside the transaction; each is re-read by id inside). */
export async function recentDeliveries(db: Db, openid: string): Promise<Array<Pick<DeliveryDoc, '_id' | 'campaignId' | 'at' | 'attributeUntil'>>> {
  const res = (await db.collection(COLL.campaign_deliveries).where({ openid }).orderBy('at', 'desc').limit(RECENT_DELIVERIES).field({ campaignId: true, at: true, attributeUntil: true }).get()) as {
    data: Array<Pick<DeliveryDoc, '_id' | 'campaignId' | 'at' | 'attributeUntil'>>;
  };
  return res.data;
}

const costOf = (e: PurchaseEvent) => (e.lines ?? []).reduce((s, l) => s + (l.costFen ?? 0) * l.qty, 0);

/**
 * Credits a customer's orders (and refunds) to the campaigns that reached them — treated and
 * holdout alike, so the report compares like with like — when the order falls inside a delivery's
 * attribution window. Runs in the profile consumer's transaction: each event is applied exactly
 * once, so each order is credited once. The first order in the window converts the customer.
 */
export async function attributeOrders(tx: Tx, openid: string, deliveries: Array<Pick<DeliveryDoc, 'campaignId' | 'at' | 'attributeUntil'>>, events: readonly PurchaseEvent[]): Promise<void> {
  for (const ref of deliveries) {
    const inWindow = events.filter((e) => (qualifyingOrder(e) || qualifyingRefund(e)) && e.at >= ref.at && e.at <= ref.attributeUntil);
    if (!inWindow.length) continue;
    const d = await txGet<DeliveryDoc>(tx, COLL.campaign_deliveries, deliveryIdOf(ref.campaignId, openid));
    if (!d) continue;
    const g = d.group === 'holdout' ? 'Holdout' : 'Treated';
    const next: DeliveryDoc = { ...d, orderIds: [...(d.orderIds ?? [])], version: d.version + 1 };
    const delta: StatDelta = {};
    const add = (k: keyof StatDelta & string, v: number) => {
      delta[k] = (delta[k] ?? 0) + v;
    };
    for (const e of inWindow) {
      const sign = e.type === 'order.paid' ? 1 : -1;
      if (sign > 0 && e.orderId && next.orderIds!.includes(e.orderId)) continue;
      if (sign < 0 && (!e.orderId || !next.orderIds!.includes(e.orderId))) continue; // a refund of an order the campaign never got
      if (sign > 0 && e.orderId) {
        next.orderIds!.push(e.orderId);
        add(`orders${g}`, 1);
        if (next.convertedAt === undefined) {
          next.convertedAt = e.at;
          add(`converted${g}`, 1);
        }
      }
      next.revenueFen = (next.revenueFen ?? 0) + sign * e.amounts.totalFen;
      next.bonusFen = (next.bonusFen ?? 0) + sign * e.amounts.bonusFen;
      next.cogsFen = (next.cogsFen ?? 0) + sign * costOf(e);
      add(`revenue${g}Fen`, sign * e.amounts.totalFen);
      add(`bonus${g}Fen`, sign * e.amounts.bonusFen);
      add(`cogs${g}Fen`, sign * costOf(e));
      // The coupon is already out of totalFen: counted here for the report, never deducted again.
      const data = e.type === 'order.paid' ? (e.data ?? {}) : {};
      if (d.couponId && data.couponId === d.couponId) {
        next.couponUsed = true;
        next.couponCostFen = (next.couponCostFen ?? 0) + (data.couponFen ?? 0);
        add('couponsUsed', 1);
        add('couponCostFen', data.couponFen ?? 0);
      }
    }
    if (!Object.keys(delta).length) continue;
    await txReplace(tx, COLL.campaign_deliveries, next);
    await bumpStats(tx, ref.campaignId, openid, delta);
  }
}
