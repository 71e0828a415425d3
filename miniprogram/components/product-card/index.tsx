import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import type { PublicProduct } from '@shared/schemas/product';
import { monthDay } from '../../format/date';
import './index.css';

export interface ProductCardProps {
  product: PublicProduct;
  /** Name of the full product a trial leads to, when it is in the catalog. */
  fullProductName?: string;
  /** Render time, so "members only until" disappears once the window has passed. */
  now: number;
  /** Opens the product (checkout). */
  onTap?: () => void;
}

export function ProductCard({ product, fullProductName, now, onTap }: ProductCardProps) {
  const isTrial = product.kind === 'trial';
  const earlyUntil = product.memberEarlyAccessUntil;
  const membersOnlyUntil = earlyUntil !== undefined && earlyUntil > now ? earlyUntil : undefined;
  return (
    <View className='product-card' id={`product-${product._id}`} onClick={onTap}>
      <View className={`product-card__thumb ${isTrial ? 'product-card__thumb--trial' : ''}`}>
        <Text className='product-card__thumb-text'>{product.name.slice(0, 1)}</Text>
      </View>
      <View className='product-card__body'>
        <Text className='product-card__name'>{product.name}</Text>
        {product.description ? <Text className='product-card__desc'>{product.description}</Text> : null}
        {isTrial || membersOnlyUntil !== undefined ? (
          <View className='product-card__badges'>
            {isTrial ? <Text className='badge badge--trial'>体验装 · 每人限购一次</Text> : null}
            {membersOnlyUntil !== undefined ? <Text className='badge badge--member'>会员专享 至 {monthDay(membersOnlyUntil)}</Text> : null}
          </View>
        ) : null}
        {isTrial && fullProductName ? <Text className='product-card__full'>正装：{fullProductName}</Text> : null}
        <View className='product-card__prices'>
          <Text className='product-card__price'>{formatYuan(product.priceFen)}</Text>
          {product.memberPriceFen !== undefined ? (
            <Text className='product-card__member-price'>会员价 {formatYuan(product.memberPriceFen)}</Text>
          ) : null}
          {onTap ? <Text className='product-card__buy'>购买 ›</Text> : null}
        </View>
      </View>
    </View>
  );
}
