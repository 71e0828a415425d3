import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { SignInGate } from '../../components/sign-in-gate';
import { termText } from '../../format/date';
import { useStores } from '../../stores/context';
import './index.css';

/** Membership plans and spend-tier gifts as configured (catalog.settings). Buying comes later. */
function MemberPage() {
  const root = useStores();
  const { session, catalog } = root;

  useEffect(() => {
    if (session.isLoggedIn) void catalog.ensureLoaded();
  }, [session.isLoggedIn, catalog]);

  const settings = catalog.settings;

  return (
    <View className='page member'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {!settings && catalog.error ? (
          <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />
        ) : !settings ? (
          <LoadingView />
        ) : (
          <View id='membership-plans'>
            <Text className='section-title'>会员方案</Text>
            {settings.membershipPlans.length === 0 ? <EmptyView text='暂未开放会员方案。' /> : null}
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
                    {plan.giftPack.items.length > 0 ? (
                      <Text className='member-plan__gift-items'>{plan.giftPack.items.join('、')}</Text>
                    ) : null}
                  </View>
                ) : null}
              </View>
            ))}

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
          </View>
        )}
      </SignInGate>
    </View>
  );
}

export default observer(MemberPage);
