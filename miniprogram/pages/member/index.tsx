import { Fragment, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ChoiceRow } from '../../components/choice';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { daysUntil, fullDate, termText } from '../../format/date';
import type { GiftPackView } from '../../services/membership';
import { useStores } from '../../stores/context';
import { emptyDeliveryForm, PAY_HOST_MEMBER, type DeliveryForm } from '../../stores/membership-store';
import './index.css';

const PACK_STATUS: Record<GiftPackView['status'], string> = {
  available: '待领取',
  claimed: '已领取',
  void: '已作废（会员费已退款）',
  suspended: '暂不可领取',
  expired: '已过领取期限',
};

const FULFILMENT: Record<string, string> = { pending: '待发货', shipped: '已发货', 'picked-up': '已自提' };

const maskPhone = (p: string) => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : p);

/** 会员: status and expiry, buy/renew (WeChat Pay), the welcome gift pack claim, membership refund, spend tiers. */
function MemberPage() {
  const root = useStores();
  const { session, catalog, membership } = root;
  const [claimForm, setClaimForm] = useState<DeliveryForm | undefined>(undefined);
  const [refundOpen, setRefundOpen] = useState(false);

  useEffect(() => {
    if (session.isLoggedIn) {
      void catalog.ensureLoaded();
      void membership.ensureLoaded();
    }
  }, [session.isLoggedIn, catalog, membership]);

  // A purchase elsewhere (another tab, the order list) can change the status: refresh on show.
  useDidShow(() => {
    if (session.isLoggedIn && membership.loaded && !membership.buying) void membership.load();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), membership.load()]).finally(() => Taro.stopPullDownRefresh());
  });

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
                    {pack.fulfilment ? ` · ${FULFILMENT[pack.fulfilment.state] ?? ''}` : ''}
                    {pack.fulfilment?.trackingNo ? ` · 运单号 ${pack.fulfilment.trackingNo}` : ''}
                  </Text>
                ) : null}
                {pack.status === 'available' && !claimForm ? (
                  <Button className='btn btn--dark gift__claim' id='claim-open' onClick={() => setClaimForm(emptyDeliveryForm())}>
                    领取礼包
                  </Button>
                ) : null}
                {pack.status === 'available' && claimForm ? (
                  <View className='claim' id='claim-form'>
                    <Text className='claim__title'>选择领取方式</Text>
                    <ChoiceRow id='claim-method-pickup' selected={claimForm.method === 'pickup'} label='到店自提' detail='到店出示会员码即可领取' onSelect={() => setClaimForm({ ...claimForm, method: 'pickup' })} />
                    <ChoiceRow id='claim-method-address' selected={claimForm.method === 'address'} label='快递到家' detail='包邮寄送，填写收件信息' onSelect={() => setClaimForm({ ...claimForm, method: 'address' })} />
                    {claimForm.method === 'address' ? (
                      <View className='claim__fields'>
                        <Input className='field' id='claim-name' value={claimForm.name} maxlength={20} placeholder='收件人姓名' onInput={(e) => setClaimForm({ ...claimForm, name: e.detail.value })} />
                        <Input className='field' id='claim-phone' type='number' value={claimForm.phone} maxlength={11} placeholder='手机号（11 位）' onInput={(e) => setClaimForm({ ...claimForm, phone: e.detail.value })} />
                        <Input className='field' id='claim-address' value={claimForm.address} maxlength={120} placeholder='详细地址：省市区、街道、门牌号' onInput={(e) => setClaimForm({ ...claimForm, address: e.detail.value })} />
                      </View>
                    ) : null}
                    <View className='claim__actions'>
                      <Button className='btn btn--ghost claim__btn' id='claim-cancel' disabled={membership.claiming || undefined} onClick={() => setClaimForm(undefined)}>
                        取消
                      </Button>
                      <Button
                        className='btn btn--dark claim__btn'
                        id='claim-submit'
                        disabled={membership.claiming || undefined}
                        onClick={() => void membership.claim(claimForm).then((done) => done && setClaimForm(undefined))}
                      >
                        {membership.claiming ? '提交中…' : '确认领取'}
                      </Button>
                    </View>
                  </View>
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
                <View className='card'>
                  {settings.tiers.map((t) => (
                    <View key={t.gift.id} className='tier-row'>
                      <Text className='tier-row__threshold'>累计满 {formatYuan(t.thresholdFen)}</Text>
                      <View className='tier-row__gift'>
                        <Text className='tier-row__gift-name'>{t.gift.name}</Text>
                        <Text className='tier-row__gift-value'>价值 {formatYuan(t.gift.valueFen)}</Text>
                      </View>
                    </View>
                  ))}
                  <Text className='tier-note'>累计消费达到门槛即可领取对应礼品，每档一次。</Text>
                </View>
              </View>
            ) : null}

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
                      {quote.deductFen > 0 ? <Text className='refund__note'>入会礼包已领取，已扣除礼包价值 {formatYuan(quote.deductFen)}。</Text> : null}
                      <Text className='refund__note'>支付后 {settings.refundWindowDays} 天内可申请，款项原路退回。</Text>
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
                <Text className='dialog__line dialog__line--warn'>退款后会员资格立即取消，不再享受会员价{pack?.status === 'available' ? '，未领取的入会礼包将作废' : ''}。</Text>
              </ConfirmDialog>
            ) : null}
          </View>
        )}
        <PayHost host={PAY_HOST_MEMBER} />
      </SignInGate>
    </View>
  );
}

export default observer(MemberPage);
