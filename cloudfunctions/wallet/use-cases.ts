import { ok, type Result } from '../../shared/errors/result';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { walletIdOf, type EntryDoc, type RefundDoc, type WalletDoc } from '../../shared/documents';
import { driveRefund } from '../_payments/refund-lifecycle';
import { pageNewestFirst } from '../_kit/paging';
import { refundView, type RefundView } from '../_payments/refund-order';
import { refundWallet } from './refund-wallet';
import { heldFen } from '../../shared/wallet/model';
import { COLL } from '../_kit/collections';

export async function terms(_input: Record<string, never>, ctx: ActionContext) {
  const s = await ctx.settings();
  const w = await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid));
  return ok({ version: s.cardTerms.version, text: s.cardTerms.text, ...(w?.termsVersion ? { acceptedVersion: w.termsVersion } : {}) });
}

export async function balance(_input: Record<string, never>, ctx: ActionContext) {
  const s = await ctx.settings();
  const w = await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid));
  const principalFen = w?.principalFen ?? 0;
  const bonusFen = w?.bonusFen ?? 0;
  // Reserved by unpaid 组合支付 orders: still in the balance, not spendable until paid or released.
  const held = heldFen(w);
  return ok({ principalFen, bonusFen, totalFen: principalFen + bonusFen, capFen: s.namedBalanceCapFen, ...(held > 0 ? { heldFen: held } : {}), ...(w?.termsVersion ? { termsAcceptedVersion: w.termsVersion } : {}) });
}

export async function entries(input: { cursor?: number }, ctx: ActionContext) {
  const page = await pageNewestFirst<EntryDoc>(ctx.db, COLL.wallet_entries, { walletId: walletIdOf(ctx.openid) }, 'at', input.cursor, 30);
  const list = page.items.map((e) => ({
    _id: e._id,
    type: e.type,
    principalDeltaFen: e.principalDeltaFen,
    bonusDeltaFen: e.bonusDeltaFen,
    balanceAfterFen: e.balanceAfterFen,
    memo: e.memo,
    at: e.at,
    ...(e.orderId ? { orderId: e.orderId } : {}),
  }));
  return ok({ entries: list, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

export async function refund(input: { requestId: string }, ctx: ActionContext): Promise<Result<RefundView>> {
  const res = await refundWallet(input, ctx);
  if (!res.ok) return res;
  const driven: RefundDoc | null = res.data.status === 'pending' ? await driveRefund(ctx.db, res.data._id, ctx.now, ctx.log, { known: res.data }) : res.data;
  return ok(refundView(driven ?? res.data));
}
