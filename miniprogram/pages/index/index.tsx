import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Input, ScrollView, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { CartEntry } from '../../components/cart-entry';
import { ProductCard } from '../../components/product-card';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { SignInGate } from '../../components/sign-in-gate';
import { useNow } from '../../components/use-now';
import { WelcomeCard } from '../../components/welcome-card';
import { CART_URL, MEMBER_CODE_URL, MEMBER_URL, MY_COUPONS_URL, ORDER_LIST_URL, productUrl, SURVEY_URL } from '../../format/routes';
import { ALL_CATEGORIES } from '../../stores/catalog-store';
import { useStores } from '../../stores/context';
import type { RootStore } from '../../stores/root-store';
import './index.css';

/** Search box and the cart with its count. */
const TopBar = observer(function TopBar({ root }: { root: RootStore }) {
  const { catalog, cart } = root;
  return (
    <View className='home__top'>
      <View className='home__search'>
        <Text className='home__search-icon'>搜</Text>
        <Input
          className='home__search-input'
          id='home-search'
          type='text'
          confirmType='search'
          placeholder='搜索商品，如 面霜、精华'
          value={catalog.query}
          onInput={(e) => catalog.setQuery(e.detail.value)}
        />
        {catalog.query ? (
          <Text className='home__search-clear' id='home-search-clear' onClick={() => catalog.setQuery('')}>
            ×
          </Text>
        ) : null}
      </View>
      <CartEntry count={cart.count} id='home-cart' onTap={() => void Taro.navigateTo({ url: CART_URL })} />
    </View>
  );
});

type Banner = NonNullable<NonNullable<RootStore['catalog']['settings']>['homeBanner']>;

/** 首页横幅: the slot the operator fills (设置 › 首页横幅); a tap goes where they chose. */
function OperatorBanner({ banner }: { banner: Banner }) {
  const go = () => {
    if (banner.target === 'product' && banner.productId) void Taro.navigateTo({ url: productUrl(banner.productId) });
    else if (banner.target === 'member') void Taro.switchTab({ url: MEMBER_URL });
    else void Taro.navigateTo({ url: MY_COUPONS_URL });
  };
  return (
    <View className='home__promo' id='home-banner' onClick={go}>
      <View className='home__promo-main'>
        <Text className='home__promo-title'>{banner.title}</Text>
        {banner.subtitle ? <Text className='home__promo-sub'>{banner.subtitle}</Text> : null}
      </View>
      <Text className='home__promo-go'>去看看 ›</Text>
    </View>
  );
}

/** Shortcuts a shopper looks for on a mall's home: coupons, orders, the member code. */
function Entries({ isMember }: { isMember: boolean }) {
  const entries = [
    { id: 'entry-coupons', label: '领券中心', go: () => void Taro.navigateTo({ url: MY_COUPONS_URL }) },
    { id: 'entry-orders', label: '我的订单', go: () => void Taro.navigateTo({ url: ORDER_LIST_URL }) },
    isMember
      ? { id: 'entry-member-code', label: '会员码', go: () => void Taro.navigateTo({ url: MEMBER_CODE_URL }) }
      : { id: 'entry-member', label: '开通会员', go: () => void Taro.switchTab({ url: MEMBER_URL }) },
  ];
  return (
    <View className='home__entries'>
      {entries.map((e) => (
        <View key={e.id} className='home__entry' id={e.id} onClick={e.go}>
          <Text className='home__entry-text'>{e.label}</Text>
        </View>
      ))}
    </View>
  );
}

function HomePage() {
  const root = useStores();
  const { session, catalog, membership, trials, welcome, cart } = root;

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    // Secondary: who is a member (member prices lead, badges) and which trials were bought (已购买过),
    // and the cart's count. Any failing leaves the cards in their default state; the server decides at checkout.
    void membership.ensureLoaded();
    void trials.ensureLoaded();
    void cart.ensureLoaded();
  }, [session.isLoggedIn, catalog, membership, trials, cart]);

  // Back from a checkout: a trial bought there is now 已购买过 (the store was marked stale). Back
  // from 注销账号: every store was reset while this page stayed mounted, so load what is missing.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    void membership.ensureLoaded();
    void trials.ensureLoaded();
    void cart.ensureLoaded();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), trials.load(), cart.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const plan = catalog.settings?.membershipPlans[0];
  const isMember = membership.isActive;
  // Re-renders every minute so the members-only countdown keeps moving.
  const now = useNow();
  const groups = catalog.visibleGroups;

  let list;
  if (catalog.loading && !catalog.loaded) list = <LoadingView text='正在加载商品…' />;
  else if (catalog.error) list = <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />;
  else if (catalog.isEmpty) list = <EmptyView text='暂时没有在售商品，稍后再来看看吧。' />;
  else if (groups.length === 0) {
    list = (
      <View className='home__no-match' id='home-no-match'>
        <Text className='home__no-match-text'>{catalog.query ? `没有找到与「${catalog.query}」相关的商品，换个词试试。` : '这个分类暂时没有商品。'}</Text>
        <Text
          className='link'
          id='home-show-all'
          onClick={() => {
            catalog.setQuery('');
            catalog.setCategory(ALL_CATEGORIES);
          }}
        >
          查看全部商品
        </Text>
      </View>
    );
  } else {
    list = (
      <View id='product-list' className='home__list'>
        {groups.map((g) => (
          <View key={g.category} className='home__group'>
            <Text className='section-title'>{g.category}</Text>
            {g.products.map((p) => (
              <ProductCard
                key={p._id}
                onTap={() => void Taro.navigateTo({ url: productUrl(p._id) })}
                product={p}
                now={now}
                isMember={isMember}
                trialUse={p.kind === 'trial' ? trials.useOf(p._id) : undefined}
                fullProductName={p.fullProductId ? catalog.productById(p.fullProductId)?.name : undefined}
              />
            ))}
          </View>
        ))}
      </View>
    );
  }

  return (
    <View className='page home'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        <TopBar root={root} />
        {welcome.showWelcome ? (
          <WelcomeCard perks={plan?.benefits ?? []} onStart={() => void Taro.navigateTo({ url: SURVEY_URL })} onLater={() => welcome.later()} />
        ) : null}
        {catalog.settings?.homeBanner ? <OperatorBanner banner={catalog.settings.homeBanner} /> : null}
        {isMember ? (
          <View className='home__member' id='member-strip' onClick={() => void Taro.switchTab({ url: MEMBER_URL })}>
            <Text className='home__member-title'>尊享会员 · 会员价已自动生效</Text>
            <Text className='home__member-link'>我的会员卡 ›</Text>
          </View>
        ) : plan ? (
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
        <Entries isMember={isMember} />

        {catalog.loaded && catalog.categories.length > 2 ? (
          <ScrollView className='home__tabs' id='category-tabs' scrollX enableFlex>
            {catalog.categories.map((c) => (
              <Text key={c} className={`home__tab ${catalog.category === c ? 'home__tab--on' : ''}`} id={`category-${c}`} onClick={() => catalog.setCategory(c)}>
                {c}
              </Text>
            ))}
          </ScrollView>
        ) : null}
        {list}
      </SignInGate>
    </View>
  );
}

export default observer(HomePage);
