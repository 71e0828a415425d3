import { refundDraws, type LotDraw } from '../../shared/ledger/lots';
import { prorate } from '../../shared/money/rounding';
import type { Tx } from '../_kit/transaction';
import { COLL, walletIdOf, type OrderDoc, type RefundPart, type WalletDoc } from './docs';
import { txCreate, txGet, txReplace } from './tx';
import { newRefundPart } from './refund-lifecycle';
import { entry, returnDraws } from './wallet-model';

export interface MoneyBack {
  parts: RefundPart[];
  toBalanceFen: number;
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
export async function moneyBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string): Promise<MoneyBack> {
  if (order.payWith === 'wechat') {
    return {
      parts: [newRefundPart({ outTradeNo: order._id, totalFee: order.totalFen, refundFee: amountFen, outRefundNo: refundId }, now)],
      toBalanceFen: 0,
      order,
      amounts: { totalFen: amountFen, cashFen: amountFen, principalFen: 0, bonusFen: 0 },
    };
  }
  if (order.payWith === 'combined') return combinedBack(tx, order, amountFen, refundId, now, memo);
  return balanceBack(tx, order, amountFen, refundId, now, memo);
}

async function balanceBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string): Promise<MoneyBack> {
  const bal = order.balance!;
  const draws: LotDraw[] = refundDraws(bal.draws, bal.refundedDraws, amountFen);
  const wallet = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
  if (!wallet) throw new Error(`wallet of ${order.openid} missing for a balance-paid order`);
  const next = returnDraws(wallet, draws, now);
  await txReplace(tx, COLL.wallets, next);
  const principalFen = draws.reduce((s, d) => s + d.principalFen, 0);
  const bonusFen = draws.reduce((s, d) => s + d.bonusFen, 0);
  await txCreate(tx, COLL.entries, entry(next, `ent_${refundId}`, 'spend-refund', principalFen, bonusFen, draws, memo, now, { orderId: order._id, refundId }));
  return {
    parts: [],
    toBalanceFen: amountFen,
    order: { ...order, balance: { ...bal, refundedDraws: [...bal.refundedDraws, ...draws] } },
    amounts: { totalFen: amountFen, cashFen: 0, principalFen, bonusFen },
  };
}

/**
 * 组合支付 (issue 15): each part goes back where it came from. The amount is split over what is left
 * of the WeChat part and of the balance part, in proportion (largest remainder), so partial refunds
 * never return more of either than was paid and the last refund returns exactly the rest of both:
 * the balance share into the very lots it was drawn from (now), the WeChat share as a refund part
 * against the order's WeChat payment (its total_fee is the WeChat part).
 */
async function combinedBack(tx: Tx, order: OrderDoc, amountFen: number, refundId: string, now: number, memo: string): Promise<MoneyBack> {
  const c = order.combined!;
  const bal = order.balance!;
  const balanceRefunded = bal.refundedDraws.reduce((s, d) => s + d.principalFen + d.bonusFen, 0);
  const cashLeft = c.cashFen - (order.refundedFen - balanceRefunded);
  const balanceLeft = c.balanceFen - balanceRefunded;
  const [cashShare, balanceShare] = prorate(amountFen, [cashLeft, balanceLeft]);
  const back = balanceShare > 0 ? await balanceBack(tx, order, balanceShare, refundId, now, memo) : null;
  return {
    parts: cashShare > 0 ? [newRefundPart({ outTradeNo: order._id, totalFee: c.cashFen, refundFee: cashShare, outRefundNo: refundId }, now)] : [],
    toBalanceFen: balanceShare,
    order: back?.order ?? order,
    amounts: { totalFen: amountFen, cashFen: cashShare, principalFen: back?.amounts.principalFen ?? 0, bonusFen: back?.amounts.bonusFen ?? 0 },
  };
}
