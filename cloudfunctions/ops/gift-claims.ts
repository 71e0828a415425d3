import { fail, ok, type Result } from '../../shared/errors/result';
import type { FulfilmentState } from '../../shared/gifts/delivery';
import type { GiftClaimView } from '../../shared/tiers/view';
import type { ActionContext } from '../_kit/create-handler';
import { runInTransaction } from '../_kit/transaction';
import { type EntitlementDoc } from '../../shared/documents';
import { pageNewestFirst } from '../_kit/paging';
import { txGet, txReplace } from '../_kit/tx';
import { auditIdFor, priorAudit, writeFulfilmentAudit } from '../_ops/audit';
import { COLL } from '../_kit/collections';
import { withCustomers } from '../_customers/display-profiles';

export const claimView = (e: EntitlementDoc): GiftClaimView => ({
  entitlementId: e._id,
  openid: e.openid,
  source: e.source,
  giftId: e.giftId,
  name: e.name,
  items: e.items,
  valueFen: e.valueFen,
  claimedAt: e.claimedAt ?? e.grantedAt,
  delivery: e.delivery ?? { method: 'pickup' },
  fulfilment: e.fulfilment ?? { state: 'pending' },
});

/** Claimed gifts (welcome packs and tier gifts) by fulfilment state, newest claim first. */
export async function giftClaims(input: { state: FulfilmentState; cursor?: number }, ctx: ActionContext): Promise<Result<{ claims: GiftClaimView[]; nextCursor?: number }>> {
  const page = await pageNewestFirst<EntitlementDoc>(ctx.db, COLL.entitlements, { 'fulfilment.state': input.state }, 'claimedAt', input.cursor, 20);
  const claims = await withCustomers(ctx.db, page.items.map(claimView), ctx.now());
  return ok({ claims, ...(page.nextCursor !== undefined ? { nextCursor: page.nextCursor } : {}) });
}

/**
 * Moves a claim from pending to shipped (address delivery) or picked up (store pickup), once.
 * Repeating the same step returns the claim as it is (a double-tap is harmless); a different step
 * on a handled claim is refused, so a shipped tracking number is never silently overwritten.
 */
async function fulfil(ctx: ActionContext, entitlementId: string, to: 'shipped' | 'picked-up', extra: { carrier?: string; trackingNo?: string }, requestId: string): Promise<Result<GiftClaimView>> {
  const now = ctx.now();
  const action = to === 'shipped' ? 'gift.ship' : 'gift.pickup';
  const auditId = auditIdFor(ctx.openid, requestId, action, entitlementId);
  return runInTransaction(ctx.db, async (tx): Promise<Result<GiftClaimView>> => {
    const e = await txGet<EntitlementDoc>(tx, COLL.entitlements, entitlementId);
    if (!e || e.status !== 'claimed' || !e.delivery) return fail('NOT_FOUND', '没有找到该领取记录，请刷新列表。');
    // A retry of the same request: the change (and its audit record) already happened.
    if (await priorAudit(tx, auditId)) return ok(claimView(e));
    const method = to === 'shipped' ? 'address' : 'pickup';
    if (e.delivery.method !== method) return fail('INVALID_STATE', method === 'address' ? '该礼品是到店自提，请点「确认已自提」。' : '该礼品需要快递寄出，请填写运单号发货。');
    const cur = e.fulfilment ?? { state: 'pending' as const };
    if (cur.state === to) return ok(claimView(e));
    if (cur.state !== 'pending') return fail('INVALID_STATE', '该礼品已处理，请刷新列表。');
    const next: EntitlementDoc = { ...e, fulfilment: { state: to, ...extra, at: now, by: ctx.openid }, version: e.version + 1 };
    await txReplace(tx, COLL.entitlements, next);
    await writeFulfilmentAudit(tx, { by: ctx.openid, at: now, requestId }, { id: auditId, entity: 'gift-claim', entityId: e._id, action, what: `礼品「${e.name}」`, to, carrierName: extra.carrier, trackingNo: extra.trackingNo, before: cur, after: next.fulfilment });
    return ok(claimView(next));
  });
}

/** The handled claim as the list shows it (with the customer's nickname and avatar). */
async function shown(ctx: ActionContext, r: Result<GiftClaimView>): Promise<Result<GiftClaimView>> {
  return r.ok ? ok((await withCustomers(ctx.db, [r.data], ctx.now()))[0]) : r;
}

export const shipGift = async (input: { entitlementId: string; carrier: string; trackingNo: string; requestId: string }, ctx: ActionContext) =>
  shown(ctx, await fulfil(ctx, input.entitlementId, 'shipped', { carrier: input.carrier, trackingNo: input.trackingNo }, input.requestId));

export const markPickedUp = async (input: { entitlementId: string; requestId: string }, ctx: ActionContext) => shown(ctx, await fulfil(ctx, input.entitlementId, 'picked-up', {}, input.requestId));
