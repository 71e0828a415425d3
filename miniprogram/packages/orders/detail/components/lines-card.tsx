import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import { yuan2 } from '../../../../format/yuan';
import type { OrderView } from '../../../../services/order';
import { KIND_LABELS } from '../../labels';

/** What was bought, as the server priced it (member price beside the list price), and 实付. */
export function LinesCard({ o }: { o: OrderView }) {
  return (
    <View className='card'>
      <Text className='detail-title'>
        {KIND_LABELS[o.kind]} · {o.title}
      </Text>
      {o.lines.map((l) => (
        <View key={l.productId} className='detail-line' id={`line-${l.productId}`}>
          <View className='detail-line__main'>
            <Text className='detail-line__name'>{l.name}</Text>
            <View className='detail-line__tags'>
              {l.kind === 'trial' ? <Text className='badge badge--trial'>体验装</Text> : null}
              {l.memberPriceApplied ? <Text className='badge badge--member'>会员价</Text> : null}
              {l.refundedQty > 0 ? <Text className='badge detail-line__refunded'>已退 {l.refundedQty} 件</Text> : null}
            </View>
          </View>
          <View className='detail-line__price'>
            <Text className='detail-line__unit'>
              {formatYuan(l.unitFen)} × {l.qty}
            </Text>
            {l.memberPriceApplied ? <Text className='detail-line__list'>{formatYuan(l.listUnitFen)}</Text> : null}
          </View>
        </View>
      ))}
      {o.membership ? <Text className='detail-note'>会员方案：{o.membership.planName}</Text> : null}
      {o.topUp ? (
        <Text className='detail-note'>
          充值本金 {formatYuan(o.topUp.principalFen)}
          {o.topUp.bonusFen ? `，赠送 ${formatYuan(o.topUp.bonusFen)}` : ''}
        </Text>
      ) : null}
      <View className='detail-row detail-row--total'>
        <Text>{o.status === 'created' || o.status === 'cancelled' ? '应付' : '实付'}</Text>
        <Text className='detail-total' id='order-total'>
          {yuan2(o.totalFen)}
        </Text>
      </View>
    </View>
  );
}
