import { topUpWithinCap } from '../../shared/ledger/entries';
import { fail, type Result } from '../../shared/errors/result';
import { formatYuan } from '../../shared/money/format';
import type { Settings } from '../../shared/schemas/settings';
import type { ActionContext } from '../_kit/create-handler';
import { getById } from '../_kit/db';
import { runInTransaction } from '../_kit/transaction';
import { walletIdOf, type OrderDoc, type WalletDoc } from '../../shared/documents';
import { baseOrder, orderIdFor, pendingPayment, yuan } from '../_orders/order-draft';
import { placeWechatOrder, type PlacedOrder } from '../_orders/place-order';
import { txCreate, txGet, txReplace } from '../_kit/tx';
import { emptyWallet } from '../../shared/wallet/model';
import { deletionGuard } from '../_deletion/guard';
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
  // Before the card terms are written on the wallet; placeWechatOrder checks again in its transaction.
  const deleting = await deletionGuard(ctx.db, ctx.openid, 'topUp');
  if (deleting) return deleting;
  const settings = await ctx.settings();
  const now = ctx.now();
  if ((input.planId === undefined) === (input.amountFen === undefined)) return fail('INVALID_INPUT', '请选择一个充值方案，或输入自定义金额（二选一）。');
  let principalFen: number;
  let bonusFen = 0;
  const existing = await getById<OrderDoc>(ctx.db, COLL.orders, orderIdFor(ctx.openid, input.requestId));
  if (existing) {
    if (existing.kind !== 'topup' || !existing.topUp) return fail('CONFLICT', '请求编号已被使用，请重新充值。');
    principalFen = existing.topUp.principalFen;
    bonusFen = existing.topUp.bonusFen;
  } else if (input.planId !== undefined) {
    const plan = settings.topUpPlans.find((p) => p.id === input.planId && p.active);
    if (!plan) return fail('NOT_FOUND', '该充值方案已下线，请刷新后重新选择。');
    principalFen = plan.principalFen;
    bonusFen = plan.bonusFen;
  } else {
    const c = settings.customTopUp;
    if (!c.enabled) return fail('INVALID_INPUT', '暂不支持自定义金额，请选择充值方案。');
    if (input.amountFen! < c.minFen || input.amountFen! > c.maxFen) return fail('INVALID_INPUT', `自定义充值金额需在 ${yuan(c.minFen)} 至 ${yuan(c.maxFen)} 之间。`);
    principalFen = input.amountFen!;
  }
  if (input.expected && (input.expected.principalFen !== principalFen || input.expected.bonusFen !== bonusFen)) {
    const current = currentOffer(input, settings);
    if (!current) return fail('NOT_FOUND', '该充值方案已下线，请刷新后重新选择。');
    return fail('TOPUP_OFFER_CHANGED', `充值优惠已更新：现为${offerText(current)}，请确认后再充值。`, { offer: current });
  }
  const wallet = await getById<WalletDoc>(ctx.db, COLL.wallets, walletIdOf(ctx.openid));
  const current = { principalFen: wallet?.principalFen ?? 0, bonusFen: wallet?.bonusFen ?? 0, totalFen: (wallet?.principalFen ?? 0) + (wallet?.bonusFen ?? 0) };
  if (!topUpWithinCap(current, principalFen, bonusFen, settings.namedBalanceCapFen)) {
    const room = Math.max(0, settings.namedBalanceCapFen - current.totalFen);
    return fail('TOPUP_CAP_EXCEEDED', `储值余额上限为 ${yuan(settings.namedBalanceCapFen)}，当前余额 ${yuan(current.totalFen)}，本次最多还能充入 ${yuan(room)}（含赠送），请选择更小的金额。`);
  }
  const version = settings.cardTerms.version;
  if (wallet?.termsVersion !== version) {
    if (input.acceptTerms !== true) return fail('TERMS_NOT_ACCEPTED', `充值前请阅读并同意《储值卡章程》（${version} 版）。`);
    await runInTransaction(ctx.db, async (tx) => {
      const w = await txGet<WalletDoc>(tx, COLL.wallets, walletIdOf(ctx.openid));
      const next = { ...(w ?? emptyWallet(ctx.openid, now)), termsVersion: version, termsAcceptedAt: now, updatedAt: now };
      await (w ? txReplace(tx, COLL.wallets, { ...next, version: w.version + 1 }) : txCreate(tx, COLL.wallets, next));
    });
  }
  const draft: OrderDoc = {
    ...baseOrder(ctx, 'topup', 'wechat', input.requestId, settings, now),
    title: bonusFen ? `储值充值 ${formatYuan(principalFen)} 送 ${formatYuan(bonusFen)}` : `储值充值 ${formatYuan(principalFen)}`,
    lines: [],
    totalFen: principalFen,
    topUp: { ...(input.planId ? { planId: input.planId } : {}), principalFen, bonusFen, termsVersion: version },
    payment: pendingPayment(),
  };
  return placeWechatOrder(ctx, draft, settings);
}

/**
 * The offer a new request for this plan (or custom amount) gets now: what a refused customer is
 * shown to confirm again. Undefined when the plan is gone or custom amounts are off / out of range.
 */
function currentOffer(input: TopUpInput, settings: Settings): (TopUpOffer & { planId?: string }) | undefined {
  if (input.planId !== undefined) {
    const plan = settings.topUpPlans.find((p) => p.id === input.planId && p.active);
    return plan ? { planId: plan.id, principalFen: plan.principalFen, bonusFen: plan.bonusFen } : undefined;
  }
  const c = settings.customTopUp;
  return c.enabled && input.amountFen! >= c.minFen && input.amountFen! <= c.maxFen ? { principalFen: input.amountFen!, bonusFen: 0 } : undefined;
}
