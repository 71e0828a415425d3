import { Text, View } from '@tarojs/components';
import type { PublicProduct } from '@shared/schemas/product';
import type { EarlyAccessBadge } from '../../../format/countdown';
import { ProductThumb } from '../../../components/product-thumb';

/** The product being bought: cover (or its first character), name, description and badges. */
export function ProductSummary({ product, early, trialUsed }: { product: PublicProduct; early: EarlyAccessBadge | undefined; trialUsed: boolean }) {
  const isTrial = product.kind === 'trial';
  return (
    <View className='card checkout-product' id='checkout-product'>
      <ProductThumb product={product} className='checkout-product__thumb' id='checkout-product-img' />
      <View className='checkout-product__body'>
        <Text className='checkout-product__name'>{product.name}</Text>
        {product.description ? <Text className='checkout-product__desc'>{product.description}</Text> : null}
        <View className='checkout-product__badges'>
          {product.soldOut === true ? (
            <Text className='badge badge--soldout' id='checkout-soldout'>
              已售罄
            </Text>
          ) : null}
          {isTrial ? <Text className='badge badge--trial'>体验装 · 每人限购一次</Text> : null}
          {trialUsed ? <Text className='badge badge--used'>已购买过</Text> : null}
          {early ? (
            <Text className={`badge badge--member ${early.kind === 'countdown' ? 'badge--countdown' : ''}`} id='checkout-early'>
              {early.text}
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
