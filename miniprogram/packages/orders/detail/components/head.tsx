import { Text, View } from '@tarojs/components';
import { dateTime } from '../../../../format/date';
import { yuan2 } from '../../../../format/yuan';
import type { OrderView } from '../../../../services/order';
import { statusTone } from '../../labels';

/** What the head says about refunds: money still on its way is not called refunded. */
function refundHeadline(refundedFen: number, refunds: Array<{ amountFen: number; status: string }>): string {
  const onTheWay = refunds.filter((r) => r.status !== 'succeeded').reduce((s, r) => s + r.amountFen, 0);
  if (onTheWay === 0) return `已退款 ${yuan2(refundedFen)}`;
  const done = refundedFen - onTheWay;
  return `退款 ${yuan2(onTheWay)} 处理中${done > 0 ? `，已退回 ${yuan2(done)}` : ''}`;
}

/** The order's status, and what it means now (pay by when, closed, refunds on their way). */
export function DetailHead({ o, payable }: { o: OrderView; payable: boolean }) {
  return (
    <View className={`detail-head detail-head--${statusTone(o.status)}`}>
      <Text className='detail-head__status' id='order-status'>
        {o.statusLabel}
      </Text>
      {o.status === 'created' ? (
        <Text className='detail-head__sub'>{payable ? `请在 ${dateTime(o.payDeadline)} 前完成支付，超时订单将自动关闭。` : '已超过支付时限，订单即将关闭，请重新下单。'}</Text>
      ) : o.status === 'cancelled' ? (
        <Text className='detail-head__sub'>订单已关闭。如需购买请重新下单。</Text>
      ) : o.refundedFen > 0 ? (
        <Text className='detail-head__sub' id='order-refunded-sub'>
          {refundHeadline(o.refundedFen, o.refunds)}
        </Text>
      ) : null}
    </View>
  );
}
