import { COLL } from '../_kit/collections';
import { refundQuote } from '../../shared/ledger/lots';
import { fail, ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type RefundDoc, type RefundPart, type WalletDoc } from '../../shared/documents';
import { refundTopUp } from '../_payments/money-back';
import { refundIdFor } from '../_payments/refund-order';
import { newRefundPart, openRefund } from '../_payments/refund-lifecycle';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { entry, withdrawAll } from '../../shared/wallet/model';
import { deletionGuard } from '../_deletion/guard';

export async function quote(_input: Record<string, never>, ctx: ActionContext): Promise<Result<{ refundableFen: number; forfeitBonusFen: number }>> {
  const w = await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid));
  return ok(refundQuote(w?.lots ?? []));
}

/**
 * Stored-value refund (PRODUCT.md): all unused principal goes back — each lot's principal to the
 * WeChat payment that bought it (lot id = top-up order id) — and unused bonus is forfeited. ONE
 * transaction empties the lots, appends `withdraw` and `bonus-forfeit` entries, writes the refund
 * record with one provider part per lot and the `wallet.refunded` event.
 */
export async function refundWallet(input: { requestId: string }, ctx: ActionContext): Promise<Result<RefundDoc>> {
  const now = ctx.now();
  const refundId = refundIdFor(ctx.openid, input.requestId);
  return runInTransaction(
    ctx.db,
    async (tx): Promise<Result<RefundDoc>> => {
      const prior = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
      if (prior) return prior.kind === 'wallet' ? ok(prior) : fail('CONFLICT', '请求编号已用于另一笔退款，请刷新后重试。');
      const deleting = await deletionGuard(tx, ctx.openid, 'refund');
      if (deleting) return deleting;
      const w = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(ctx.openid));
      if (!w || refundQuote(w.lots).refundableFen === 0) return fail('REFUND_NOT_ALLOWED', '没有可退的储值本金。');
      // Reserved balance belongs to an order the customer may still pay: settle that first.
      if (w.holds?.length) return fail('REFUND_NOT_ALLOWED', '您有组合支付订单正在等待微信支付，其中的余额已为该订单保留。请先完成支付或在「我的订单」中取消该订单，再申请储值退款。');
      const out = withdrawAll(w, now);
      await txReplace(tx, COLL.wallets, out.wallet);
      faultPoint('wallet-refund.after-wallet');
      const parts: RefundPart[] = [];
      for (const [i, lot] of out.perLot.filter((l) => l.principalFen > 0).entries()) {
        const orderId = lot.lotId.replace(/^lot_/, '');
        const order = await txGet<OrderDoc>(tx, COLL.orders, orderId);
        if (!order) throw new Error(`top-up order ${orderId} of lot ${lot.lotId} missing`);
        parts.push(newRefundPart({ outTradeNo: orderId, totalFee: order.totalFen, refundFee: lot.principalFen, outRefundNo: `${refundId}_${i}` }, now));
        // The top-up order shows what of it went back (its state follows the order state table).
        const moved = await refundTopUp(tx, order, lot.principalFen, now);
        if (!moved.ok) return moved;
      }
      const draws = out.perLot.map((l) => ({ lotId: l.lotId, principalFen: l.principalFen, bonusFen: 0 }));
      const afterWithdraw = { ...out.wallet, bonusFen: out.bonusFen };
      await txCreate(tx, COLL.wallet_entries, entry(afterWithdraw, `ent_${refundId}_p`, 'withdraw', -out.principalFen, 0, draws.filter((d) => d.principalFen > 0), `储值退款：退还本金`, now, { refundId }));
      if (out.bonusFen > 0) {
        const forfeits = out.perLot.filter((l) => l.bonusFen > 0).map((l) => ({ lotId: l.lotId, principalFen: 0, bonusFen: l.bonusFen }));
        await txCreate(tx, COLL.wallet_entries, entry(out.wallet, `ent_${refundId}_b`, 'bonus-forfeit', 0, -out.bonusFen, forfeits, `储值退款：赠送金额作废`, now, { refundId }));
      }
      const refund = await openRefund(
        tx,
        { _id: refundId, openid: ctx.openid, kind: 'wallet', amountFen: out.principalFen, forfeitBonusFen: out.bonusFen, parts, toBalanceFen: 0, requestId: input.requestId, createdAt: now },
        now,
        {
          type: 'wallet.refunded',
          amounts: { totalFen: out.principalFen, cashFen: out.principalFen, principalFen: out.principalFen, bonusFen: out.bonusFen },
          qualifyingDeltaFen: 0,
          productKinds: ['topup'],
          data: { forfeitBonusFen: out.bonusFen },
        },
      );
      return ok(refund);
    },
    { attempts: 30 },
  );
}
