import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { yuan2 } from '../../../format/yuan';
import type { CheckoutStore } from '../../../stores/checkout-store';
import type { CombinedQuote } from '../../../services/order';

/** One line of the split: what it is, and how much. */
function Row({ label, id, value, sub, cash }: { label: string; id: string; value: string; sub?: boolean; cash?: boolean }) {
  return (
    <View className={sub ? 'combined-confirm__row combined-confirm__row--sub' : 'combined-confirm__row'}>
      <Text className='muted'>{label}</Text>
      <Text id={id} className={cash ? 'combined-confirm__cash' : undefined}>
        {value}
      </Text>
    </View>
  );
}

/** 确认组合支付: the server's split of the order between balance (principal / bonus) and WeChat. */
export const CombinedConfirm = observer(function CombinedConfirm({ checkout, quote, payBusy }: { checkout: CheckoutStore; quote: CombinedQuote; payBusy: boolean }) {
  return (
    <View className='card combined-confirm' id='combined-confirm'>
      <Text className='combined-confirm__title'>确认组合支付</Text>
      <Row label='订单金额' id='combined-total' value={yuan2(quote.totalFen)} />
      <Row label='储值余额支付' id='combined-balance' value={yuan2(quote.balanceFen)} />
      <Row label='其中本金 / 赠送' id='combined-split' value={`本金 ${yuan2(quote.principalFen)} · 赠送 ${yuan2(quote.bonusFen)}`} sub />
      <Row label='微信支付' id='combined-cash' value={yuan2(quote.cashFen)} cash />
      <Text className='combined-confirm__note'>余额部分现在为本单保留，微信支付完成后才扣除；未支付、取消或超时关闭时不扣余额，保留自动解除。</Text>
      <View className='action-row combined-confirm__actions'>
        <Button className='btn btn--small btn--ghost' id='combined-back' onClick={() => checkout.closeCombined()}>
          返回修改
        </Button>
        <Button className='btn btn--small btn--wechat' id='combined-confirm-pay' disabled={checkout.placing || payBusy || undefined} onClick={() => void checkout.confirmCombined()}>
          {checkout.placing ? '处理中…' : `确认，微信支付 ${yuan2(quote.cashFen)}`}
        </Button>
      </View>
    </View>
  );
});
