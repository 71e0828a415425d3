import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ProductCard } from '../../components/product-card';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { SignInGate } from '../../components/sign-in-gate';
import { useNow } from '../../components/use-now';
import { WelcomeCard } from '../../components/welcome-card';
import { checkoutUrl, MEMBER_URL, SURVEY_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import './index.css';

function HomePage() {
  const root = useStores();
  const { session, catalog, membership, trials, welcome } = root;

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    // Secondary: who is a member (members-only badge) and which trials were bought (已购买过).
    // Either failing leaves the cards in their default state; the server still decides at checkout.
    void membership.ensureLoaded();
    void trials.ensureLoaded();
  }, [session.isLoggedIn, catalog, membership, trials]);

  // Back from a checkout: a trial bought there is now 已购买过 (the store was marked stale). Back
  // from 注销账号: every store was reset while this page stayed mounted, so load what is missing.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    void membership.ensureLoaded();
    void trials.ensureLoaded();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), trials.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const plan = catalog.settings?.membershipPlans[0];
  // Re-renders every minute so the members-only countdown keeps moving.
  const now = useNow();

  return (
    <View className='page home'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {welcome.showWelcome ? (
          <WelcomeCard perks={plan?.benefits ?? []} onStart={() => void Taro.navigateTo({ url: SURVEY_URL })} onLater={() => welcome.later()} />
        ) : null}
        {plan ? (
          <View className='home__banner' id='member-banner' onClick={() => void Taro.switchTab({ url: MEMBER_URL })}>
            <View className='home__banner-main'>
              <Text className='home__banner-title'>{plan.name} · 全场会员价</Text>
              <Text className='home__banner-sub'>
                {formatYuan(plan.priceFen)} / {plan.termDays} 天
                {plan.giftPack ? `，入会即得价值 ${formatYuan(plan.giftPack.valueFen)} 礼包` : ''}
              </Text>
            </View>
            <Text className='home__banner-link'>了解会员 ›</Text>
          </View>
        ) : null}

        {catalog.loading && !catalog.loaded ? (
          <LoadingView text='正在加载商品…' />
        ) : catalog.error ? (
          <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />
        ) : catalog.isEmpty ? (
          <EmptyView text='暂时没有在售商品，稍后再来看看吧。' />
        ) : (
          <View id='product-list' className='home__list'>
            {catalog.groups.map((g) => (
              <View key={g.category} className='home__group'>
                <Text className='section-title'>{g.category}</Text>
                {g.products.map((p) => (
                  <ProductCard
                    key={p._id}
                    onTap={() => void Taro.navigateTo({ url: checkoutUrl(p._id) })}
                    product={p}
                    now={now}
                    isMember={membership.isActive}
                    trialUse={p.kind === 'trial' ? trials.useOf(p._id) : undefined}
                    fullProductName={p.fullProductId ? catalog.productById(p.fullProductId)?.name : undefined}
                  />
                ))}
              </View>
            ))}
          </View>
        )}
      </SignInGate>
    </View>
  );
}

export default observer(HomePage);
