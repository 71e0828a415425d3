import { refundDraws, type LotDraw } from '../../shared/ledger/lots';
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
 * out_trade_no, which `driveRefund` sends to the provider after the commit.
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
