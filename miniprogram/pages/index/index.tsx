import { useEffect } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ProductCard } from '../../components/product-card';
import { checkoutUrl } from '../../format/routes';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { SignInGate } from '../../components/sign-in-gate';
import { useStores } from '../../stores/context';
import './index.css';

function HomePage() {
  const root = useStores();
  const { session, catalog } = root;

  useEffect(() => {
    if (session.isLoggedIn) void catalog.ensureLoaded();
  }, [session.isLoggedIn, catalog]);

  usePullDownRefresh(() => {
    void catalog.load().finally(() => Taro.stopPullDownRefresh());
  });

  const plan = catalog.settings?.membershipPlans[0];
  const now = Date.now();

  return (
    <View className='page home'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {plan ? (
          <View className='home__banner' id='member-banner' onClick={() => void Taro.switchTab({ url: '/pages/member/index' })}>
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
