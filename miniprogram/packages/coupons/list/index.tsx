import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { beforeFirstLoad, EmptyView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { HOME_URL } from '../../../format/routes';
import { GatedPage } from '../../../components/sign-in-gate';
import { useStores } from '../../../stores/context';
import type { ClaimableView, CouponView } from '../../../services/coupon';
import { couponNote } from '../format';
import { COUPON_TABS, useMyCoupons, type MyCouponsStore } from '../stores/my-coupons-store';
import '../coupons.css';

/** One coupon: the face on the left, name, terms and what it is good for (or what happened) on the right. */
function CouponCard({ c, index }: { c: CouponView; index: number }) {
  const live = c.status === 'available' || c.status === 'not-started' || c.status === 'reserved';
  const id = `coupon-${index}`;
  return (
    <View className={`surface coupon ${live ? '' : 'coupon--off'}`} id={id}>
      <View className='coupon__face'>
        <Text className='coupon__face-value'>{c.face}</Text>
        <Text className='coupon__face-sub'>{c.minSpendFen > 0 ? `满${formatYuan(c.minSpendFen)}可用` : '无门槛'}</Text>
      </View>
      <View className='coupon__body'>
        <View className='coupon__head'>
          <Text className='coupon__name'>{c.name}</Text>
          <Text className={`coupon__status coupon__status--${c.status}`} id={`${id}-status`}>
            {c.statusLabel}
          </Text>
        </View>
        <Text className='coupon__offer'>{c.offerLabel}</Text>
        <Text className='coupon__terms'>{c.scope}</Text>
        {c.nextPurchaseOnly ? <Text className='coupon__badge'>仅限领取后的下一笔订单</Text> : null}
        <Text className='coupon__note' id={`${id}-note`}>
          {couponNote(c)}
        </Text>
        {c.status === 'available' ? (
          <Text className='coupon__use link' id={`${id}-use`} onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            去使用 ›
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** A published coupon the customer may claim (领取), or why not (已领取 / 已领完). */
const ClaimRow = observer(function ClaimRow({ t, index, store }: { t: ClaimableView; index: number; store: MyCouponsStore }) {
  const id = `claim-${index}`;
  return (
    <View className='surface coupon-claim' id={id}>
      <View className='coupon-claim__face'>
        <Text className='coupon-claim__face-value'>{t.face}</Text>
      </View>
      <View className='coupon-claim__body'>
        <Text className='coupon-claim__name'>{t.name}</Text>
        <Text className='coupon-claim__offer'>
          {t.offerLabel} · {t.validityText}
        </Text>
        {t.remaining !== undefined && t.canClaim ? <Text className='coupon-claim__left'>仅剩 {t.remaining} 张</Text> : null}
      </View>
      {t.canClaim ? (
        <Button className='btn btn--small btn--primary coupon-claim__btn' id={`${id}-btn`} disabled={store.claimingId !== undefined || undefined} onClick={() => void store.claim(t.templateId)}>
          {store.claimingId === t.templateId ? '领取中…' : '领取'}
        </Button>
      ) : (
        <Text className='coupon-claim__done' id={`${id}-note`}>
          {t.note}
        </Text>
      )}
    </View>
  );
});

/** 我的优惠券: 领券 on top, then 可使用 / 已使用 / 已过期. */
function MyCouponsPage() {
  const root = useStores();
  const { session } = root;
  const store = useMyCoupons();

  useEffect(() => {
    if (session.isLoggedIn) void store.ensureLoaded();
  }, [session.isLoggedIn, store]);
  // Coupons change with orders placed elsewhere and with time (expiry): always current when shown.
  useDidShow(() => {
    if (session.isLoggedIn && store.loaded) void store.load();
  });
  usePullDownRefresh(() => {
    void store.load().finally(() => Taro.stopPullDownRefresh());
  });

  let body = beforeFirstLoad(store.loaded, store.error, () => void store.load());
  if (!body)
    body = (
      <View id='my-coupons'>
        <NoticeBar id='coupons-notice' notice={store.notice} onClose={() => store.dismissNotice()} />
        {store.claimables.length > 0 ? (
          <View className='coupon-claims' id='claims'>
            <Text className='section-title'>领券中心</Text>
            {store.claimables.map((t, i) => (
              <ClaimRow key={t.templateId} t={t} index={i} store={store} />
            ))}
          </View>
        ) : null}
        <View className='coupon-tabs' id='coupon-tabs'>
          {COUPON_TABS.map((t) => (
            <View key={t.tab} className={`coupon-tabs__tab ${store.tab === t.tab ? 'coupon-tabs__tab--on' : ''}`} id={`tab-${t.tab}`} onClick={() => store.setTab(t.tab)}>
              <Text>
                {t.label} {store.count(t.tab)}
              </Text>
            </View>
          ))}
        </View>
        <View id='coupon-list'>
          {store.shown.length === 0 ? <EmptyView text={COUPON_TABS.find((t) => t.tab === store.tab)!.empty} /> : store.shown.map((c, i) => <CouponCard key={c.couponId} c={c} index={i} />)}
        </View>
        <Text className='coupons-footnote'>下单时自动为您选用最省的券；会员价与优惠券是否叠加以结算页说明为准。</Text>
      </View>
    );

  return <GatedPage className='coupons'>{body}</GatedPage>;
}

export default observer(MyCouponsPage);
