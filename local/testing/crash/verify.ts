import { getAll, type Db } from '../../../cloudfunctions/_kit/db';
import { type EntryDoc, type MembershipDoc, type OrderDoc, type RefundDoc, type WalletDoc } from '../../../shared/documents';
import type { CouponDoc } from '../../../shared/promotions/coupon';
import type { PurchaseEvent } from '../../../shared/schemas/event';
import { moneyReceived, type Acks } from './acks';
import type { StoreClient } from './client';
import { COLL, type CollectionName } from '../../../cloudfunctions/_kit/collections';

const LIVE = new Set(['created', 'paid', 'partially_refunded']);
const PAY_EVENT = new Set(['order.paid', 'wallet.topup', 'membership.purchased']);

export interface Verification {
  violations: string[];
  counts: { orders: number; paidOrders: number; wallets: number; entries: number; refunds: number; events: number; coupons: number; wechatPaymentsChecked: number };
}

const all = <T>(db: Db, coll: CollectionName) => getAll<T>(db, coll, {}, { pageSize: 1000, max: 10_000_000 });

const groupBy = <T>(xs: T[], key: (x: T) => string | undefined) => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    if (k === undefined) continue;
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
};

/**
 * Everything the store promised, checked against what it has after a crash and recovery:
 * acknowledged orders/refunds/coupons present (and paid ones still paid); every wallet's Σ entries
 * = cached balance = Σ lots, nothing negative, 组合支付 reservations consistent with their orders; no order paid twice (one payment event, one ledger
 * debit/credit, the simulator's transaction id); money WeChat took is either on a paid order or
 * refunded in full; refunds add up on both sides; no event still owed after the sweep; a coupon held
 * by at most one live order.
 */
export async function verifyStore(db: Db, client: StoreClient, acks: Acks): Promise<Verification> {
  const v: string[] = [];
  const [orders, wallets, entries, refunds, events, memberships, coupons] = await Promise.all([
    all<OrderDoc>(db, COLL.orders),
    all<WalletDoc>(db, COLL.wallets),
    all<EntryDoc>(db, COLL.wallet_entries),
    all<RefundDoc>(db, COLL.refunds),
    all<PurchaseEvent>(db, COLL.events),
    all<MembershipDoc>(db, COLL.memberships),
    all<CouponDoc>(db, COLL.coupons),
  ]);
  const orderById = new Map(orders.map((o) => [o._id, o]));
  const refundById = new Map(refunds.map((r) => [r._id, r]));

  // 1. Acknowledged facts are present.
  for (const a of acks.orders.values()) {
    const o = orderById.get(a.orderId);
    if (!o) v.push(`acknowledged order ${a.orderId} (${a.kind}) is missing`);
    else if (a.paid && !moneyReceived(o.status)) v.push(`order ${a.orderId} was acknowledged as paid but is ${o.status}`);
    else if (o.totalFen !== a.totalFen) v.push(`order ${a.orderId}: total ${o.totalFen} ≠ acknowledged ${a.totalFen}`);
  }
  for (const a of acks.refunds.values()) {
    const r = refundById.get(a.refundId);
    if (!r) v.push(`acknowledged refund ${a.refundId} (${a.what}) is missing`);
    else if (r.amountFen !== a.amountFen) v.push(`refund ${a.refundId}: amount ${r.amountFen} ≠ acknowledged ${a.amountFen}`);
  }
  const couponById = new Map(coupons.map((c) => [c._id, c]));
  for (const [id, openid] of acks.coupons) if (couponById.get(id)?.openid !== openid) v.push(`acknowledged coupon ${id} of ${openid} is missing`);

  // 2. Ledger: Σ entries = cached balance = Σ lots, nothing negative.
  const entriesByWallet = groupBy(entries, (e) => e.walletId);
  for (const w of wallets) {
    const es = entriesByWallet.get(w._id) ?? [];
    const sum = es.reduce((s, e) => ({ p: s.p + e.principalDeltaFen, b: s.b + e.bonusDeltaFen }), { p: 0, b: 0 });
    const lots = w.lots.reduce((s, l) => ({ p: s.p + l.principalLeftFen, b: s.b + l.bonusLeftFen }), { p: 0, b: 0 });
    if (sum.p !== w.principalFen || sum.b !== w.bonusFen) v.push(`wallet ${w._id}: Σ entries ${sum.p}+${sum.b} ≠ balance ${w.principalFen}+${w.bonusFen}`);
    if (lots.p !== w.principalFen || lots.b !== w.bonusFen) v.push(`wallet ${w._id}: Σ lots ${lots.p}+${lots.b} ≠ balance ${w.principalFen}+${w.bonusFen}`);
    if (w.principalFen < 0 || w.bonusFen < 0 || w.lots.some((l) => l.principalLeftFen < 0 || l.bonusLeftFen < 0)) v.push(`wallet ${w._id}: negative balance or lot`);
    // 组合支付 reservations: held by an unpaid 组合支付 order with exactly these draws, never more than a lot has left.
    for (const h of w.holds ?? []) {
      const o = orderById.get(h.orderId);
      if (!o || o.status !== 'created' || o.payWith !== 'combined' || o.openid !== w.openid) v.push(`wallet ${w._id}: reservation for ${h.orderId}, which is ${o ? `${o.payWith} ${o.status}` : 'missing'}`);
      else if (JSON.stringify(o.combined?.draws) !== JSON.stringify(h.draws) || o.combined?.balanceFen !== h.amountFen) v.push(`wallet ${w._id}: reservation for ${h.orderId} differs from the order's balance part`);
    }
    for (const l of w.lots) {
      const held = (w.holds ?? []).flatMap((h) => h.draws).filter((d) => d.lotId === l.lotId);
      if (held.reduce((s, d) => s + d.principalFen, 0) > l.principalLeftFen || held.reduce((s, d) => s + d.bonusFen, 0) > l.bonusLeftFen) v.push(`wallet ${w._id}: lot ${l.lotId} reserved beyond what is left in it`);
    }
  }
  const walletByOpenid = new Map(wallets.map((w) => [w.openid, w]));
  for (const o of orders.filter((x) => x.payWith === 'combined' && x.status === 'created')) {
    if (!walletByOpenid.get(o.openid)?.holds?.some((h) => h.orderId === o._id)) v.push(`unpaid 组合支付 order ${o._id} holds no reservation`);
  }

  // 3. No order paid twice; every received payment is in the ledger / events exactly once.
  const payEvents = groupBy(events.filter((e) => PAY_EVENT.has(e.type)), (e) => e.orderId);
  const entriesByOrder = groupBy(entries, (e) => e.orderId);
  for (const o of orders) {
    const evs = payEvents.get(o._id) ?? [];
    const received = moneyReceived(o.status);
    if (evs.length > 1) v.push(`order ${o._id}: ${evs.length} payment events`);
    if (received && evs.length !== 1) v.push(`order ${o._id} is ${o.status} but has ${evs.length} payment events`);
    const es = entriesByOrder.get(o._id) ?? [];
    if (o.kind === 'topup') {
      const credits = es.filter((e) => e.type === 'topup').length;
      if (credits > 1 || (received && credits !== 1)) v.push(`top-up ${o._id} (${o.status}): ${credits} credit entries`);
    } else if (o.payWith === 'balance' || o.payWith === 'combined') {
      // 组合支付: its balance part is drawn exactly once, when WeChat's part was applied — never for an order that was not.
      const debits = es.filter((e) => e.type === 'spend').length;
      if (debits > 1 || (received && debits !== 1) || (o.payWith === 'combined' && !received && debits !== 0)) v.push(`${o.payWith} order ${o._id} (${o.status}): ${debits} debit entries`);
      if (o.payWith === 'combined' && received && (o.balance?.principalFen ?? 0) + (o.balance?.bonusFen ?? 0) + (o.combined?.cashFen ?? 0) !== o.totalFen) v.push(`组合支付 order ${o._id}: balance + WeChat parts ≠ total`);
    }
    if (o.refundedFen > o.totalFen) v.push(`order ${o._id}: refunded ${o.refundedFen} > total ${o.totalFen}`);
  }
  for (const m of memberships) {
    const ids = m.terms.map((t) => t.orderId);
    if (new Set(ids).size !== ids.length) v.push(`membership ${m._id}: one order granted two terms`);
  }
  for (const o of orders.filter((x) => x.kind === 'membership' && moneyReceived(x.status))) {
    const m = memberships.find((x) => x.openid === o.openid);
    if (!m?.terms.some((t) => t.orderId === o._id)) v.push(`membership order ${o._id} is ${o.status} but granted no term`);
  }

  // 4. WeChat's side: money taken is on a paid order or refunded in full; refunds agree on both sides.
  const succeededParts = new Map<string, number>();
  for (const r of refunds) for (const p of r.parts) if (p.state === 'succeeded') succeededParts.set(p.outTradeNo, (succeededParts.get(p.outTradeNo) ?? 0) + p.refundFee);
  let checked = 0;
  for (const o of orders.filter((x) => x.payWith !== 'balance')) {
    const st = await client.payState(o._id);
    if (!st.ok) {
      if (moneyReceived(o.status)) v.push(`order ${o._id} is ${o.status} but WeChat Pay has no payment for it`);
      continue;
    }
    checked++;
    const sim = st.data;
    // WeChat collected the order's WeChat part: all of it, or 组合支付's cash part.
    if (sim.totalFee !== (o.combined?.cashFen ?? o.totalFen)) v.push(`WeChat Pay's payment for ${o._id} is ${sim.totalFee}, the order's WeChat part ${o.combined?.cashFen ?? o.totalFen}`);
    // What WeChat has paid back (a refund still processing, failed or closed has not paid anything yet).
    const simRefunded = sim.refunds.filter((r) => r.status === 'SUCCESS').reduce((s, r) => s + r.refundFee, 0);
    if (moneyReceived(o.status) && (sim.state !== 'paid' || sim.transactionId !== o.payment?.transactionId)) v.push(`order ${o._id} is ${o.status} but WeChat Pay says ${sim.state} (${sim.transactionId} vs ${o.payment?.transactionId})`);
    if (sim.state === 'paid' && !moneyReceived(o.status) && simRefunded !== sim.totalFee) v.push(`WeChat Pay took ${sim.totalFee} for ${o._id} (${o.status}) and refunded only ${simRefunded}`);
    if (simRefunded > sim.totalFee) v.push(`WeChat Pay refunded ${simRefunded} > ${sim.totalFee} for ${o._id}`);
    if (simRefunded !== (succeededParts.get(o._id) ?? 0)) v.push(`refunds of ${o._id}: WeChat Pay ${simRefunded}, store ${succeededParts.get(o._id) ?? 0}`);
  }

  // 5. Nothing left owed: refunds driven to the provider, events applied by every consumer.
  for (const r of refunds) if (r.status !== 'succeeded') v.push(`refund ${r._id} is still ${r.status} after the sweep`);
  const owed = events.filter((e) => e.pending && e.pending.length > 0);
  if (owed.length) v.push(`${owed.length} events still owed after the sweep (e.g. ${owed[0]._id} → ${owed[0].pending!.join(',')})`);
  const refundEvents = groupBy(events.filter((e) => e.type.endsWith('.refunded') && e.refundId), (e) => `${e.type} ${e.refundId}`);
  for (const [key, evs] of refundEvents) if (evs.length > 1) v.push(`${evs.length} events for one refund (${key})`);
  const eventIds = new Set<string>();
  for (const e of events) {
    if (eventIds.has(e._id)) v.push(`event ${e._id} stored twice`);
    eventIds.add(e._id);
  }

  // 6. A coupon is held by at most one live order, and a used/reserved coupon names its order.
  const holders = groupBy(orders.filter((o) => o.coupon && LIVE.has(o.status)), (o) => o.coupon!.couponId);
  for (const [id, os] of holders) if (os.length > 1) v.push(`coupon ${id} is held by ${os.length} live orders`);
  for (const c of coupons) {
    if ((c.status === 'used' || c.status === 'reserved') && orderById.get(c.orderId ?? '')?.coupon?.couponId !== c._id) v.push(`coupon ${c._id} is ${c.status} for ${c.orderId}, which does not hold it`);
  }

  return {
    violations: v,
    counts: { orders: orders.length, paidOrders: orders.filter((o) => moneyReceived(o.status)).length, wallets: wallets.length, entries: entries.length, refunds: refunds.length, events: events.length, coupons: coupons.length, wechatPaymentsChecked: checked },
  };
}
