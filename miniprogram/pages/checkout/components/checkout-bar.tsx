import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { CheckoutStore } from '../../../stores/checkout-store';
import type { CouponPickerStore } from '../../../stores/coupon-picker-store';

/** What the submit button says: why it cannot be tapped, that it is busy, or how this order is paid. */
function submitLabel(checkout: CheckoutStore, soldOut: boolean): string {
  if (soldOut) return '已售罄';
  if (checkout.trialUse) return '已购买过';
  if (checkout.placing || checkout.quoting) return '处理中…';
  if (checkout.payWith === 'wechat') return '微信支付';
  if (checkout.payWith === 'combined') return checkout.pendingCombinedFen !== undefined ? '继续组合支付' : '组合支付';
  return '余额支付';
}

/** 合计 and the submit button, fixed at the bottom. */
export const CheckoutBar = observer(function CheckoutBar({ checkout, coupons, soldOut, payBusy }: { checkout: CheckoutStore; coupons: CouponPickerStore; soldOut: boolean; payBusy: boolean }) {
  const trialUse = checkout.trialUse;
  return (
    <View className='checkout-bar'>
      <View className='checkout-bar__sum'>
        <Text className='checkout-bar__label'>合计</Text>
        <Text className='checkout-bar__total' id='checkout-total'>
          {formatYuan(checkout.totalFen ?? checkout.estimateFen!)}
        </Text>
        {coupons.selected ? (
          <Text className='checkout-bar__tag' id='checkout-coupon-tag'>
            已减{formatYuan(coupons.selected.discountFen)}
          </Text>
        ) : checkout.memberPriceApplies ? (
          <Text className='checkout-bar__tag'>会员价</Text>
        ) : null}
      </View>
      <Button
        className={`btn ${trialUse ? 'btn--ghost' : checkout.payWith === 'balance' ? 'btn--dark' : 'btn--wechat'} checkout-bar__submit`}
        id='checkout-submit'
        disabled={checkout.placing || checkout.quoting || payBusy || trialUse !== undefined || soldOut || undefined}
        onClick={() => void checkout.place()}
      >
        {submitLabel(checkout, soldOut)}
      </Button>
    </View>
  );
});
