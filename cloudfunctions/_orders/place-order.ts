import { fail, ok, type Result } from '../../shared/errors/result';
import { transitionOrder } from '../../shared/orders/transitions';
import { initialFulfilment } from '../../shared/orders/fulfilment';
import { qualifyingFen } from '../../shared/orders/qualifying';
import type { PaymentHandle } from '../../shared/schemas/payment';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { faultPoint } from '../_kit/faults';
import { paymentProvider, PAY_CALLBACK_FUNCTION } from '../_kit/payments';
import { runInTransaction, type Tx } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { grantMembershipTerm } from '../_membership/membership-grant';
import { paidAmounts, paidEvent, writeEvent } from '../_events/make-event';
import { yuan } from './order-draft';
import { giveStockBack, takeStock } from './stock';
import { reserveTrials } from './trial-reservations';
import { reserveCoupon } from '../_coupons/use';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { debit, entry, freeBalanceFen, freeLots, reserve } from '../../shared/wallet/model';
import { takeHold } from './order-holds';
import { allocateSpend } from '../../shared/ledger/lots';
import type { CombinedSplit } from '../../shared/orders/order-view';
import { recordThrowingCall } from '../_kit/platform-health';
import { deletionGuard, type MoneyAction } from '../_deletion/guard';
import { COLL } from '../_kit/collections';

export interface PlacedOrder {
  orderId: string;
  status: OrderDoc['status'];
  totalFen: number;
  /** 组合支付: the balance part (reserved now, drawn when WeChat's part is paid) and WeChat's part. */
  combined?: CombinedSplit;
  /** A top-up: what it credits when paid (the client's success message is built from this, never from its own plan list). */
  topUp?: { principalFen: number; bonusFen: number };
  payment?: PaymentHandle;
}

const view = (o: OrderDoc, payment?: PaymentHandle): PlacedOrder => ({
  orderId: o._id,
  status: o.status,
  totalFen: o.totalFen,
  ...(o.combined ? { combined: { balanceFen: o.combined.balanceFen, principalFen: o.combined.principalFen, bonusFen: o.combined.bonusFen, cashFen: o.combined.cashFen } } : {}),
  ...(o.topUp ? { topUp: { principalFen: o.topUp.principalFen, bonusFen: o.topUp.bonusFen } } : {}),
  ...(payment ? { payment } : {}),
});

/** What WeChat Pay collects for an order: all of it, or a 组合支付 order's WeChat part. */
export const wechatFen = (o: OrderDoc): number => o.combined?.cashFen ?? o.totalFen;

/**
 * WeChat-paid order (also 组合支付): insert the order (its id derives from the request id, so a retried
 * create hits the same document), then ask the provider for requestPayment params for what WeChat
 * collects. A retry of a pending order asks again (the provider returns the same prepay for the same
 * out_trade_no).
 */
/**
 * A step of the caller's inside the order's transaction, after the deletion guard and before the
 * order is written (a top-up: the balance cap and the card terms on the wallet). A refusal rolls
 * everything back. A retried request whose order exists never reaches it.
 */
export type InOrderTx = (tx: Tx) => Promise<Result<unknown>>;

export async function placeWechatOrder(ctx: ActionContext, draft: OrderDoc, settings: Settings, balanceFen?: number, inTx?: InOrderTx): Promise<Result<PlacedOrder>> {
  // One transaction: the order, its trial reservations, its coupon, its stock, the customer's hold
  // entry and (组合支付) the balance reservation are written together or not at all.
  const placed = await withStock(ctx, draft, (stocked, mark) => runInTransaction(ctx.db, async (tx): Promise<Result<OrderDoc>> => {
    mark(false);
    const existing = await txGet<OrderDoc>(tx, COLL.orders, draft._id);
    if (existing) return ok(existing);
    // An account deletion under way takes no new money (issue 15 #1): read in this transaction.
    const deleting = await deletionGuard(tx, draft.openid, guardActionOf(draft));
    if (deleting) return deleting;
    if (inTx) {
      const step = await inTx(tx);
      if (!step.ok) return step;
    }
    const reserved = await reserveTrials(tx, draft, draft.createdAt);
    if (!reserved.ok) return reserved;
    const coupon = await reserveCoupon(tx, draft, draft.createdAt);
    if (!coupon.ok) return coupon;
    const held = await takeHold(tx, stocked, settings, draft.createdAt);
    if (!held.ok) return held;
    const order = draft.payWith === 'combined' ? await reserveBalancePart(tx, stocked, balanceFen, settings) : ok(stocked);
    if (!order.ok) return order;
    await txCreate(tx, COLL.orders, order.data);
    mark(true);
    return ok(order.data);
  }, BALANCE_TX));
  if (!placed.ok) return placed;
  const order = placed.data;
  if (order.openid !== ctx.openid) return fail('CONFLICT', '请求编号已被使用，请重新下单。');
  if (order.status !== 'created' || order.payWith === 'balance') return ok(view(order));
  faultPoint('order.before-unifiedorder');
  const provider = paymentProvider();
  const cashFen = wechatFen(order);
  // Its answer is kept for 上线检查 (微信支付商户号): a refusal here is how an unbound merchant shows.
  const params = await recordThrowingCall(ctx.db, { fn: ctx.fn, api: 'cloudPay.unifiedOrder', adapter: provider.name === 'cloudpay' ? 'wechat' : 'local' }, ctx.now, ctx.log, () =>
    provider.unifiedOrder({ outTradeNo: order._id, totalFee: cashFen, body: order.title, openid: order.openid, callbackFunction: PAY_CALLBACK_FUNCTION }),
  );
  return ok(view(order, { outTradeNo: order._id, totalFen: cashFen, provider: provider.name, params }));
}

/**
 * 组合支付: reserves `balanceFen` of the customer's spendable balance for this order (the lots it will
 * draw are decided now, per the spend rule; nothing leaves them until the WeChat part is paid) and
 * records the split on the order. Refused when the balance part is not 1 fen … total − 1 fen or more
 * than is spendable now (the checkout confirmed an amount the wallet no longer has).
 */
async function reserveBalancePart(tx: Tx, order: OrderDoc, balanceFen: number | undefined, settings: Settings): Promise<Result<OrderDoc>> {
  if (balanceFen === undefined || balanceFen < 1 || balanceFen >= order.totalFen) {
    return fail('INVALID_INPUT', `组合支付的余额部分须在 ¥0.01 至 ${yuan(order.totalFen - 1)} 之间；余额足够时请直接选择余额支付。`);
  }
  const wallet = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(order.openid));
  const r = wallet ? reserve(wallet, order._id, balanceFen, settings.spendRule, order.createdAt) : null;
  if (!r) return fail('BALANCE_CHANGED', `您的可用余额已变为 ${yuan(freeBalanceFen(wallet))}，不足本次确认的 ${yuan(balanceFen)}。请返回重新确认组合支付金额。`, { availableFen: freeBalanceFen(wallet) });
  await txReplace(tx, COLL.wallets, r.wallet);
  faultPoint('combined.after-reserve');
  const { principalFen, bonusFen, draws } = r.allocation;
  return ok({ ...order, combined: { balanceFen, principalFen, bonusFen, draws, cashFen: order.totalFen - balanceFen } });
}

/** What the checkout confirms before a 组合支付 order: all spendable balance, the rest by WeChat. */
export interface CombinedQuote {
  totalFen: number;
  balanceFen: number;
  principalFen: number;
  bonusFen: number;
  cashFen: number;
}

export function quoteCombined(wallet: WalletDoc | null, totalFen: number, settings: Settings): Result<CombinedQuote> {
  const free = freeBalanceFen(wallet);
  if (free <= 0) return fail('INSUFFICIENT_BALANCE', wallet && wallet.principalFen + wallet.bonusFen > 0 ? '您的余额已全部被待支付的组合支付订单占用，请先完成或取消该订单，或直接使用微信支付。' : '余额为 0，无法组合支付。请使用微信支付，或先充值。');
  if (free >= totalFen) return fail('INVALID_INPUT', `可用余额 ${yuan(free)} 足够支付本单 ${yuan(totalFen)}，请直接选择余额支付。`);
  const allocation = allocateSpend(freeLots(wallet!), free, settings.spendRule)!;
  return ok({ totalFen, balanceFen: free, principalFen: allocation.principalFen, bonusFen: allocation.bonusFen, cashFen: totalFen - free });
}

/**
 * Balance-paid order, in ONE transaction: debit the wallet per the spend rule (lots read and
 * written by id, version bumped), append the spend entry, write the order as paid and its event.
 * Insufficient balance is a returned refusal, so the transaction rolls back and nothing is written.
 */
export async function placeBalanceOrder(ctx: ActionContext, draft: OrderDoc, settings: Settings): Promise<Result<PlacedOrder>> {
  const now = draft.createdAt;
  // A wallet that cannot pay is refused before joining the transaction: in a burst on one wallet,
  // spends that will be refused would otherwise keep retrying against those that pay. (A top-up
  // landing this instant is missed — the customer tries again — while a wallet that can pay is
  // still decided inside the transaction.) A retried request finds its order in the transaction.
  //
  // The deletion guard is read here, once, not inside the transaction: the job it reads is a document
  // no spend writes, so reading it in the transaction would not close the instant between the read and
  // the commit (the deletion's own checks and final pass do) — it would only lengthen every attempt of
  // a contended wallet transaction (measured: 200 payments on one wallet, 24.6 s → 39.5 s).
  // A retried request whose order exists is answered by that order whatever the wallet or a
  // deletion says now; its order is read only when a pre-check would refuse (issue 18: not per spend).
  const [seen, deleting] = await Promise.all([getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid)), deletionGuard(ctx.db, ctx.openid, guardActionOf(draft))]);
  const refusal = deleting ?? (seen && debit(seen, draft.totalFen, settings.spendRule, now) ? null : insufficient(draft, seen));
  if (refusal && !(await getById<OrderDoc>(ctx.db, COLL.orders, draft._id))) return refusal;
  return withStock(ctx, draft, (stocked, mark) => runInTransaction(ctx.db, async (tx): Promise<Result<PlacedOrder>> => {
    mark(false);
    const existing = await txGet<OrderDoc>(tx, COLL.orders, draft._id);
    if (existing) return existing.openid === ctx.openid ? ok(view(existing)) : fail('CONFLICT', '请求编号已被使用，请重新下单。');
    const wallet = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(ctx.openid));
    const spent = wallet ? debit(wallet, draft.totalFen, settings.spendRule, now) : null;
    if (!spent) return insufficient(draft, wallet);
    const moved = transitionOrder(draft, 'paid', now);
    if (!moved.ok) return moved;
    // Trials and the coupon are used at once: the order they see is the paid one.
    const reserved = await reserveTrials(tx, { ...draft, ...moved.data }, now);
    if (!reserved.ok) return reserved;
    const coupon = await reserveCoupon(tx, { ...draft, ...moved.data }, now);
    if (!coupon.ok) return coupon;
    const { wallet: next, allocation } = spent;
    await txReplace(tx, COLL.wallets, next);
    faultPoint('balance.after-wallet');
    const entryId = `ent_${draft._id}`;
    await txCreate(tx, COLL.wallet_entries, entry(next, entryId, 'spend', -allocation.principalFen, -allocation.bonusFen, allocation.draws, `消费：${draft.title}`, now, { orderId: draft._id }));
    let paid: OrderDoc = {
      ...stocked,
      ...moved.data,
      paidAt: now,
      // No WeChat payment, so no shipping-info upload: physical goods wait for the operator, the rest is delivered.
      fulfilment: initialFulfilment(draft, now),
      balance: { entryId, principalFen: allocation.principalFen, bonusFen: allocation.bonusFen, draws: allocation.draws, refundedDraws: [] },
    };
    if (paid.kind === 'membership') paid = await grantMembershipTerm(tx, paid, settings, now);
    paid.qualifyingFen = qualifyingFen(paid.kind, paidAmounts(paid), settings.qualifyingIncludesBonus);
    await txCreate(tx, COLL.orders, paid);
    faultPoint('balance.before-event');
    await writeEvent(tx, await paidEvent(tx, paid, now));
    mark(true);
    return ok(view(paid));
  }, BALANCE_TX));
}

/**
 * The placing transaction with the draft's stock already taken (takeStock, outside it: no retry
 * storm on a limited product). `mark(true)` once the transaction created this order; otherwise —
 * a refusal, an order that exists (a retry), a fault — the units go straight back. A retry whose
 * order exists is answered by that order even when the units are gone by now.
 */
async function withStock<T>(ctx: ActionContext, draft: OrderDoc, place: (stocked: OrderDoc, mark: (created: boolean) => void) => Promise<Result<T>>): Promise<Result<T>> {
  let created = false;
  const mark = (c: boolean) => {
    created = c;
  };
  const taken = await takeStock(ctx.db, draft);
  if (!taken.ok) return (await getById<OrderDoc>(ctx.db, COLL.orders, draft._id)) ? place(draft, mark) : taken;
  let result: Result<T>;
  try {
    result = await place(taken.data, mark);
  } catch (e) {
    // A fault may have hidden a commit that happened: give back only for an order that does not exist
    // (if even that cannot be read, the units stay taken — never sold twice).
    const exists = await getById<OrderDoc>(ctx.db, COLL.orders, draft._id).then(Boolean, () => true);
    if (taken.data.lines.some((l) => l.stockReserved) && !exists) await giveStockBack(ctx.db, taken.data);
    throw e;
  }
  if (!created || !result.ok) await giveStockBack(ctx.db, taken.data);
  return result;
}

const guardActionOf = (o: OrderDoc): MoneyAction => (o.kind === 'topup' ? 'topUp' : o.kind === 'membership' ? 'membership' : 'order');

/**
 * Many payments on one wallet (or orders on one stock-tracked product) contend on one document:
 * retry long enough (with jittered backoff) that a burst resolves into successes and clean
 * refusals rather than CONFLICT errors.
 */
const BALANCE_TX = { attempts: 200, baseDelayMs: 10, maxDelayMs: 1000 };

function insufficient(draft: OrderDoc, wallet: WalletDoc | null): Result<never> {
  const free = freeBalanceFen(wallet);
  const held = wallet ? wallet.principalFen + wallet.bonusFen - free : 0;
  return fail(
    'INSUFFICIENT_BALANCE',
    held > 0
      ? `余额不足：需支付 ${yuan(draft.totalFen)}，当前可用余额 ${yuan(free)}（另有 ${yuan(held)} 已为待支付的组合支付订单保留）。请充值、改用微信支付，或先完成或取消该组合支付订单。`
      : `余额不足：需支付 ${yuan(draft.totalFen)}，当前余额 ${yuan(free)}。请充值或改用微信支付。`,
  );
}
