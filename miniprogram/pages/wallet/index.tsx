import { useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
// The shared components this page's parts use, first and in the order every page loads them: their
// stylesheets go to one shared CSS chunk, which has no consistent order otherwise (see the member page).
import '../../components/choice';
import '../../components/confirm-dialog';
import { ErrorView, LoadingView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { useStores } from '../../stores/context';
import { PAY_HOST_WALLET } from '../../stores/wallet-store';
import { BalanceCard } from './components/balance-card';
import { Ledger } from './components/ledger';
import { WalletRefundCard, WalletRefundDialog } from './components/refund';
import { CardTermsCard, TermsDialog } from './components/terms';
import { TopUp } from './components/top-up';
import './index.css';

/** 钱包: balance (本金/赠送), top-up (充X送Y or custom, card terms), the ledger, and refund of unused principal. */
function WalletPage() {
  const root = useStores();
  const { session, catalog, wallet } = root;
  const [termsOpen, setTermsOpen] = useState(false);
  const [refundOpen, setRefundOpen] = useState(false);

  useEffect(() => {
    if (session.isLoggedIn) {
      void catalog.ensureLoaded();
      void wallet.ensureLoaded();
    }
  }, [session.isLoggedIn, catalog, wallet]);

  // Balance payments and refunds happen on other pages: show the current balance on return. After
  // 注销账号 the stores were reset while this page stayed mounted: load them afresh.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    void catalog.ensureLoaded();
    if (!wallet.loaded) void wallet.ensureLoaded();
    else if (!wallet.toppingUp) void wallet.load();
  });

  usePullDownRefresh(() => {
    void Promise.all([catalog.load(), wallet.load()]).finally(() => Taro.stopPullDownRefresh());
  });

  const settings = catalog.settings;
  const balance = wallet.balance;
  const terms = wallet.terms;
  const quote = wallet.quote;

  const retry = () => {
    void catalog.load();
    void wallet.load();
  };

  const openRefund = () => {
    void wallet.loadQuote().then((q) => q && setRefundOpen(true));
  };

  return (
    <View className='page wallet'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {(!settings && catalog.error) || (!balance && wallet.error) ? (
          <ErrorView message={(catalog.error ?? wallet.error)!} onRetry={retry} />
        ) : !settings || !balance || !terms ? (
          <LoadingView />
        ) : (
          <View id='wallet-content'>
            <BalanceCard balance={balance} capFen={settings.namedBalanceCapFen} />
            <NoticeBar id='wallet-notice' notice={wallet.notice} onClose={() => wallet.dismissNotice()} />
            <TopUp wallet={wallet} settings={settings} terms={terms} payBusy={root.pay.busy} onOpenTerms={() => setTermsOpen(true)} />
            <Text className='section-title'>账户明细</Text>
            <Ledger wallet={wallet} />
            <WalletRefundCard wallet={wallet} onOpen={openRefund} />
            <Text className='section-title'>储值须知</Text>
            <CardTermsCard terms={terms} capFen={settings.namedBalanceCapFen} />
          </View>
        )}
        {termsOpen && terms ? <TermsDialog wallet={wallet} terms={terms} onClose={() => setTermsOpen(false)} /> : null}
        {refundOpen && quote ? <WalletRefundDialog wallet={wallet} quote={quote} onClose={() => setRefundOpen(false)} /> : null}
        <PayHost host={PAY_HOST_WALLET} />
      </SignInGate>
    </View>
  );
}

export default observer(WalletPage);
