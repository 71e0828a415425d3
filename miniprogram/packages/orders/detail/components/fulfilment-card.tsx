import { Text, View } from '@tarojs/components';
import { dateTime } from '../../../../format/date';
import { deliveryText } from '../../../../format/delivery';
import type { OrderView } from '../../../../services/order';

type Fulfilment = NonNullable<OrderView['fulfilment']>;

/** 配送: where the goods are (备货 / 已发货 with tracking / 已取货) and how they reach the customer. */
export function FulfilmentCard({ f, delivery }: { f: Fulfilment; delivery: OrderView['delivery'] }) {
  return (
    <View className='card' id='order-fulfilment'>
      <Text className='detail-title'>配送</Text>
      <View className='detail-row'>
        <Text className='muted'>状态</Text>
        <Text className={`detail-fulfilment detail-fulfilment--${f.state}`} id='order-fulfilment-state'>
          {f.label}
        </Text>
      </View>
      {f.state === 'shipped' ? (
        <View className='detail-row'>
          <Text className='muted'>物流</Text>
          <Text id='order-tracking'>{[f.carrierName ?? f.carrier, f.trackingNo].filter(Boolean).join(' ')}</Text>
        </View>
      ) : null}
      {f.at && (f.state === 'shipped' || f.state === 'picked-up') ? (
        <View className='detail-row'>
          <Text className='muted'>{f.state === 'shipped' ? '发货时间' : '取货时间'}</Text>
          <Text>{dateTime(f.at)}</Text>
        </View>
      ) : null}
      {delivery ? (
        <View className='detail-row'>
          <Text className='muted'>{delivery.method === 'address' ? '收货信息' : '取货方式'}</Text>
          <Text className='detail-delivery' id='order-delivery'>
            {deliveryText(delivery)}
          </Text>
        </View>
      ) : null}
      {f.state === 'pending' ? (
        <Text className='detail-hint' id='order-fulfilment-hint'>
          {delivery?.method === 'pickup' ? '请到店出示订单取货。' : '商家正在备货，发货后可在此查看物流单号。'}
        </Text>
      ) : null}
    </View>
  );
}
