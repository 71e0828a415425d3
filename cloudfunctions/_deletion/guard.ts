import { fail, type Result } from '../../shared/errors/result';
import type { Db } from '../_kit/db';
import type { Tx } from '../_kit/transaction';
import { jobIdOf, type PrivacyJob } from './job';
import { COLL } from '../_kit/collections';

/**
 * What a customer is doing with money (issue 15 #1). While their account deletion is under way the
 * deletion is moving their documents to a pseudonym, so new money must not enter: a top-up credited
 * or an order paid then would sit on a wallet / an order nobody can spend, ship or refund.
 *
 *   spend   — anything that takes money or reserves something for the customer: order.create
 *             (every payWith), wallet.topUp, membership.buy, gift / welcome-pack claims, coupon claims;
 *   settle  — what gives money back or finishes an order placed before the deletion: refund
 *             requests (order, membership, stored value) and 继续支付 of an existing unpaid order.
 *
 * A running deletion refuses both. A deletion that stopped as `blocked` (money or goods turned up
 * that it must not anonymise) still refuses spending, but lets the customer settle — refunding the
 * balance or the order is exactly what its reasons ask for, and the deletion re-checks before it goes on.
 */
export type MoneyAction = 'order' | 'pay' | 'topUp' | 'membership' | 'gift' | 'coupon' | 'refund' | 'card' | 'cart';

const SETTLES: ReadonlySet<MoneyAction> = new Set<MoneyAction>(['refund', 'pay']);

const WHAT: Record<MoneyAction, string> = {
  order: '下单',
  pay: '支付订单',
  topUp: '充值',
  membership: '购买会员',
  gift: '领取礼品',
  coupon: '领取优惠券',
  refund: '申请退款',
  card: '出示会员码',
  cart: '加入购物车',
};

type Reader = Pick<Db, 'collection'> | Pick<Tx, 'collection'>;

/**
 * The guard: ONE read of the customer's deletion job by id. Called inside the transaction that
 * writes the money (pass its `tx`), so the job is read in the same snapshot as the wallet / order
 * it protects. A deletion opened in the instant between this read and the commit is not seen here;
 * that is what the deletion's own checks are for (a step never anonymises an unpaid or unshipped
 * order, a wallet holding principal, a refund under way, and the final pass re-checks every blocker).
 * Returns the refusal, or null when the action may go on.
 */
export async function deletionGuard(reader: Reader, openid: string, action: MoneyAction): Promise<Result<never> | null> {
  const res = (await (reader as Pick<Db, 'collection'>).collection(COLL.privacy_requests).doc(jobIdOf(openid)).get()) as { data?: unknown };
  const job = (Array.isArray(res.data) ? res.data[0] : res.data) as PrivacyJob | undefined;
  if (!job) return null;
  const blocked = job.state === 'blocked';
  if (blocked && SETTLES.has(action)) return null;
  const what = WHAT[action];
  return blocked
    ? fail(
        'ACCOUNT_DELETION_IN_PROGRESS',
        `账号正在注销（已暂停，等待您处理未完成的款项或订单），无法${what}。请到「我的 → 隐私与数据」按提示处理，处理完成后注销会自动完成；注销提交后不能撤销，注销完成后可用同一微信作为新顾客重新购物。`,
        { state: 'blocked' },
      )
    : fail('ACCOUNT_DELETION_IN_PROGRESS', `账号正在注销，无法${what}。注销提交后不能撤销，通常几分钟内完成；注销完成后可用同一微信作为新顾客重新购物。`, { state: 'running' });
}
