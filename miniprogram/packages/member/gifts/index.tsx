import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { TierView } from '@shared/tiers/view';
// The delivery form (and the choice rows it brings) first: every page must load component
// stylesheets in one order, or the shared CSS chunk has no consistent order (see the wallet page).
import { DeliveryFormWithBook } from '../../../components/delivery-form';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { SignInGate } from '../../../components/sign-in-gate';
import { TierProgress } from '../../../components/tier-progress';
import { deliveryText } from '../../../format/delivery';
import { GIFT_STATUS_LABELS, giftNote } from '../../../format/tiers';
import { useStores } from '../../../stores/context';
import type { TiersStore } from '../../../stores/tiers-store';
import '../member.css';

/** One tier: gift, threshold, status badge, the line that says what next, and 领取 when available. */
const GiftRow = observer(function GiftRow({ tier, tiers }: { tier: TierView; tiers: TiersStore }) {
  const id = `gift-${tier.giftId}`;
  const draft = tiers.draft?.giftId === tier.giftId ? tiers.draft : undefined;
  return (
    <View className={`surface tier-gift tier-gift--${tier.status}`} id={id}>
      <View className='tier-gift__head'>
        <Text className='tier-gift__threshold'>累计满 {formatYuan(tier.thresholdFen)}</Text>
        <Text className={`tier-gift__status tier-gift__status--${tier.status}`} id={`${id}-status`}>
          {GIFT_STATUS_LABELS[tier.status]}
        </Text>
      </View>
      <Text className='tier-gift__name'>{tier.giftName}</Text>
      <Text className='tier-gift__value'>
        价值 {formatYuan(tier.valueFen)}
        {tier.items.length ? ` · ${tier.items.join('、')}` : ''}
      </Text>
      <Text className={`tier-gift__note tier-gift__note--${tier.status}`} id={`${id}-note`}>
        {giftNote(tier)}
      </Text>
      {tier.status === 'claimed' && tier.delivery ? (
        <Text className='tier-gift__delivery' id={`${id}-delivery`}>
          {deliveryText(tier.delivery)}
          {tier.delivery.method === 'pickup' && tier.fulfilment?.state !== 'picked-up' ? ' · 到店出示会员码即可领取' : ''}
        </Text>
      ) : null}
      {tier.status === 'available' && !draft ? (
        <Button className='btn btn--dark btn--small tier-gift__claim' id={`${id}-claim`} disabled={tiers.claiming || undefined} onClick={() => tiers.openClaim(tier.giftId)}>
          领取
        </Button>
      ) : null}
      {tier.status === 'available' && draft ? (
        <DeliveryFormWithBook
          idPrefix='gift-claim'
          form={draft.form}
          busy={tiers.claiming}
          onChange={(form) => tiers.updateForm(form)}
          onCancel={() => tiers.cancelClaim()}
          onSubmit={() => tiers.review()}
        />
      ) : null}
    </View>
  );
});

/** 累计消费礼: progress to the next gift and every tier's gift with its status; claim reached ones. */
function GiftsPage() {
  const root = useStores();
  const { session, tiers } = root;

  useEffect(() => {
    if (session.isLoggedIn) void tiers.ensureLoaded();
  }, [session.isLoggedIn, tiers]);

  useDidShow(() => {
    if (session.isLoggedIn && tiers.loaded && !tiers.claiming) void tiers.load();
  });
  usePullDownRefresh(() => {
    void tiers.load().finally(() => Taro.stopPullDownRefresh());
  });

  const view = tiers.view;
  const review = tiers.draft?.review;
  const reviewing = review ? tiers.tier(tiers.draft!.giftId) : undefined;

  return (
    <View className='page gifts'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {!view && tiers.error ? (
          <ErrorView message={tiers.error} onRetry={() => void tiers.load()} />
        ) : !view ? (
          <LoadingView text='正在查询累计消费…' />
        ) : view.tiers.length === 0 ? (
          <EmptyView text='暂未设置累计消费礼，敬请期待。' />
        ) : (
          <View id='gifts-content'>
            <NoticeBar id='gifts-notice' notice={tiers.notice} onClose={() => tiers.dismissNotice()} />
            <TierProgress id='gifts-tier' view={view} />
            <Text className='section-title'>各档消费礼</Text>
            <View id='gift-list'>
              {view.tiers.map((t) => (
                <GiftRow key={t.giftId} tier={t} tiers={tiers} />
              ))}
            </View>
            <Text className='gifts__rules'>
              累计消费按实际支付的商品和会员费计算，退款后相应扣减。每档礼品限领一次，请在领取截止日前领取；未领取的礼品如因退款使累计消费低于门槛会暂停，补足消费即可恢复。
            </Text>
          </View>
        )}
        {review && reviewing ? (
          <ConfirmDialog
            id='gift-claim-dialog'
            title={`确认领取「${reviewing.giftName}」？`}
            confirmText='确认领取'
            cancelText='返回修改'
            busy={tiers.claiming}
            onCancel={() => tiers.backToForm()}
            onConfirm={() => void tiers.confirmClaim()}
          >
            <Text className='dialog__line' id='gift-claim-summary'>
              {deliveryText(review)}
            </Text>
            <Text className='dialog__line'>{review.method === 'pickup' ? '领取后请到店出示会员码自提。' : '领取后我们会尽快寄出，可在本页查看物流。'}</Text>
            <Text className='dialog__line dialog__line--warn'>每档礼品限领一次，提交后领取方式不可修改。</Text>
          </ConfirmDialog>
        ) : null}
      </SignInGate>
    </View>
  );
}

export default observer(GiftsPage);
