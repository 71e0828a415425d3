import { membershipIdOf, type MembershipDoc, type OrderDoc } from '../../shared/documents';
import { addDay, type Day } from '../../shared/reports/days';
import { dayStartMs, renewalOutcome, summarizeRenewals, valueBucket, type RenewalRow, type RenewalsView } from '../../shared/reports/renewals';
import { COLL } from '../_kit/collections';
import { getByIds, type Db } from '../_kit/db';
import { withCustomers } from '../_customers/display-profiles';
import { savingsDuring } from '../_payments/membership-refund';

/** Terms one read reports on; more ending in the period → `more` (the page asks for a shorter period). */
export const RENEWAL_ROW_CAP = 200;
/** 本期已省 is one orders query per member: this many at once. */
const SAVINGS_CONCURRENCY = 8;

/**
 * 续费 (issue 19): every membership term ending in [from, to] (Shanghai days), with its outcome from
 * the membership's own terms and 本期已省 against its fee.
 *
 * The terms are found through their orders: a paid membership order carries its term's
 * `membership.startsAt/expiresAt` (written with the term, in the payment's transaction), and the
 * orders index `membership_expiresAt` (shared/schemas/indexes.ts) seeks exactly the terms ending in
 * the period, ordered by expiry — product and top-up orders have no such field and are not in the
 * range. (The memberships' own `expiresAt` index would not do: a renewed membership's expiry is its
 * LAST term's, so the terms that ended in the period are not where it points.) At most
 * RENEWAL_ROW_CAP + 1 orders are read; the memberships are then read by id.
 */
export async function renewalsReport(db: Db, from: Day, to: Day, now: number): Promise<RenewalsView> {
  const _ = db.command;
  const res = (await db
    .collection(COLL.orders)
    .where({ 'membership.expiresAt': _.and(_.gte(dayStartMs(from)), _.lt(dayStartMs(addDay(to, 1)))) })
    .orderBy('membership.expiresAt', 'asc')
    .limit(RENEWAL_ROW_CAP + 1)
    .get()) as { data: OrderDoc[] };
  const more = res.data.length > RENEWAL_ROW_CAP;
  const orders = res.data.slice(0, RENEWAL_ROW_CAP);
  const memberships = await getByIds<MembershipDoc>(db, COLL.memberships, orders.map((o) => membershipIdOf(o.openid)));

  const found: Array<{ order: OrderDoc; m: MembershipDoc; term: MembershipDoc['terms'][number] }> = [];
  for (const order of orders) {
    const m = memberships.get(membershipIdOf(order.openid));
    // A refunded term is no term: it neither ends nor asks to be renewed.
    const term = m?.terms.find((t) => t.orderId === order._id && !t.refunded);
    if (m && term) found.push({ order, m, term });
  }
  const rows: RenewalRow[] = [];
  for (let i = 0; i < found.length; i += SAVINGS_CONCURRENCY) {
    const batch = found.slice(i, i + SAVINGS_CONCURRENCY);
    rows.push(
      ...(await Promise.all(
        batch.map(async ({ order, m, term }): Promise<RenewalRow> => {
          // The card's 本期已省 over the term: up to now while it runs, up to its end once over.
          const savedFen = await savingsDuring(db, m.openid, term, order, Math.min(now, term.expiresAt));
          const live = m.terms.filter((t) => !t.refunded);
          const { outcome, renewedAt } = renewalOutcome(term, m.terms, now);
          return {
            openid: m.openid,
            orderId: order._id,
            planName: order.membership?.planName ?? '会员',
            joinedAt: Math.min(...live.map((t) => t.startsAt)),
            startsAt: term.startsAt,
            expiresAt: term.expiresAt,
            outcome,
            ...(renewedAt !== undefined ? { renewedAt } : {}),
            savedFen,
            feeFen: order.totalFen,
            bucket: valueBucket(savedFen, order.totalFen),
          };
        }),
      )),
    );
  }
  return { from, to, asOf: now, rows: await withCustomers(db, rows, now), ...summarizeRenewals(rows), more };
}
