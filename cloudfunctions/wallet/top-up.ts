import { topUpWithinCap } from '../../shared/ledger/entries';
import { fail, ok, type Result } from '../../shared/errors/result';
import { formatYuan } from '../../shared/money/format';
import type { Settings } from '../../shared/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { walletIdOf, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { baseOrder, orderIdFor, pendingPayment, yuan } from '../_orders/order-draft';
import { placeWechatOrder, type PlacedOrder } from '../_orders/place-order';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { emptyWallet } from '../../shared/wallet/model';
import { COLL } from '../_kit/collections';

/** The amounts a top-up credits: what the customer was shown and confirms (`expected`), and what the order records. */
export interface TopUpOffer {
  principalFen: number;
  bonusFen: number;
}

export interface TopUpInput {
  planId?: string;
  amountFen?: number;
  /** What the customer was shown and confirmed. Absent only from clients older than this rule (then the current offer applies; the reply names it). */
  expected?: TopUpOffer;
  acceptTerms?: boolean;
  requestId: string;
}

const offerText = (o: TopUpOffer) => (o.bonusFen ? `充 ${formatYuan(o.principalFen)} 送 ${formatYuan(o.bonusFen)}（到账 ${formatYuan(o.principalFen + o.bonusFen)}）` : `充 ${formatYuan(o.principalFen)}（无赠送）`);

/**
 * A top-up order (WeChat Pay only: stored value is bought with money, not with itself). The card
 * terms version is recorded on the wallet before the first top-up; the cap is checked here and
 * again when the payment lands (a concurrent top-up may fill it in between — then it is refunded).
 *
 * Stale offers (issue 15): an operator may change 充500送30 to 送50 while a customer's app still shows
 * 送30. The client sends the amounts it showed (`expected`); when they are not what this request would
 * credit, the request is refused (TOPUP_OFFER_CHANGED) with the current offer in `details.offer`, before
 * anything is written, so the customer sees the new offer and confirms again. What "this request would
 * credit" is the current plan — or, for a retry whose order already exists, that order's amounts:
 * orders carry their own offer (settings apply to new orders only), so a retry returns its first result.
 */
export async function topUp(input: TopUpInput, ctx: ActionContext): Promise<Result<PlacedOrder>> {
  const settings = await ctx.settings();
  const now = ctx.now();
  if ((input.planId === undefined) === (input.amountFen === undefined)) return fail('INVALID_INPUT', '请选择一个充值方案，或输入自定义金额（二选一）。');
  const offer = offerFor(input, settings);
  // A refusal here may be a retry whose order exists (the plan changed or went meanwhile): that order answers.
  if (!offer.ok) return retried(input, ctx, settings, offer);
  const { principalFen, bonusFen } = offer.data;
  if (input.expected && (input.expected.principalFen !== principalFen || input.expected.bonusFen !== bonusFen)) {
    return retried(input, ctx, settings, offerChanged(input, offer.data));
  }
  const placed = await place(input, ctx, settings, { principalFen, bonusFen }, now);
  // The request id's order exists with other amounts than the customer confirmed now: not that order.
  const credited = placed.ok ? placed.data.topUp : undefined;
  if (placed.ok && !credited) return fail('CONFLICT', '请求编号已被使用，请重新充值。');
  if (input.expected && credited && (credited.principalFen !== principalFen || credited.bonusFen !== bonusFen)) return offerChanged(input, offer.data);
  return placed;
}

const offerChanged = (input: TopUpInput, current: TopUpOffer) =>
  fail('TOPUP_OFFER_CHANGED', `充值优惠已更新：现为${offerText(current)}，请确认后再充值。`, { offer: { ...(input.planId ? { planId: input.planId } : {}), ...current } });

/**
 * The order, placed in one transaction with the wallet checks (issue 18: no reads before it): the
 * cap — checked again when the payment lands, as a concurrent top-up may fill it in between — and
 * the card terms, recorded on the wallet before the first top-up. A retried request finds its
 * order first and gets it back as it was (orders carry their own offer).
 */
function place(input: TopUpInput, ctx: ActionContext, settings: Settings, amounts: TopUpOffer, now: number): Promise<Result<PlacedOrder>> {
  const { principalFen, bonusFen } = amounts;
  const version = settings.cardTerms.version;
  const draft: OrderDoc = {
    ...baseOrder(ctx, 'topup', 'wechat', input.requestId, settings, now),
    title: bonusFen ? `储值充值 ${formatYuan(principalFen)} 送 ${formatYuan(bonusFen)}` : `储值充值 ${formatYuan(principalFen)}`,
    lines: [],
    totalFen: principalFen,
    topUp: { ...(input.planId ? { planId: input.planId } : {}), principalFen, bonusFen, termsVersion: version },
    payment: pendingPayment(),
  };
  return placeWechatOrder(ctx, draft, settings, undefined, async (tx) => {
    const wallet = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(ctx.openid));
    const current = { principalFen: wallet?.principalFen ?? 0, bonusFen: wallet?.bonusFen ?? 0, totalFen: (wallet?.principalFen ?? 0) + (wallet?.bonusFen ?? 0) };
    if (!topUpWithinCap(current, principalFen, bonusFen, settings.namedBalanceCapFen)) {
      const room = Math.max(0, settings.namedBalanceCapFen - current.totalFen);
      return fail('TOPUP_CAP_EXCEEDED', `储值余额上限为 ${yuan(settings.namedBalanceCapFen)}，当前余额 ${yuan(current.totalFen)}，本次最多还能充入 ${yuan(room)}（含赠送），请选择更小的金额。`);
    }
    if (wallet?.termsVersion === version) return ok(undefined);
    if (input.acceptTerms !== true) return fail('TERMS_NOT_ACCEPTED', `充值前请阅读并同意《储值卡章程》（${version} 版）。`);
    const next = { ...(wallet ?? emptyWallet(ctx.openid, now)), termsVersion: version, termsAcceptedAt: now, updatedAt: now };
    await (wallet ? txReplace(tx, COLL.wallets, { ...next, version: wallet.version + 1 }) : txCreate(tx, COLL.wallets, next));
    return ok(undefined);
  });
}

/** A refusal, unless this request already placed its order: then that order, with its own amounts. */
async function retried(input: TopUpInput, ctx: ActionContext, settings: Settings, refusal: Result<never>): Promise<Result<PlacedOrder>> {
  const existing = await getById<OrderDoc>(ctx.db, COLL.orders, orderIdFor(ctx.openid, input.requestId));
  if (!existing) return refusal;
  if (existing.kind !== 'topup' || !existing.topUp) return fail('CONFLICT', '请求编号已被使用，请重新充值。');
  const mine = existing.topUp;
  // Confirming other amounts than its order's: the refusal stands (the customer sees the offer now).
  if (input.expected && (input.expected.principalFen !== mine.principalFen || input.expected.bonusFen !== mine.bonusFen)) return refusal;
  return place(input, ctx, settings, { principalFen: existing.topUp.principalFen, bonusFen: existing.topUp.bonusFen }, existing.createdAt);
}

/** What this request credits under the current settings: the plan's amounts, or a custom amount in range. */
function offerFor(input: TopUpInput, settings: Settings): Result<TopUpOffer> {
  if (input.planId !== undefined) {
    const plan = settings.topUpPlans.find((p) => p.id === input.planId && p.active);
    return plan ? ok({ principalFen: plan.principalFen, bonusFen: plan.bonusFen }) : fail('NOT_FOUND', '该充值方案已下线，请刷新后重新选择。');
  }
  const c = settings.customTopUp;
  if (!c.enabled) return fail('INVALID_INPUT', '暂不支持自定义金额，请选择充值方案。');
  if (input.amountFen! < c.minFen || input.amountFen! > c.maxFen) return fail('INVALID_INPUT', `自定义充值金额需在 ${yuan(c.minFen)} 至 ${yuan(c.maxFen)} 之间。`);
  return ok({ principalFen: input.amountFen!, bonusFen: 0 });
}
