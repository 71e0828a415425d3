import { formatYuan } from '../../shared/money/format';
import type { DeletionBlocker } from '../../shared/privacy/views';
import type { Settings } from '../../shared/schemas/settings';
import { businessDate } from '../../shared/time';
import { getById, type Db } from '../_kit/db';
import { membershipIdOf, walletIdOf, type MembershipDoc, type WalletDoc } from '../../shared/documents';
import { countMine } from './find';
import { COLL } from '../_kit/collections';

/**
 * What must be settled before an account can be deleted (decided for issue 7, README 隐私与个人信息):
 *   - stored value: a balance holding principal is money we owe — refunded first in 钱包 (the refund
 *     needs the customer's WeChat Pay; a pseudonymous wallet could never be paid out). Bonus alone
 *     is not refundable money (PRODUCT.md): it does not block, it is forfeited (a warning says so);
 *   - unpaid orders: a payment could still arrive for them — pay or cancel (they also close by themselves);
 *   - refunds not yet completed (pending, or failed and waiting for a retry): money still on its way
 *     to the customer, which needs their identity to arrive;
 *   - goods or gifts waiting to be shipped: the address is needed to send what was paid for.
 *     Already shipped (in transit) does not block: the address has done its job;
 *   - WeChat shipping-info uploads not yet accepted: they name the payer and are retried within
 *     minutes — try again shortly;
 *   - operators: their openid is in the allow-list (settings), an owner removes it first.
 * An active membership or unclaimed gifts do not block: the page warns that they end.
 */
export async function deletionBlockers(db: Db, openid: string, settings: Settings): Promise<DeletionBlocker[]> {
  const _ = db.command;
  const out: DeletionBlocker[] = [];
  if (settings.operators.includes(openid) || settings.owners.includes(openid)) {
    out.push({ code: 'OPERATOR_ACCOUNT', message: '您是店铺运营人员，请先由店主在「设置」中取消您的运营权限，再注销账号。' });
  }
  const w = await getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid));
  if (w && w.principalFen > 0) {
    const bonus = w.bonusFen > 0 ? `（另有赠送 ${formatYuan(w.bonusFen)}，不可退）` : '';
    out.push({ code: 'BALANCE_OUTSTANDING', message: `您的储值余额还有本金 ${formatYuan(w.principalFen)}${bonus}。请先到「钱包 → 申请退还储值」把本金退回微信，再来注销。`, go: 'wallet' });
  }
  const [unpaid, refunding, ordersToShip, giftsToShip, uploads] = await Promise.all([
    countMine(db, COLL.orders, openid, { status: 'created' }),
    countMine(db, COLL.refunds, openid, { status: _.in(['pending', 'failed']) }),
    countMine(db, COLL.orders, openid, { 'fulfilment.state': 'pending' }),
    countMine(db, COLL.entitlements, openid, { status: 'claimed', 'fulfilment.state': 'pending' }),
    countMine(db, COLL.shipping_uploads, openid, { state: _.in(['pending', 'failed']) }),
  ]);
  if (unpaid > 0) out.push({ code: 'ORDERS_UNPAID', message: `您有 ${unpaid} 笔订单还未支付。请到「我的订单」完成支付或取消订单（未支付的订单 30 分钟后也会自动关闭），再来注销。`, go: 'orders' });
  if (refunding > 0) out.push({ code: 'REFUNDS_IN_PROGRESS', message: `您有 ${refunding} 笔退款还在处理中，钱款到账需要您的身份信息。请在退款到账后再注销（通常几分钟内完成，如长时间未到账请联系客服）。`, go: 'orders' });
  if (ordersToShip > 0) out.push({ code: 'AWAITING_SHIPMENT', message: `您有 ${ordersToShip} 笔订单正在等待发货，需要您的收货信息。请在发货后再注销；如不再需要，可在「我的订单」申请退款。`, go: 'orders' });
  if (giftsToShip > 0) out.push({ code: 'AWAITING_SHIPMENT', message: `您有 ${giftsToShip} 份已领取的礼品正在等待发货，需要您的收货信息。请在发货后再注销。`, go: 'gifts' });
  if (uploads > 0) out.push({ code: 'SHIPPING_INFO_SYNCING', message: '您最近的订单正在向微信同步发货信息，请过几分钟再试。' });
  return out;
}

/** What the customer gives up by deleting now (shown before they confirm). */
export async function deletionWarnings(db: Db, openid: string, now: number): Promise<string[]> {
  const out: string[] = [];
  const m = await getById<MembershipDoc>(db, COLL.memberships, membershipIdOf(openid));
  if (m && m.expiresAt > now && m.terms.some((t) => !t.refunded)) {
    out.push(`您的会员有效期至 ${businessDate(m.expiresAt)}。注销后会员权益立即终止，会费不退；如在退款期内，可先到「会员」页申请退款。`);
  }
  const w = await getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid));
  if (w && w.principalFen === 0 && w.bonusFen > 0) out.push(`您的赠送余额 ${formatYuan(w.bonusFen)} 不可退还，注销后将作废。`);
  const [gifts, coupons] = await Promise.all([countMine(db, COLL.entitlements, openid, { status: 'available' }), countMine(db, COLL.coupons, openid, { status: 'available' })]);
  if (gifts > 0) out.push(`您还有 ${gifts} 份礼品未领取，注销后将作废。`);
  if (coupons > 0) out.push(`您还有 ${coupons} 张优惠券未使用，注销后将作废。`);
  return out;
}
