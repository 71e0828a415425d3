import { copyText } from '../../../../format/clipboard';
import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import { dateTime } from '../../../../format/date';
import { yuan2 } from '../../../../format/yuan';
import type { OrderView } from '../../../../services/order';
import { PAY_WITH_LABELS, REFUND_LABELS, REFUND_PENDING_HINT } from '../../labels';

/** How the order was paid (the balance's principal / bonus split), when, and its number. */
export function PaymentCard({ o }: { o: OrderView }) {
  return (
    <View className='card'>
      <View className='detail-row'>
        <Text className='muted'>支付方式</Text>
        <Text>
          {PAY_WITH_LABELS[o.payWith]}
          {o.balancePaid && !o.combined ? `（本金 ${formatYuan(o.balancePaid.principalFen)} + 赠送 ${formatYuan(o.balancePaid.bonusFen)}）` : ''}
        </Text>
      </View>
      {o.combined ? (
        <View className='detail-row' id='order-combined'>
          <Text className='muted'>{o.status === 'created' ? '已保留余额' : '余额支付'}</Text>
          <Text>
            {formatYuan(o.combined.balanceFen)}（本金 {formatYuan(o.combined.principalFen)} + 赠送 {formatYuan(o.combined.bonusFen)}）· 微信支付 {formatYuan(o.combined.cashFen)}
          </Text>
        </View>
      ) : null}
      <View className='detail-row'>
        <Text className='muted'>下单时间</Text>
        <Text>{dateTime(o.createdAt)}</Text>
      </View>
      {o.paidAt ? (
        <View className='detail-row'>
          <Text className='muted'>支付时间</Text>
          <Text>{dateTime(o.paidAt)}</Text>
        </View>
      ) : null}
      <View className='detail-row'>
        <Text className='muted'>订单编号</Text>
        <View className='detail-id-row'>
          <Text className='detail-id' id='order-id'>
            {o.orderId}
          </Text>
          <Text className='link detail-copy' id='order-id-copy' onClick={() => copyText(o.orderId, '订单编号已复制')}>
            复制
          </Text>
        </View>
      </View>
    </View>
  );
}

/** 退款记录: each refund and where it stands (WeChat refunds take a while to arrive). */
export function RefundsCard({ o }: { o: OrderView }) {
  return (
    <View className='card' id='order-refunds'>
      <Text className='detail-title'>退款记录</Text>
      {o.refunds.map((r, i) => (
        <View key={r.refundId} className='detail-row'>
          <Text className='muted'>{dateTime(r.createdAt)}</Text>
          <Text id={`order-refund-${i}-status`}>
            {yuan2(r.amountFen)} · {REFUND_LABELS[r.status]}
          </Text>
        </View>
      ))}
      {o.payWith === 'wechat' && o.refunds.some((r) => r.status === 'pending') ? (
        <Text className='detail-hint' id='order-refund-hint'>
          {REFUND_PENDING_HINT}
        </Text>
      ) : null}
    </View>
  );
}
