import { Fragment, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
// The delivery form (and the choice rows it brings) first: every page must load component
// stylesheets in one order, or the shared CSS chunk has no consistent order (see the wallet page).
import { DeliveryFormView } from '../../components/delivery-form';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { TierProgress } from '../../components/tier-progress';
import { SubscribePanel, SubscribeSheetHost } from '../../components/subscribe-prompt';
import { daysUntil, fullDate, termText } from '../../format/date';
import { emptyDeliveryForm, fulfilmentText, maskPhone, toDelivery, type DeliveryForm } from '../../format/delivery';
import { TIER_GIFTS_URL } from '../../format/routes';
import type { GiftPackView } from '../../services/membership';
import { useStores } from '../../stores/context';
import { PAY_HOST_MEMBER } from '../../stores/membership-store';
import './index.css';

const PACK_STATUS: Record<GiftPackView['status'], string> = {
  available: '待领取',
  claimed: '已领取',
  void: '已作废（会员费已退款）',
  suspended: '暂不可领取',
  expired: '已过领取期限',
};

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
      void root.messages.loadGrants();
    }
  }, [session.isLoggedIn, catalog, membership, tiers, root.messages]);

  // A purchase or refund elsewhere (another tab, the order list) can change the status and the
  // qualifying spend: refresh on show.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    if (membership.loaded && !membership.buying) void membership.load();
    if (tiers.loaded) void tiers.load();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), membership.load(), tiers.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const openGifts = () => void Taro.navigateTo({ url: TIER_GIFTS_URL });

  const settings = catalog.settings;
  const status = membership.status;
  const now = Date.now();
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

            <View className={`member-status ${status.active ? 'member-status--active' : ''}`} id='member-status'>
              {/* Keyed variants: no node reuse between them (ids differ). */}
              {status.active && status.expiresAt ? (
                <Fragment key='active'>
                  <Text className='member-status__title'>会员生效中</Text>
                  <Text className='member-status__sub' id='member-expiry'>
                    有效期至 {fullDate(status.expiresAt)}（剩余 {daysUntil(status.expiresAt, now)} 天）
                  </Text>
                  <Text className='member-status__perk'>全场会员价已生效，新品可抢先购买</Text>
                </Fragment>
              ) : status.expiresAt ? (
                <Fragment key='lapsed'>
                  <Text className='member-status__title'>会员已到期</Text>
                  <Text className='member-status__sub'>于 {fullDate(status.expiresAt)} 到期，续费后立即恢复会员价。</Text>
                </Fragment>
              ) : (
                <Fragment key='none'>
                  <Text className='member-status__title'>您还不是会员</Text>
                  <Text className='member-status__sub'>开通后全场享会员价，并获赠入会礼包。</Text>
                </Fragment>
              )}
            </View>

            {pack ? (
              <View className='card gift' id='gift-pack'>
                <View className='gift__head'>
                  <Text className='gift__name'>{pack.name}</Text>
                  <Text className={`gift__status gift__status--${pack.status}`} id='gift-pack-status'>
                    {PACK_STATUS[pack.status]}
                  </Text>
                </View>
                <Text className='gift__value'>价值 {formatYuan(pack.valueFen)}</Text>
                {pack.items.length ? <Text className='gift__items'>{pack.items.join('、')}</Text> : null}
                {pack.status === 'available' ? <Text className='gift__deadline'>请于 {fullDate(pack.claimDeadline)} 前领取，逾期作废。</Text> : null}
                {pack.status === 'claimed' && pack.delivery ? (
                  <Text className='gift__delivery' id='gift-pack-delivery'>
                    {pack.delivery.method === 'pickup'
                      ? '到店自提 · 到店出示会员码即可领取'
                      : `快递到家 · ${pack.delivery.name ?? ''} ${maskPhone(pack.delivery.phone ?? '')} · ${pack.delivery.address ?? ''}`}
                    {pack.fulfilment ? ` · ${fulfilmentText(pack.delivery, pack.fulfilment)}` : ''}
                  </Text>
                ) : null}
                {pack.status === 'available' && !claimForm ? (
                  <Button className='btn btn--dark gift__claim' id='claim-open' onClick={() => setClaimForm(emptyDeliveryForm())}>
                    领取礼包
                  </Button>
                ) : null}
                {pack.status === 'available' && claimForm ? (
                  <DeliveryFormView
                    idPrefix='claim'
                    form={claimForm}
                    busy={membership.claiming}
                    onChange={setClaimForm}
                    onCancel={() => setClaimForm(undefined)}
                    onSubmit={() => {
                      // Claiming may forfeit the fee refund: say how much first (the form is checked before asking).
                      if (toDelivery(claimForm).ok && (quote?.ifPackClaimed?.forfeitFen ?? 0) > 0) setClaimConfirm(true);
                      else void membership.claim(claimForm).then((done) => done && setClaimForm(undefined));
                    }}
                  />
                ) : null}
              </View>
            ) : null}

            <Text className='section-title'>{status.active ? '续费会员' : '会员方案'}</Text>
            {settings.membershipPlans.length === 0 ? <EmptyView text='暂未开放会员方案，敬请期待。' /> : null}
            <View id='membership-plans'>
              {settings.membershipPlans.map((plan) => (
                <View key={plan.id} id={`plan-${plan.id}`} className='member-plan'>
                  <Text className='member-plan__name'>{plan.name}</Text>
                  <View className='member-plan__price-row'>
                    <Text className='member-plan__price'>{formatYuan(plan.priceFen)}</Text>
                    <Text className='member-plan__term'>有效期 {termText(plan.termDays)}</Text>
                  </View>
                  {plan.benefits.length > 0 ? (
                    <View className='member-plan__benefits'>
                      {plan.benefits.map((b) => (
                        <Text key={b} className='member-plan__benefit'>
                          ✓ {b}
                        </Text>
                      ))}
                    </View>
                  ) : null}
                  {plan.giftPack ? (
                    <View className='member-plan__gift'>
                      <Text className='member-plan__gift-title'>
                        {plan.giftPack.name} · 价值 {formatYuan(plan.giftPack.valueFen)}
                      </Text>
                      {plan.giftPack.items.length > 0 ? <Text className='member-plan__gift-items'>{plan.giftPack.items.join('、')}</Text> : null}
                    </View>
                  ) : null}
                  <Button
                    className='btn btn--primary member-plan__buy'
                    id={`buy-${plan.id}`}
                    disabled={membership.buying !== undefined || root.pay.busy || undefined}
                    onClick={() => void membership.buy({ id: plan.id, name: plan.name })}
                  >
                    {membership.buying === plan.id ? '处理中…' : `${status.active ? '续费' : '立即开通'} ${formatYuan(plan.priceFen)}`}
                  </Button>
                  {status.active && status.expiresAt ? (
                    <Text className='member-plan__renew-note'>续费后有效期从 {fullDate(status.expiresAt)} 起顺延 {plan.termDays} 天</Text>
                  ) : null}
                </View>
              ))}
            </View>

            {settings.tiers.length > 0 ? (
              <View id='spend-tiers'>
                <Text className='section-title'>累计消费礼</Text>
                {tiers.view ? (
                  <TierProgress id='member-tier' view={tiers.view} onTap={openGifts} />
                ) : tiers.error ? (
                  <Button className='btn btn--ghost btn--small tier-retry' id='member-tier-retry' onClick={() => void tiers.load()}>
                    消费进度加载失败：{tiers.error.replace(/[。.]\s*$/, '')}，点击重试
                  </Button>
                ) : (
                  <Text className='tier-note' id='member-tier-loading'>
                    正在查询累计消费…
                  </Text>
                )}
                <View className='card tier-link' id='tier-gifts-link' onClick={openGifts}>
                  <View className='tier-link__main'>
                    <Text className='tier-link__title'>查看全部消费礼</Text>
                    <Text className='tier-link__sub'>各档礼品、领取状态与物流信息</Text>
                  </View>
                  {tiers.availableCount > 0 ? (
                    <Text className='tier-link__badge' id='tier-gifts-available'>
                      {tiers.availableCount} 份可领取
                    </Text>
                  ) : null}
                  <Text className='tier-link__arrow'>›</Text>
                </View>
              </View>
            ) : null}

            <View className='member-subscribe'>
              <SubscribePanel />
            </View>

            {status.active || quote?.refundable ? (
              <View id='membership-refund'>
                <Text className='section-title'>会员费退款</Text>
                <View className='card refund'>
                  {quote?.refundable ? (
                    <>
                      <View className='refund__row'>
                        <Text className='refund__label'>可退金额</Text>
                        <Text className='refund__amount' id='membership-refund-amount'>
                          {formatYuan(quote.refundableFen, { trimZeros: false })}
                        </Text>
                      </View>
                      {quote.deductFen > 0 || quote.savingsFen > 0 ? (
                        <View className='refund__breakdown' id='membership-refund-breakdown'>
                          <Text className='refund__note'>会员费 {formatYuan(quote.paidFen ?? 0)}</Text>
                          {quote.deductFen > 0 ? <Text className='refund__note'>− 已领入会礼包价值 {formatYuan(quote.deductFen)}</Text> : null}
                          {quote.savingsFen > 0 ? <Text className='refund__note'>− 已享会员价优惠 {formatYuan(quote.savingsFen)}（会员期内订单按原价与会员价的差额，已退的件数不计）</Text> : null}
                        </View>
                      ) : null}
                      <Text className='refund__note'>
                        {quote.refundableUntil ? `${fullDate(quote.refundableUntil)} 前可申请（按开通时的规则），款项原路退回。` : `支付后 ${settings.refundWindowDays} 天内可申请，款项原路退回。`}
                      </Text>
                      <Button className='btn btn--ghost refund__btn' id='membership-refund-open' disabled={membership.refunding || undefined} onClick={() => setRefundOpen(true)}>
                        申请退款
                      </Button>
                    </>
                  ) : (
                    <Text className='refund__note' id='membership-refund-reason'>
                      {quote?.reason ?? '暂时无法查询可退金额，请下拉刷新后重试。'}
                    </Text>
                  )}
                </View>
              </View>
            ) : null}

            {claimConfirm && claimForm && quote?.ifPackClaimed ? (
              <ConfirmDialog
                id='claim-confirm'
                title='领取后会员费退款将减少'
                confirmText='确认领取'
                busy={membership.claiming}
                onCancel={() => setClaimConfirm(false)}
                onConfirm={() =>
                  void membership.claim(claimForm).then((done) => {
                    setClaimConfirm(false);
                    if (done) setClaimForm(undefined);
                  })
                }
              >
                <Text className='dialog__amount'>−{formatYuan(quote.ifPackClaimed.forfeitFen, { trimZeros: false })}</Text>
                <Text className='dialog__line'>
                  现在申请退会员费可退 {formatYuan(quote.refundableFen, { trimZeros: false })}；
                  {quote.ifPackClaimed.denied
                    ? '领取入会礼包后，会员费不再退还（开通时的规则）。'
                    : quote.ifPackClaimed.refundableFen > 0
                      ? `领取后将扣除礼包价值，只能退 ${formatYuan(quote.ifPackClaimed.refundableFen, { trimZeros: false })}。`
                      : '礼包价值不低于可退金额，领取后会员费不再退还。'}
                </Text>
                <Text className='dialog__line dialog__line--warn'>领取后不能撤销。如果您可能退会员，请先不要领取。</Text>
              </ConfirmDialog>
            ) : null}

            {refundOpen && quote?.refundable ? (
              <ConfirmDialog
                id='membership-refund-dialog'
                title='确认退还会员费？'
                confirmText='确认退款'
                danger
                busy={membership.refunding}
                onCancel={() => setRefundOpen(false)}
                onConfirm={() => void membership.refund().then(() => setRefundOpen(false))}
              >
                <Text className='dialog__amount'>{formatYuan(quote.refundableFen, { trimZeros: false })}</Text>
                <Text className='dialog__line'>款项将原路退回您的微信支付账户。</Text>
                {quote.deductFen > 0 ? <Text className='dialog__line'>已领取的入会礼包价值 {formatYuan(quote.deductFen)} 已从退款中扣除。</Text> : null}
                {quote.savingsFen > 0 ? <Text className='dialog__line'>会员期内已享会员价优惠 {formatYuan(quote.savingsFen)} 已从退款中扣除。</Text> : null}
                <Text className='dialog__line dialog__line--warn'>退款后会员资格立即取消，不再享受会员价{pack?.status === 'available' ? '，未领取的入会礼包将作废' : ''}。</Text>
              </ConfirmDialog>
            ) : null}
          </View>
        )}
        <PayHost host={PAY_HOST_MEMBER} />
        <SubscribeSheetHost moment='member' />
      </SignInGate>
    </View>
  );
}

export default observer(MemberPage);
