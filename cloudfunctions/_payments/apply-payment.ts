import { COLL } from '../_kit/collections';
import { topUpWithinCap } from '../../shared/ledger/entries';
import { formatYuan } from '../../shared/money/format';
import { initialFulfilment } from '../../shared/orders/fulfilment';
import { qualifyingFen } from '../../shared/orders/qualifying';
import { transitionOrder, transitionPayment } from '../../shared/orders/transitions';
import type { PayNotification } from '../../shared/schemas/payment';
import type { Settings } from '../../shared/settings';
import type { Db } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type RefundDoc, type ShippingUploadDoc, type WalletDoc } from '../../shared/documents';
import { paidAmounts, paidEvent, writeEvent } from '../_events/make-event';
import { grantMembershipTerm } from '../_membership/membership-grant';
import { leasedForCreator, newShippingUpload } from '../_orders/shipping-uploads';
import { useTrials } from '../_orders/trial-reservations';
import { useCoupon } from '../_coupons/use';
import { newRefundPart, newRefund } from './refund-lifecycle';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { creditLot, drawReserved, emptyWallet, entry } from '../../shared/wallet/model';
import { releaseHold } from '../_orders/order-holds';
import { wechatFen } from '../_orders/place-order';

export type PaymentOutcome =
  | { outcome: 'applied'; order: OrderDoc; shippingUpload?: ShippingUploadDoc }
  | { outcome: 'already-applied'; order: OrderDoc }
  | { outcome: 'refunding'; order: OrderDoc; refundId: string; reason: 'late-payment' | 'topup-over-cap' }
  | { outcome: 'rejected'; reason: 'ORDER_NOT_FOUND' | 'AMOUNT_MISMATCH' | 'NOT_A_WECHAT_ORDER' | 'PAYMENT_NOT_SUCCESSFUL' };

/**
 * Applies a WeChat Pay success notification to its order, exactly once, in ONE transaction: the
 * order's state change, what it grants (membership term + welcome pack, or a stored-value lot)
 * and the event all commit together or not at all. A redelivered notification finds the payment
 * already succeeded and changes nothing. State never moves backwards: money arriving for an order
 * that was already closed is recorded and refunded, never used to revive it.
 */
export function applyPayment(db: Db, n: PayNotification, settings: Settings, now: number): Promise<PaymentOutcome> {
  return runInTransaction(db, async (tx) => {
    const order = await txGet<OrderDoc>(tx, COLL.orders, n.outTradeNo);
    if (!order) return { outcome: 'rejected', reason: 'ORDER_NOT_FOUND' } as const;
    if (order.payWith === 'balance' || !order.payment) return { outcome: 'rejected', reason: 'NOT_A_WECHAT_ORDER' } as const;
    // 组合支付: WeChat collects only its part.
    if (n.totalFee !== wechatFen(order)) return { outcome: 'rejected', reason: 'AMOUNT_MISMATCH' } as const;
    if (n.returnCode !== 'SUCCESS' || n.resultCode !== 'SUCCESS') return { outcome: 'rejected', reason: 'PAYMENT_NOT_SUCCESSFUL' } as const;
    if (order.payment.state === 'succeeded') return { outcome: 'already-applied', order } as const;

    // The money arrived, whatever our side did meanwhile (a closed payment too: its close came too late).
    const succeeded = transitionPayment(order.payment, 'succeeded');
    if (!succeeded.ok) throw new Error(`order ${order._id}: ${succeeded.error.message}`);
    const payment = { ...succeeded.data, paidAt: now, ...(n.transactionId ? { transactionId: n.transactionId } : {}) };
    const moved = transitionOrder(order, 'paid', now);
    // Closed (or otherwise past created): state never moves backwards — the money goes back.
    if (!moved.ok) return refundUnusable(tx, { ...order, payment }, 'late-payment', now);
    let paid: OrderDoc = { ...order, ...moved.data, payment, paidAt: now, version: order.version + 1 };
    faultPoint('pay.after-order');

    if (order.kind === 'topup') {
      const t = order.topUp!;
      const stored = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
      const wallet = stored ?? emptyWallet(order.openid, now);
      // The cap was checked when the order was created; a concurrent top-up may have filled it
      // since. The money has arrived, so it is refunded rather than credited over the cap.
      const current = { principalFen: wallet.principalFen, bonusFen: wallet.bonusFen, totalFen: wallet.principalFen + wallet.bonusFen };
      if (!topUpWithinCap(current, t.principalFen, t.bonusFen, settings.namedBalanceCapFen)) {
        return refundUnusable(tx, paid, 'topup-over-cap', now);
      }
      const next = creditLot(wallet, `lot_${order._id}`, t.principalFen, t.bonusFen, now);
      await (stored ? txReplace(tx, COLL.wallets, next) : txCreate(tx, COLL.wallets, next));
      faultPoint('pay.after-wallet');
      await txCreate(tx, COLL.wallet_entries, entry(next, `ent_${order._id}`, 'topup', t.principalFen, t.bonusFen, [{ lotId: `lot_${order._id}`, principalFen: t.principalFen, bonusFen: t.bonusFen }], t.bonusFen ? `充值 ${formatYuan(t.principalFen)} 送 ${formatYuan(t.bonusFen)}` : `充值 ${formatYuan(t.principalFen)}`, now, { orderId: order._id }));
    } else if (order.kind === 'membership') {
      paid = await grantMembershipTerm(tx, paid, settings, now);
    } else {
      // 组合支付: the reserved balance is drawn now — read before anything is written, so an order
      // whose reservation is gone is refunded with nothing else changed.
      const wallet = order.payWith === 'combined' ? await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid)) : null;
      const drawn = wallet ? drawReserved(wallet, order._id, now) : null;
      if (order.payWith === 'combined' && !drawn) return refundUnusable(tx, { ...order, payment }, 'late-payment', now);
      if (!(await useTrials(tx, paid, now)) || !(await useCoupon(tx, paid, now))) {
        // The payment window passed and another order of this customer took the trial (or the coupon went back) meanwhile.
        return refundUnusable(tx, { ...order, payment }, 'late-payment', now);
      }
      if (drawn) {
        const c = order.combined!;
        await txReplace(tx, COLL.wallets, drawn.wallet);
        faultPoint('combined.after-wallet');
        const entryId = `ent_${order._id}`;
        await txCreate(tx, COLL.wallet_entries, entry(drawn.wallet, entryId, 'spend', -c.principalFen, -c.bonusFen, drawn.hold.draws, `消费（组合支付）：${order.title}`, now, { orderId: order._id }));
        paid = { ...paid, balance: { entryId, principalFen: c.principalFen, bonusFen: c.bonusFen, draws: drawn.hold.draws, refundedDraws: [] } };
      }
      await releaseHold(tx, paid, now);
    }
    paid = { ...paid, qualifyingFen: qualifyingFen(order.kind, paidAmounts(paid), settings.qualifyingIncludesBonus), fulfilment: initialFulfilment(order, now) };
    await txReplace(tx, COLL.orders, paid);
    // Virtual goods are delivered by the payment itself: WeChat must hear so (or the money stays
    // frozen). Written here, sent after the commit; physical goods are reported when shipped.
    let shippingUpload: ShippingUploadDoc | undefined;
    if (paid.fulfilment?.state === 'delivered') {
      shippingUpload = leasedForCreator(newShippingUpload(paid, 'virtual', now), now);
      await txCreate(tx, COLL.shipping_uploads, shippingUpload);
    }
    faultPoint('pay.before-event');
    await writeEvent(tx, await paidEvent(tx, paid, now));
    faultPoint('pay.after-event');
    return { outcome: 'applied', order: paid, ...(shippingUpload ? { shippingUpload } : {}) } as const;
  });
}

/** Money arrived that the order can no longer take: record it and open a full refund (of what WeChat collected). */
async function refundUnusable(tx: Tx, order: OrderDoc, reason: 'late-payment' | 'topup-over-cap', now: number): Promise<PaymentOutcome> {
  const refundId = `rfd_${reason === 'late-payment' ? 'late' : 'cap'}_${order._id.slice(4)}`;
  const updated: OrderDoc = { ...order, payment: { ...order.payment!, lateRefundId: refundId }, updatedAt: now, version: order.version + 1 };
  await txReplace(tx, COLL.orders, updated);
  faultPoint('pay.late-refund');
  const refund: RefundDoc = newRefund(
    {
      _id: refundId,
      openid: order.openid,
      kind: reason,
      orderId: order._id,
      amountFen: wechatFen(order),
      parts: [newRefundPart({ outTradeNo: order._id, totalFee: wechatFen(order), refundFee: wechatFen(order), outRefundNo: refundId }, now)],
      toBalanceFen: 0,
      requestId: refundId,
      createdAt: now,
    },
    now,
  );
  await txCreate(tx, COLL.refunds, refund);
  return { outcome: 'refunding', order: updated, refundId, reason };
}
