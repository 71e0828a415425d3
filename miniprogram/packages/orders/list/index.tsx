import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { SignInGate } from '../../../components/sign-in-gate';
import { dateTime } from '../../../format/date';
import { orderFulfilmentText } from '../../../format/delivery';
import { orderDetailUrl } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { KIND_LABELS, statusTone } from '../labels';
import '../orders.css';

/** 我的订单: newest first, paged by the server's cursor. */
function OrderListPage() {
  const root = useStores();
  const { session, orders } = root;

  useEffect(() => {
    if (session.isLoggedIn) void orders.ensureLoaded();
  }, [session.isLoggedIn, orders]);

  useDidShow(() => {
    if (session.isLoggedIn && orders.list.loaded) void orders.load();
  });
  usePullDownRefresh(() => {
    void orders.load().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void orders.loadMore());

  return (
    <View className='page orders'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {!orders.list.loaded && orders.list.error ? (
          <ErrorView message={orders.list.error} onRetry={() => void orders.load()} />
        ) : !orders.list.loaded ? (
          <LoadingView text='正在加载订单…' />
        ) : orders.list.isEmpty ? (
          <EmptyView text='还没有订单，去首页逛逛吧。' />
        ) : (
          <View id='order-list'>
            {orders.list.items.map((o) => (
              <View key={o.orderId} className='surface order-card' id={`order-${o.orderId}`} onClick={() => void Taro.navigateTo({ url: orderDetailUrl(o.orderId) })}>
                <View className='order-card__head'>
                  <Text className='order-card__kind'>{KIND_LABELS[o.kind]}</Text>
                  <Text className='order-card__time'>{dateTime(o.createdAt)}</Text>
                  <Text className={`order-status order-status--${statusTone(o.status)}`}>{o.statusLabel}</Text>
                </View>
                <Text className='order-card__title'>{o.title}</Text>
                {o.fulfilment && o.fulfilment.state !== 'delivered' && o.kind === 'product' ? (
                  <Text className={`order-card__fulfilment order-card__fulfilment--${o.fulfilment.state}`} id={`order-${o.orderId}-fulfilment`}>
                    {orderFulfilmentText(o.fulfilment)}
                  </Text>
                ) : null}
                <View className='order-card__foot'>
                  <Text className='order-card__hint'>
                    {o.status === 'created' ? '待支付，点击继续支付' : o.refundedFen > 0 ? `已退款 ${formatYuan(o.refundedFen)}` : o.canRefund ? '支持无理由退款' : ''}
                  </Text>
                  <Text className='order-card__total'>{formatYuan(o.totalFen, { trimZeros: false })}</Text>
                </View>
              </View>
            ))}
            {orders.list.error ? <Text className='orders__error'>{orders.list.error}</Text> : null}
            {orders.list.hasMore ? (
              <Button className='btn btn--ghost btn--small orders__more' id='orders-more' disabled={orders.list.loadingMore || undefined} onClick={() => void orders.loadMore()}>
                {orders.list.loadingMore ? '加载中…' : '加载更多'}
              </Button>
            ) : (
              <Text className='orders__end'>没有更多订单了</Text>
            )}
          </View>
        )}
      </SignInGate>
    </View>
  );
}

export default observer(OrderListPage);
