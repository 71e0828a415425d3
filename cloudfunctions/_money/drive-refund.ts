import type { Db } from '../_kit/db';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import type { Logger } from '../_kit/logger';
import { paymentProvider } from '../_kit/payments';
import { runInTransaction } from '../_kit/transaction';
import { COLL, type RefundDoc } from './docs';
import { txGet, txReplace } from './tx';

/**
 * Sends a refund's pending WeChat parts to the provider, outside any transaction (a network call
 * must never sit inside one). The provider is idempotent by out_refund_no, so re-driving after a
 * crash or timeout is safe; each success is recorded by id in its own small transaction. A part
 * the provider refuses stays pending with the error, for the scheduled sweep and operators.
 */
export async function driveRefund(db: Db, refundId: string, now: () => number, log?: Logger): Promise<RefundDoc | null> {
  const refund = await getById<RefundDoc>(db, COLL.refunds, refundId);
  if (!refund || refund.status !== 'pending') return refund;
  const provider = paymentProvider();
  for (const part of refund.parts) {
    if (part.state !== 'pending') continue;
    let outcome: { ok: true; refundId: string } | { ok: false; code: string; message: string };
    try {
      outcome = await provider.refund({ outTradeNo: part.outTradeNo, outRefundNo: part.outRefundNo, totalFee: part.totalFee, refundFee: part.refundFee, reason: '用户申请退款' });
    } catch (e) {
      outcome = { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
    }
    faultPoint('refund.after-provider');
    if (!outcome.ok) log?.log('warn', 'refund part refused', { refundId, outRefundNo: part.outRefundNo, code: outcome.code });
    await runInTransaction(db, async (tx) => {
      const cur = await txGet<RefundDoc>(tx, COLL.refunds, refundId);
      if (!cur) return;
      const parts = cur.parts.map((p) =>
        p.outRefundNo !== part.outRefundNo || p.state !== 'pending'
          ? p
          : outcome.ok
            ? { ...p, state: 'succeeded' as const, providerRefundId: outcome.refundId }
            : { ...p, error: `${outcome.code}: ${outcome.message}`.slice(0, 200), attempts: (p.attempts ?? 0) + 1 },
      );
      const done = parts.every((p) => p.state === 'succeeded');
      await txReplace(tx, COLL.refunds, { ...cur, parts, ...(done ? { status: 'succeeded' as const, completedAt: now() } : {}) });
    });
  }
  return getById<RefundDoc>(db, COLL.refunds, refundId);
}
