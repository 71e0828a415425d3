import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { SubscribeOffer } from '../../../components/subscribe-prompt';
import { HOME_URL, orderDetailUrl } from '../../../format/routes';
import type { CheckoutStore, PaidSummary } from '../../../stores/checkout-store';
import { yuan2 } from '../../../format/yuan';

const PAID_WITH: Record<PaidSummary['payWith'], string> = { balance: '已从储值余额扣款', combined: '余额+微信组合支付', wechat: '已通过微信支付' };

/** 支付成功: the server's amounts — total, how it was paid, what member price and coupon saved. */
export const PaidView = observer(function PaidView({ checkout, paid }: { checkout: CheckoutStore; paid: PaidSummary }) {
  const saved = checkout.paidMemberSavingsFen;
  return (
    <View className='checkout-success' id='checkout-success'>
      <View className='checkout-success__icon'>
        <Text className='checkout-success__tick'>✓</Text>
      </View>
      <Text className='checkout-success__title'>支付成功</Text>
      <Text className='checkout-success__amount' id='checkout-paid-total'>
        {yuan2(paid.totalFen)}
      </Text>
      <Text className='checkout-success__sub'>
        {PAID_WITH[paid.payWith]} · {paid.title}
      </Text>
      {paid.combined ? (
        <Text className='checkout-success__saved' id='checkout-combined-paid'>
          余额扣款 {yuan2(paid.combined.balanceFen)}（本金 {yuan2(paid.combined.principalFen)} + 赠送 {yuan2(paid.combined.bonusFen)}），微信支付 {yuan2(paid.combined.cashFen)}
        </Text>
      ) : null}
      {saved > 0 ? (
        <Text className='checkout-success__saved' id='checkout-member-saved'>
          已享会员价，节省 {formatYuan(saved)}
        </Text>
      ) : null}
      {paid.coupon ? (
        <Text className='checkout-success__saved' id='checkout-coupon-saved'>
          已用优惠券「{paid.coupon.name}」，节省 {formatYuan(paid.coupon.discountFen)}
        </Text>
      ) : null}
      <View className='checkout-success__actions'>
        <Button className='btn btn--ghost checkout-success__btn' id='checkout-home' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
          继续逛逛
        </Button>
        <Button className='btn btn--dark checkout-success__btn' id='checkout-view-order' onClick={() => void Taro.navigateTo({ url: orderDetailUrl(paid.orderId) })}>
          查看订单
        </Button>
      </View>
      <SubscribeOffer />
    </View>
  );
});
