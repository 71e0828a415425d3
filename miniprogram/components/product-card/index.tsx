import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import type { PublicProduct } from '@shared/schemas/product';
import type { TrialUseView } from '@shared/trials/view';
import { earlyAccessBadge } from '../../format/countdown';
import { ProductThumb } from '../product-thumb';
import './index.css';

export interface ProductCardProps {
  product: PublicProduct;
  /** Name of the full product a trial leads to, when it is in the catalog. */
  fullProductName?: string;
  /** Render time: the members-only countdown is computed from it and disappears once the window has passed. */
  now: number;
  /** An active member can buy inside the members-only window; everyone else sees when it opens. */
  isMember?: boolean;
  /** This trial was bought before (member.trials): show 已购买过 and point at the full product. */
  trialUse?: TrialUseView;
  /** Opens the product page. */
  onTap?: () => void;
}

export function ProductCard({ product, fullProductName, now, isMember = false, trialUse, onTap }: ProductCardProps) {
  const isTrial = product.kind === 'trial';
  const early = earlyAccessBadge(product.memberEarlyAccessUntil, now, isMember);
  const used = isTrial && trialUse !== undefined;
  const soldOut = product.soldOut === true;
  return (
    <View className={`surface product-card ${used || soldOut ? 'product-card--used' : ''}`} id={`product-${product._id}`} onClick={onTap}>
      <ProductThumb product={product} className='product-card__thumb' id={`product-${product._id}-img`} lazy />
      <View className='product-card__body'>
        <Text className='product-card__name'>{product.name}</Text>
        {product.description ? <Text className='product-card__desc'>{product.description}</Text> : null}
        {isTrial || early || soldOut ? (
          <View className='product-card__badges'>
            {soldOut ? (
              <Text className='badge badge--soldout' id={`product-${product._id}-soldout`}>
                已售罄
              </Text>
            ) : null}
            {isTrial ? <Text className='badge badge--trial'>体验装 · 每人限购一次</Text> : null}
            {used ? (
              <Text className='badge badge--used' id={`product-${product._id}-used`}>
                已购买过
              </Text>
            ) : null}
            {early ? (
              <Text className={`badge badge--member ${early.kind === 'countdown' ? 'badge--countdown' : ''}`} id={`product-${product._id}-early`}>
                {early.text}
              </Text>
            ) : null}
          </View>
        ) : null}
        {isTrial && fullProductName ? <Text className='product-card__full'>{used ? `可直接购买正装：${fullProductName}` : `正装：${fullProductName}`}</Text> : null}
        <View className='product-card__prices'>
          {/* A member sees what they pay first (the list price struck beside it); others see the list price and what members pay. */}
          {isMember && product.memberPriceFen !== undefined ? (
            <>
              <Text className='product-card__price' id={`product-${product._id}-price`}>
                {formatYuan(product.memberPriceFen)}
              </Text>
              <Text className='product-card__member-price'>会员价</Text>
              <Text className='product-card__list'>{formatYuan(product.priceFen)}</Text>
            </>
          ) : (
            <>
              <Text className='product-card__price' id={`product-${product._id}-price`}>
                {formatYuan(product.priceFen)}
              </Text>
              {product.memberPriceFen !== undefined ? <Text className='product-card__member-price'>会员价 {formatYuan(product.memberPriceFen)}</Text> : null}
            </>
          )}
          {onTap ? <Text className={`product-card__buy ${soldOut ? 'product-card__buy--off' : ''}`}>{soldOut ? '已售罄' : '购买 ›'}</Text> : null}
        </View>
      </View>
    </View>
  );
}
