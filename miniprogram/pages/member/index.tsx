import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
// The delivery form (and the choice rows it brings) first: every page must load component
// stylesheets in one order, or the shared CSS chunk has no consistent order (see the wallet page).
import '../../components/delivery-form';
import '../../components/confirm-dialog';
import { ErrorView, LoadingView } from '../../components/load-state';
import { MemberCard } from '../../components/member-card';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import '../../components/tier-progress';
import { SubscribePanel, SubscribeSheetHost } from '../../components/subscribe-prompt';
import type { DeliveryForm } from '../../format/delivery';
import { tierLevel } from '../../format/tiers';
import { TIER_GIFTS_URL, MEMBER_CODE_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import { PAY_HOST_MEMBER } from '../../stores/membership-store';
import { GiftPackCard } from './components/gift-pack';
import { PlanList } from './components/plans';
import { ClaimConfirmDialog, MembershipRefundCard, MembershipRefundDialog } from './components/refund';
import { SpendTiers } from './components/spend-tiers';
import { MemberStatusCard } from './components/status-card';
import './index.css';

/** 会员: status and expiry, buy/renew (WeChat Pay), the welcome gift pack claim, membership refund, spend-tier progress (gifts in a subpackage). */
function MemberPage() {
  const root = useStores();
  const { session, catalog, membership, tiers } = root;
  const [claimForm, setClaimForm] = useState<DeliveryForm | undefined>(undefined);
  const [refundOpen, setRefundOpen] = useState(false);
  /** The 领取 confirmation when claiming gives up (part of) the fee refund (issue 15 #8). */
  const [claimConfirm, setClaimConfirm] = useState(false);

  useEffect(() => {
    if (session.isLoggedIn) {
      void catalog.ensureLoaded();
      void membership.ensureLoaded();
      void tiers.ensureLoaded();
      void root.memberCard.load();
      void root.messages.loadGrants();
    }
  }, [session.isLoggedIn, catalog, membership, tiers, root.messages, root.memberCard]);

  // A purchase or refund elsewhere (another tab, the order list) can change the status and the
  // qualifying spend: refresh on show.
  // After 注销账号 the stores were reset while this page stayed mounted: load them afresh.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    if (!membership.loaded) void membership.ensureLoaded();
    else if (!membership.buying) void membership.load();
    void (tiers.loaded ? tiers.load() : tiers.ensureLoaded());
    // Balance, coupons and 已省 move with purchases anywhere.
    void root.memberCard.load();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), membership.load(), tiers.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const openGifts = () => void Taro.navigateTo({ url: TIER_GIFTS_URL });

  const settings = catalog.settings;
  const status = membership.status;
  const pack = status?.giftPack;
  const quote = membership.quote;

  const retry = () => {
    void catalog.load();
    void membership.load();
  };

  return (
    <View className='page member'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {(!settings && catalog.error) || (!status && membership.error) ? (
          <ErrorView message={(catalog.error ?? membership.error)!} onRetry={retry} />
        ) : !settings || !status ? (
          <LoadingView />
        ) : (
          <View id='member-content'>
            <NoticeBar id='member-notice' notice={membership.notice} onClose={() => membership.dismissNotice()} />
            <MemberStatusCard status={status} now={Date.now()} />
            {/* The card carries 会员码; until it has loaded (or when it cannot), the plain entry does. */}
            {root.memberCard.data ? (
              <MemberCard view={root.memberCard.data} tier={tierLevel(tiers.view)} idPrefix='member-card' onCode={() => void Taro.navigateTo({ url: MEMBER_CODE_URL })} />
            ) : (
              <View className='surface member-code-entry' id='member-code-entry' onClick={() => void Taro.navigateTo({ url: MEMBER_CODE_URL })}>
                <View className='member-code-entry__main'>
                  <Text className='member-code-entry__title'>会员码</Text>
                  <Text className='member-code-entry__hint'>到店自提订单、领取礼包时出示，每分钟更新</Text>
                </View>
                <Text className='member-code-entry__go'>出示 ›</Text>
              </View>
            )}
            {pack ? <GiftPackCard membership={membership} pack={pack} claimForm={claimForm} setClaimForm={setClaimForm} onConfirmFirst={() => setClaimConfirm(true)} /> : null}
            {status.earlyRenewalReward ? (
              <View className='member-renew-reward' id='member-renew-reward'>
                <Text className='member-renew-reward__text'>
                  现在续费送「{status.earlyRenewalReward.couponName}」（到期前 {status.earlyRenewalReward.daysBefore} 天内续费有效），付款成功后券自动放入「我的优惠券」。
                </Text>
              </View>
            ) : null}
            <PlanList membership={membership} plans={settings.membershipPlans} status={status} payBusy={root.pay.busy} />
            {settings.tiers.length > 0 ? <SpendTiers tiers={tiers} onOpenGifts={openGifts} /> : null}
            <View className='member-subscribe'>
              <SubscribePanel />
            </View>
            {status.active || quote?.refundable ? <MembershipRefundCard membership={membership} refundWindowDays={settings.refundWindowDays} onOpen={() => setRefundOpen(true)} /> : null}

            {claimConfirm && claimForm && quote?.ifPackClaimed ? (
              <ClaimConfirmDialog
                membership={membership}
                quote={quote}
                ifClaimed={quote.ifPackClaimed}
                onCancel={() => setClaimConfirm(false)}
                onConfirm={() =>
                  void membership.claim(claimForm).then((done) => {
                    setClaimConfirm(false);
                    if (done) setClaimForm(undefined);
                  })
                }
              />
            ) : null}
            {refundOpen && quote?.refundable ? <MembershipRefundDialog membership={membership} quote={quote} pack={pack} onClose={() => setRefundOpen(false)} /> : null}
          </View>
        )}
        <PayHost host={PAY_HOST_MEMBER} />
        <SubscribeSheetHost moment='member' />
      </SignInGate>
    </View>
  );
}

export default observer(MemberPage);
