import { overCapWithdrawal, refundDraws, type LotDraw } from '../../shared/ledger/lots';
import { prorate } from '../../shared/money/rounding';
import { ok, type Result } from '../../shared/errors/result';
import { refundedState, transitionOrder } from '../../shared/orders/transitions';
import type { Tx } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type RefundPart, type WalletDoc } from '../../shared/documents';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { newRefundPart } from './refund-lifecycle';
import { entry, freeLots, returnDraws, takeDraws } from '../../shared/wallet/model';
import { writeEvent } from '../_events/make-event';
import { COLL } from '../_kit/collections';

export interface MoneyBack {
  parts: RefundPart[];
  toBalanceFen: number;
  /** Principal that would have taken the wallet over the cap, paid back to its top-ups' WeChat payments instead. */
  overCapFen?: number;
  /** Bonus over the cap that no principal was left to make room for: forfeited. */
  overCapBonusFen?: number;
  /** For the order document: the draws given back so far (balance-paid orders). */
  order: OrderDoc;
  amounts: { totalFen: number; cashFen: number; principalFen: number; bonusFen: number };
}

/**
 * Returns `amountFen` of an order's payment to where it came from, inside the caller's transaction
 * (PRODUCT.md "Refund guarantee"): balance-paid → back into the very lots it was drawn from, now,
 * with a `spend-refund` ledger entry; WeChat-paid → a pending refund part against the original
 * out_trade_no, which `driveRefund` sends to the provider after the commit; 组合支付 → both, split
 * over what is left of each part (combinedBack).
 */
export async function moneyBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string, capFen: number): Promise<MoneyBack> {
  if (order.payWith === 'wechat') {
    return {
      parts: [newRefundPart({ outTradeNo: order._id, totalFee: order.totalFen, refundFee: amountFen, outRefundNo: refundId }, now)],
      toBalanceFen: 0,
      order,
      amounts: { totalFen: amountFen, cashFen: amountFen, principalFen: 0, bonusFen: 0 },
    };
  }
  if (order.payWith === 'combined') return combinedBack(tx, order, amountFen, refundId, now, memo, capFen);
  return balanceBack(tx, order, amountFen, refundId, now, memo, capFen);
}

async function balanceBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string, capFen: number): Promise<MoneyBack> {
  const bal = order.balance!;
  const draws: LotDraw[] = refundDraws(bal.draws, bal.refundedDraws, amountFen);
  const wallet = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
  if (!wallet) throw new Error(`wallet of ${order.openid} missing for a balance-paid order`);
  const next = returnDraws(wallet, draws, now);
  await txReplace(tx, COLL.wallets, next);
  const principalFen = draws.reduce((s, d) => s + d.principalFen, 0);
  const bonusFen = draws.reduce((s, d) => s + d.bonusFen, 0);
  await txCreate(tx, COLL.wallet_entries, entry(next, `ent_${refundId}`, 'spend-refund', principalFen, bonusFen, draws, memo, now, { orderId: order._id, refundId }));
  const over = await overCap(tx, next, draws, refundId, order, now, capFen);
  return {
    parts: over.parts,
    toBalanceFen: amountFen - over.principalFen - over.bonusFen,
    ...(over.principalFen ? { overCapFen: over.principalFen } : {}),
    ...(over.bonusFen ? { overCapBonusFen: over.bonusFen } : {}),
    order: { ...order, balance: { ...bal, refundedDraws: [...bal.refundedDraws, ...draws] } },
    amounts: { totalFen: amountFen, cashFen: 0, principalFen, bonusFen },
  };
}

/**
 * The named-balance cap holds after a refund too (issue 15 #2): when the draws put back take the
 * wallet over `capFen`, the excess leaves at once as principal to the WeChat payments of the top-ups
 * it came from (a `withdraw` entry, one refund part per lot, the top-up orders' refunded amounts, a
 * `wallet.refunded` event for the reports) — shared/ledger/lots.ts `overCapWithdrawal` decides which
 * lots; bonus is forfeited only when too little principal is left to make room.
 */
/**
 * A top-up order shows what of it went back to WeChat (a stored-value refund, or principal over the
 * cap): its refunded amount, and its state by the order table.
 */
export async function refundTopUp(tx: Tx, topUp: OrderDoc, principalFen: number, now: number): Promise<Result<OrderDoc>> {
  const refundedFen = topUp.refundedFen + principalFen;
  const moved = transitionOrder(topUp, refundedState(refundedFen, topUp.totalFen), now);
  if (!moved.ok) return moved;
  const next: OrderDoc = { ...topUp, ...moved.data, refundedFen, version: topUp.version + 1 };
  await txReplace(tx, COLL.orders, next);
  return ok(next);
}

async function overCap(tx: Tx, wallet: WalletDoc, returned: LotDraw[], refundId: string, order: OrderDoc, now: number, capFen: number): Promise<{ parts: RefundPart[]; principalFen: number; bonusFen: number }> {
  const excess = wallet.principalFen + wallet.bonusFen - capFen;
  if (excess <= 0) return { parts: [], principalFen: 0, bonusFen: 0 };
  const out = overCapWithdrawal(freeLots(wallet), returned, excess);
  const principalFen = out.principal.reduce((s, d) => s + d.principalFen, 0);
  const bonusFen = out.forfeitBonus.reduce((s, d) => s + d.bonusFen, 0);
  let w = wallet;
  const parts: RefundPart[] = [];
  if (principalFen > 0) {
    w = takeDraws(w, out.principal, now);
    await txCreate(tx, COLL.wallet_entries, entry(w, `ent_${refundId}_cap`, 'withdraw', -principalFen, 0, out.principal, `退款超出余额上限：本金原路退回微信`, now, { orderId: order._id, refundId }));
    for (const [i, d] of out.principal.entries()) {
      const topUpId = d.lotId.replace(/^lot_/, '');
      const topUp = await txGet<OrderDoc>(tx, COLL.orders, topUpId);
      if (!topUp) throw new Error(`top-up order ${topUpId} of lot ${d.lotId} missing`);
      parts.push(newRefundPart({ outTradeNo: topUpId, totalFee: topUp.totalFen, refundFee: d.principalFen, outRefundNo: `${refundId}_${i + 1}` }, now));
      const moved = await refundTopUp(tx, topUp, d.principalFen, now);
      // The lot still held this principal, so its top-up cannot be fully refunded already.
      if (!moved.ok) throw new Error(`top-up order ${topUpId}: ${moved.error.message}`);
    }
  }
  if (bonusFen > 0) {
    w = takeDraws(w, out.forfeitBonus, now);
    await txCreate(tx, COLL.wallet_entries, entry(w, `ent_${refundId}_capb`, 'bonus-forfeit', 0, -bonusFen, out.forfeitBonus, `退款超出余额上限：赠送金额作废`, now, { orderId: order._id, refundId }));
  }
  await txReplace(tx, COLL.wallets, w);
  await writeEvent(tx, {
    factId: `${refundId}_cap`,
    type: 'wallet.refunded',
    openid: order.openid,
    at: now,
    refundId,
    amounts: { totalFen: principalFen, cashFen: principalFen, principalFen, bonusFen },
    qualifyingDeltaFen: 0,
    productKinds: ['topup'],
    data: { forfeitBonusFen: bonusFen, overCap: true, orderId: order._id },
  });
  return { parts, principalFen, bonusFen };
}

/**
 * 组合支付 (issue 15): each part goes back where it came from. The amount is split over what is left
 * of the WeChat part and of the balance part, in proportion (largest remainder), so partial refunds
 * never return more of either than was paid and the last refund returns exactly the rest of both:
 * the balance share into the very lots it was drawn from (now), the WeChat share as a refund part
 * against the order's WeChat payment (its total_fee is the WeChat part).
 */
/** How much of a refund of `amountFen` goes back into the wallet (the rest to WeChat), before the cap. */
export function balanceShareOf(order: OrderDoc, amountFen: number): number {
  if (order.payWith === 'balance') return amountFen;
  if (order.payWith !== 'combined' || !order.combined || !order.balance) return 0;
  const balanceRefunded = order.balance.refundedDraws.reduce((s, d) => s + d.principalFen + d.bonusFen, 0);
  const cashLeft = order.combined.cashFen - (order.refundedFen - balanceRefunded);
  return prorate(amountFen, [cashLeft, order.combined.balanceFen - balanceRefunded])[1];
}

/** What of a refund of `amountFen` would go over the cap now (paid back to WeChat as principal instead). */
export function overCapOf(order: OrderDoc, amountFen: number, wallet: WalletDoc | null, capFen: number): number {
  const back = balanceShareOf(order, amountFen);
  if (back <= 0 || !wallet) return 0;
  return Math.max(0, Math.min(back, wallet.principalFen + wallet.bonusFen + back - capFen));
}

async function combinedBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string, capFen: number): Promise<MoneyBack> {
  const c = order.combined!;
  const bal = order.balance!;
  const balanceRefunded = bal.refundedDraws.reduce((s, d) => s + d.principalFen + d.bonusFen, 0);
  const cashLeft = c.cashFen - (order.refundedFen - balanceRefunded);
  const balanceLeft = c.balanceFen - balanceRefunded;
  const [cashShare, balanceShare] = prorate(amountFen, [cashLeft, balanceLeft]);
  const back = balanceShare > 0 ? await balanceBack(tx, order, balanceShare, refundId, now, memo, capFen) : null;
  return {
    parts: [...(cashShare > 0 ? [newRefundPart({ outTradeNo: order._id, totalFee: c.cashFen, refundFee: cashShare, outRefundNo: refundId }, now)] : []), ...(back?.parts ?? [])],
    toBalanceFen: back?.toBalanceFen ?? 0,
    ...(back?.overCapFen ? { overCapFen: back.overCapFen } : {}),
    ...(back?.overCapBonusFen ? { overCapBonusFen: back.overCapBonusFen } : {}),
    order: back?.order ?? order,
    amounts: { totalFen: amountFen, cashFen: cashShare, principalFen: back?.amounts.principalFen ?? 0, bonusFen: back?.amounts.bonusFen ?? 0 },
  };
}
