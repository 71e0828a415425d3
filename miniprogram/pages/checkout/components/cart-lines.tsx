import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { shownPrice } from '@shared/membership/savings';
import { formatYuan } from '@shared/money/format';
import { ProductThumb } from '../../../components/product-thumb';
import type { CheckoutStore } from '../../../stores/checkout-store';
import type { MembershipStore } from '../../../stores/membership-store';

/** 去结算: the cart lines being ordered, each at the price shown to this customer × its quantity. */
export const CartLines = observer(function CartLines({ checkout, membership }: { checkout: CheckoutStore; membership: MembershipStore }) {
  return (
    <View className='card checkout-lines' id='checkout-lines'>
      {checkout.lines.map(({ product, qty }) => {
        const price = shownPrice(product, membership.isActive);
        return (
          <View className='checkout-lines__row' key={product._id} id={`checkout-line-${product._id}`}>
            <ProductThumb product={product} className='checkout-lines__thumb' />
            <View className='checkout-lines__body'>
              <Text className='checkout-lines__name'>{product.name}</Text>
              <View className='checkout-lines__meta'>
                <Text className='checkout-lines__price'>{formatYuan(price.unitFen)}</Text>
                {price.memberPriceApplies ? <Text className='checkout-lines__tag'>会员价</Text> : null}
                <Text className='checkout-lines__qty'>×{qty}</Text>
              </View>
              {product.soldOut ? <Text className='badge badge--soldout'>已售罄</Text> : null}
            </View>
          </View>
        );
      })}
    </View>
  );
});
