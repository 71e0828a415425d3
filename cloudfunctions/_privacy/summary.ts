import { ok, type Result } from '../../shared/errors/result';
import { formatYuan } from '../../shared/money/format';
import { PRIVACY_GROUP_LABELS, type OnDelete, type PrivacyGroupKey, type PrivacyGroupView, type PrivacySummary } from '../../shared/privacy/views';
import { profileIdOf, type CustomerProfile } from '../../shared/segments/profile';
import { businessDate } from '../../shared/time';
import type { ActionContext } from '../_kit/create-handler';
import { getById, type Db } from '../_kit/db';
import { addressBookIdOf, displayProfileIdOf, membershipIdOf, walletIdOf, type AddressBookDoc, type DisplayProfileDoc, type MembershipDoc, type WalletDoc } from '../../shared/documents';
import { deletionBlockers, deletionWarnings } from './blockers';
import { PRIVACY_COVERAGE } from './coverage';
import { countMine } from './find';
import { deletionJob } from '../_deletion/job';
import { PURE_INTERACTION_TYPES } from './steps';
import { COLL, type CollectionName } from '../_kit/collections';

const LABELS = PRIVACY_GROUP_LABELS;

/** What deleting does, per kind of data (「匿名保留」 is explained once on the page: KEPT_REASON). */
const ON_DELETE: Record<PrivacyGroupKey, [OnDelete, string]> = {
  profile: ['delete', '删除'],
  display: ['delete', '删除（头像图片一并删除）'],
  survey: ['delete', '删除'],
  orders: ['anonymise', '匿名保留，收货人姓名、电话、地址删除'],
  refunds: ['anonymise', '匿名保留'],
  wallet: ['anonymise', '匿名保留'],
  lots: ['anonymise', '匿名保留'],
  membership: ['delete', '删除，会员权益终止'],
  gifts: ['mixed', '已领取的匿名保留（收货信息删除），未领取的删除'],
  addresses: ['delete', '删除'],
  coupons: ['mixed', '已使用的匿名保留，未使用的删除；每人限领的张数以不可还原的加密标记保留'],
  messages: ['delete', '删除'],
  events: ['mixed', '互动记录删除，交易记录匿名保留'],
  trials: ['delete', '删除；用过哪款体验装以不可还原的加密标记保留（每人限购一次，注销后再来也不能重复购买）'],
  shipping: ['anonymise', '匿名保留，收货电话删除'],
  wecom: ['delete', '删除'],
};

const collectionsOf = (g: PrivacyGroupKey) => Object.entries(PRIVACY_COVERAGE).filter(([, c]) => c.group === g).map(([n]) => n as CollectionName);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function groupCount(db: Db, openid: string, g: PrivacyGroupKey): Promise<number> {
  return sum(await Promise.all(collectionsOf(g).map((c) => countMine(db, c, openid))));
}

/** What the customer chose to be shown as (头像昵称), in their own words. */
function displayDetail(d: DisplayProfileDoc | null): string {
  if (!d) return '未设置头像和昵称';
  const parts = [d.nickname ? `昵称「${d.nickname}」` : null, d.avatar ? '头像图片 1 张' : null].filter(Boolean);
  return `${parts.join('、')}，用于在会员卡和客服沟通中称呼您`;
}

/** Counts and one line of detail per kind of data (only what is cheap: counts over the customer's index ranges). */
async function groups(db: Db, openid: string, now: number): Promise<PrivacyGroupView[]> {
  const _ = db.command;
  const [profile, display, wallet, membership, book] = await Promise.all([
    getById<CustomerProfile>(db, COLL.profiles, profileIdOf(openid)),
    getById<DisplayProfileDoc>(db, COLL.display_profiles, displayProfileIdOf(openid)),
    getById<WalletDoc>(db, COLL.wallets, walletIdOf(openid)),
    getById<MembershipDoc>(db, COLL.memberships, membershipIdOf(openid)),
    getById<AddressBookDoc>(db, COLL.addresses, addressBookIdOf(openid)),
  ]);
  const answered = Object.values(profile?.survey ?? {}).filter((a) => a.optionIds.length > 0).length;
  const [orders, withDelivery, refunds, entries, gifts, claimed, claimedWithDelivery, coupons, used, messages, sent, deliveries, events, interactions, trials, shipping, wecom] = await Promise.all([
    countMine(db, COLL.orders, openid),
    countMine(db, COLL.orders, openid, { delivery: _.exists(true) }),
    countMine(db, COLL.refunds, openid),
    countMine(db, COLL.wallet_entries, openid),
    countMine(db, COLL.entitlements, openid),
    countMine(db, COLL.entitlements, openid, { status: 'claimed' }),
    countMine(db, COLL.entitlements, openid, { status: 'claimed', delivery: _.exists(true) }),
    countMine(db, COLL.coupons, openid),
    countMine(db, COLL.coupons, openid, { status: 'used' }),
    groupCount(db, openid, 'messages'),
    countMine(db, COLL.messages, openid),
    countMine(db, COLL.campaign_deliveries, openid),
    countMine(db, COLL.events, openid),
    countMine(db, COLL.events, openid, { type: _.in([...PURE_INTERACTION_TYPES]) }),
    countMine(db, COLL.trial_reservations, openid),
    countMine(db, COLL.shipping_uploads, openid),
    groupCount(db, openid, 'wecom'),
  ]);
  const view = (key: PrivacyGroupKey, count: number, detail: string): PrivacyGroupView => ({ key, label: LABELS[key], count, detail, onDelete: ON_DELETE[key][0], onDeleteText: ON_DELETE[key][1] });
  const memberDetail = !membership ? '未开通' : membership.expiresAt > now ? `有效期至 ${businessDate(membership.expiresAt)}` : '已过期';
  return [
    view('profile', profile ? 1 : 0, '累计消费、购买次数、生命周期阶段和分群标签，由您的订单和互动汇总而来'),
    view('display', display ? 1 : 0, displayDetail(display)),
    view('survey', answered, answered ? `您在 ${answered} 道问卷题中点选的选项` : '没有保存问卷回答'),
    view('orders', orders, withDelivery ? `其中 ${withDelivery} 笔含收货人姓名、电话和地址` : '商品、会员和充值订单'),
    view('refunds', refunds, '退回微信或余额的记录'),
    view('wallet', entries, wallet ? `余额 ${formatYuan(wallet.principalFen + wallet.bonusFen)}（本金 ${formatYuan(wallet.principalFen)}，赠送 ${formatYuan(wallet.bonusFen)}），流水 ${entries} 条` : '未开通储值'),
    view('lots', wallet?.lots.length ?? 0, '每次充值的本金与赠送金额（退款按批次原路退回）'),
    view('membership', membership ? 1 : 0, memberDetail),
    view('gifts', gifts, claimed ? `已领取 ${claimed} 份${claimedWithDelivery ? `，其中 ${claimedWithDelivery} 份含收货人姓名、电话和地址` : ''}` : '入会礼包和累计消费礼'),
    view('addresses', book?.entries.length ?? 0, '快递到家用过的收货人姓名、电话和地址（最多 10 条，下单和领礼时可直接选用）'),
    view('coupons', coupons, used ? `已使用 ${used} 张` : '领取和获赠的优惠券'),
    view('messages', messages, `订阅消息 ${sent} 条，活动触达 ${deliveries} 次，以及订阅授权记录`),
    view('events', events, `互动记录 ${interactions} 条（访问、问卷、领券、打开消息），交易记录 ${events - interactions} 条`),
    view('trials', trials, '已购买过的体验装（每人限购一次）'),
    view('shipping', shipping, '为微信支付订单向微信报备的发货信息'),
    view('wecom', wecom, '企业微信中的客户联系人信息'),
  ];
}

/** `privacy.summary`: what we hold about the caller, what deleting the account would do, and what stands in its way. */
export async function summary(_input: Record<string, never>, ctx: ActionContext): Promise<Result<PrivacySummary>> {
  const now = ctx.now();
  const [g, job] = await Promise.all([groups(ctx.db, ctx.openid, now), deletionJob(ctx.db, ctx.openid)]);
  // A deletion under way: no new warnings; a paused one shows what it waits for.
  const [blockers, warnings] = job ? [job.state === 'blocked' ? (job.blockers ?? []) : [], []] : await Promise.all([deletionBlockers(ctx.db, ctx.openid, await ctx.settings()), deletionWarnings(ctx.db, ctx.openid, now)]);
  return ok({ groups: g, blockers, warnings, deletionRunning: job !== null });
}
