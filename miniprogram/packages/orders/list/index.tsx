import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { beforeFirstLoad, EmptyView } from '../../../components/load-state';
import { ProductThumb } from '../../../components/product-thumb';
import { SignInGate } from '../../../components/sign-in-gate';
import { dateTime } from '../../../format/date';
import { orderFulfilmentText } from '../../../format/delivery';
import { orderDetailUrl } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { CUSTOMER_ORDER_TABS, CUSTOMER_ORDER_TAB_EMPTY, CUSTOMER_ORDER_TAB_LABELS } from '@shared/orders/customer-tabs';
import type { OrderView } from '../../../services/order';
import type { OrdersStore } from '../../../stores/orders-store';
import { KIND_LABELS, statusTone } from '../labels';
import '../orders.css';

/** 全部 / 待付款 / 待发货 / 待自提 / 待收货 / 退款售后, each with how many orders it holds. */
const Tabs = observer(function Tabs({ orders }: { orders: OrdersStore }) {
  return (
    <View className='orders-tabs' id='order-tabs'>
      {CUSTOMER_ORDER_TABS.map((t) => {
        const count = t === 'all' ? 0 : (orders.counts?.[t] ?? 0);
        return (
          <View key={t} className={`orders-tabs__tab ${orders.tab === t ? 'orders-tabs__tab--on' : ''}`} id={`order-tab-${t}`} onClick={() => orders.setTab(t)}>
            <Text className='orders-tabs__label'>{CUSTOMER_ORDER_TAB_LABELS[t]}</Text>
            {count > 0 ? (
              <Text className='orders-tabs__count' id={`order-tab-${t}-count`}>
                {count > 99 ? '99+' : count}
              </Text>
            ) : null}
          </View>
        );
      })}
    </View>
  );
});

/** What the card's foot says: what to do next, or what happened to the money. */
function hintOf(o: OrderView): string {
  if (o.status === 'created') return '待付款，点击继续支付';
  if (o.refundedFen > 0) return `已退款 ${formatYuan(o.refundedFen)}`;
  return o.canRefund ? '支持无理由退款' : '';
}

const OrderCard = observer(function OrderCard({ o }: { o: OrderView }) {
  const { catalog } = useStores();
  const first = o.lines[0];
  const product = first ? (catalog.productById(first.productId) ?? { name: first.name, kind: first.kind }) : { name: o.title };
  const more = o.lines.length > 1 ? `等 ${o.lines.reduce((n, l) => n + l.qty, 0)} 件` : first && first.qty > 1 ? `× ${first.qty}` : '';
  return (
    <View className='surface order-card' id={`order-${o.orderId}`} onClick={() => void Taro.navigateTo({ url: orderDetailUrl(o.orderId) })}>
      <View className='order-card__head'>
        <Text className='order-card__kind'>{KIND_LABELS[o.kind]}</Text>
        <Text className='order-card__time'>{dateTime(o.createdAt)}</Text>
        <Text className={`order-status order-status--${statusTone(o.status)}`}>{o.statusLabel}</Text>
      </View>
      <View className='order-card__main'>
        <ProductThumb product={product} className='order-card__thumb' id={`order-${o.orderId}-img`} lazy />
        <View className='order-card__what'>
          <Text className='order-card__title'>{o.title}</Text>
          {more ? <Text className='order-card__more'>{more}</Text> : null}
          {o.fulfilment && o.fulfilment.state !== 'delivered' && o.kind === 'product' ? (
            <Text className={`order-card__fulfilment order-card__fulfilment--${o.fulfilment.state}`} id={`order-${o.orderId}-fulfilment`}>
              {orderFulfilmentText(o.fulfilment)}
            </Text>
          ) : null}
        </View>
      </View>
      <View className='order-card__foot'>
        <Text className='order-card__hint'>{hintOf(o)}</Text>
        <Text className='order-card__total'>
          {o.status === 'created' ? '应付 ' : '实付 '}
          {formatYuan(o.totalFen, { trimZeros: false })}
        </Text>
      </View>
    </View>
  );
});

/** 我的订单: by tab (counts on the tabs), newest first, paged by the server's cursor. */
function OrderListPage() {
  const root = useStores();
  const { session, orders } = root;

  useEffect(() => {
    if (session.isLoggedIn) {
      void orders.ensureLoaded();
      // Thumbnails come from the catalog (the home page usually loaded it already).
      void root.catalog.ensureLoaded();
    }
  }, [session.isLoggedIn, orders, root]);

  useDidShow(() => {
    if (session.isLoggedIn && orders.list.loaded) void orders.load();
  });
  usePullDownRefresh(() => {
    void orders.load().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void orders.loadMore());

  const list = orders.list;
  let body = beforeFirstLoad(list.loaded, list.error, () => void orders.load(), '正在加载订单…');
  if (!body && list.isEmpty) body = <EmptyView text={CUSTOMER_ORDER_TAB_EMPTY[orders.tab]} />;
  else if (!body)
    body = (
      <View id='order-list'>
        {list.items.map((o) => (
          <OrderCard key={o.orderId} o={o} />
        ))}
        {list.error ? <Text className='orders__error'>{list.error}</Text> : null}
        {list.hasMore ? (
          <Button className='btn btn--ghost btn--small orders__more' id='orders-more' disabled={list.loadingMore || undefined} onClick={() => void orders.loadMore()}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        ) : (
          <Text className='orders__end'>没有更多订单了</Text>
        )}
      </View>
    );

  return (
    <View className='page orders'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        <Tabs orders={orders} />
        {body}
      </SignInGate>
    </View>
  );
}

export default observer(OrderListPage);
