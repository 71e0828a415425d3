import { useEffect } from 'react';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { EmptyView, ErrorView, LoadingView } from '../../components/load-state';
import { SignInGate } from '../../components/sign-in-gate';
import { useStores } from '../../stores/context';
import './index.css';

/** Stored-value plans, the balance cap and the card terms as configured. Top-up comes later. */
function WalletPage() {
  const root = useStores();
  const { session, catalog } = root;

  useEffect(() => {
    if (session.isLoggedIn) void catalog.ensureLoaded();
  }, [session.isLoggedIn, catalog]);

  const settings = catalog.settings;

  return (
    <View className='page wallet'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {!settings && catalog.error ? (
          <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />
        ) : !settings ? (
          <LoadingView />
        ) : (
          <View id='wallet-info'>
            <Text className='section-title'>储值方案</Text>
            {settings.topUpPlans.length === 0 ? <EmptyView text='暂未开放储值方案。' /> : null}
            <View className='topup-grid' id='topup-plans'>
              {settings.topUpPlans.map((p) => (
                <View key={p.id} id={`topup-${p.id}`} className='topup-plan'>
                  <Text className='topup-plan__main'>充 {formatYuan(p.principalFen)}</Text>
                  {p.bonusFen > 0 ? <Text className='topup-plan__bonus'>送 {formatYuan(p.bonusFen)}</Text> : null}
                  <Text className='topup-plan__total'>到账 {formatYuan(p.principalFen + p.bonusFen)}</Text>
                </View>
              ))}
            </View>
            {settings.customTopUp.enabled ? (
              <Text className='wallet__note'>
                也可自定义充值 {formatYuan(settings.customTopUp.minFen)}–{formatYuan(settings.customTopUp.maxFen)}（不含赠送）。
              </Text>
            ) : null}

            <Text className='section-title'>储值须知</Text>
            <View className='card' id='card-terms'>
              <View className='wallet__cap'>
                <Text className='wallet__cap-label'>储值余额上限</Text>
                <Text className='wallet__cap-value'>{formatYuan(settings.namedBalanceCapFen)}</Text>
              </View>
              {settings.cardTerms.text.split('\n').map((line, i) => (
                <Text key={i} className='wallet__term'>
                  {line}
                </Text>
              ))}
              <Text className='wallet__version'>条款版本 {settings.cardTerms.version}</Text>
            </View>
          </View>
        )}
      </SignInGate>
    </View>
  );
}

export default observer(WalletPage);
