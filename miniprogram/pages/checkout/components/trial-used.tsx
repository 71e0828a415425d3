import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { checkoutUrl, orderDetailUrl } from '../../../format/routes';
import type { CheckoutStore } from '../../../stores/checkout-store';
import type { TrialUseView } from '../../../services/member';

/** This trial was bought before: its order, and the full product instead. */
export const TrialUsedCard = observer(function TrialUsedCard({ checkout, trialUse }: { checkout: CheckoutStore; trialUse: TrialUseView }) {
  const fullProduct = checkout.fullProduct;
  return (
    <View className='card trial-used' id='trial-used'>
      <Text className='trial-used__title'>您已购买过该体验装</Text>
      <Text className='trial-used__text'>
        {fullProduct ? `体验装每人限购一次。满意的话，可直接购买正装「${fullProduct.name}」。` : '体验装每人限购一次，可在「我的订单」中查看您的订单。'}
      </Text>
      <View className='action-row'>
        <Button className='btn btn--small btn--ghost' id='trial-used-order' onClick={() => void Taro.navigateTo({ url: orderDetailUrl(trialUse.orderId) })}>
          查看订单
        </Button>
        {fullProduct ? (
          <Button className='btn btn--small btn--primary' id='trial-used-full' onClick={() => void Taro.redirectTo({ url: checkoutUrl(fullProduct._id) })}>
            购买正装 {formatYuan(checkout.fullProductPriceFen!)}
          </Button>
        ) : null}
      </View>
    </View>
  );
});
