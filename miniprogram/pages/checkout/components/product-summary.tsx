import { Image, Text, View } from '@tarojs/components';
import type { PublicProduct } from '@shared/schemas/product';
import type { EarlyAccessBadge } from '../../../format/countdown';

/** The product being bought: cover (or its first character), name, description and badges. */
export function ProductSummary({ product, early, trialUsed }: { product: PublicProduct; early: EarlyAccessBadge | undefined; trialUsed: boolean }) {
  const isTrial = product.kind === 'trial';
  const cover = product.images?.[0] ?? product.imageUrl;
  return (
    <View className='card checkout-product' id='checkout-product'>
      {cover ? (
        <Image className='checkout-product__thumb product-thumb product-thumb--img' id='checkout-product-img' src={cover} mode='aspectFill' />
      ) : (
        <View className={`checkout-product__thumb product-thumb ${isTrial ? 'product-thumb--trial' : ''}`}>
          <Text className='product-thumb__text'>{product.name.slice(0, 1)}</Text>
        </View>
      )}
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
