import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
// Shared components first, in the order every page loads them (one shared CSS chunk; see the member page).
import '../../../components/confirm-dialog';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { PayHost } from '../../../components/pay-sheet';
import { SignInGate } from '../../../components/sign-in-gate';
import { useStores } from '../../../stores/context';
import { PAY_HOST_ORDER } from '../../../stores/orders-store';
import { DetailActions } from './components/actions';
import { FulfilmentCard } from './components/fulfilment-card';
import { DetailHead } from './components/head';
import { LinesCard } from './components/lines-card';
import { PaymentCard, RefundsCard } from './components/payment-card';
import '../orders.css';

/** 订单详情: lines and amounts as the server priced them, refunds, and the actions the order's state allows. */
function OrderDetailPage() {
  const root = useStores();
  const { session, orders } = root;
  const orderId = useRouter().params.orderId ?? '';

  useEffect(() => {
    if (session.isLoggedIn && orderId) void orders.open(orderId);
  }, [session.isLoggedIn, orders, orderId]);

  const o = orders.detail?.orderId === orderId ? orders.detail : undefined;

  let body;
  if (!o && orders.detailRead.error) {
    body = <ErrorView message={orders.detailRead.error} onRetry={() => void orders.open(orderId)} />;
  } else if (!o) {
    body = <LoadingView text='正在加载订单…' />;
  } else {
    const payable = o.status === 'created' && o.payWith === 'wechat' && o.payDeadline > Date.now();
    body = (
      <View id='order-detail'>
        <DetailHead o={o} payable={payable} />
        <NoticeBar id='order-notice' notice={orders.notice} onClose={() => orders.dismissNotice()} />
        <LinesCard o={o} />
        {o.fulfilment && (o.fulfilment.state !== 'delivered' || o.delivery) ? <FulfilmentCard f={o.fulfilment} delivery={o.delivery} /> : null}
        <PaymentCard o={o} />
        {o.refunds.length > 0 ? <RefundsCard o={o} /> : null}
        {o.kind !== 'product' && o.status === 'paid' ? (
          <Text className='detail-hint'>{o.kind === 'membership' ? '会员费退款请在「会员」页办理。' : '储值退款请在「钱包」页办理。'}</Text>
        ) : null}
        <DetailActions orders={orders} o={o} payable={payable} payBusy={root.pay.busy} />
      </View>
    );
  }

  return (
    <View className='page orders'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        <PayHost host={PAY_HOST_ORDER} />
      </SignInGate>
    </View>
  );
}

export default observer(OrderDetailPage);
