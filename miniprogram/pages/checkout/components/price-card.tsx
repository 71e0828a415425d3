import { Fragment } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PublicProduct } from '@shared/schemas/product';
import { formatYuan } from '@shared/money/format';
import { QtyStepper } from '../../../components/qty-stepper';
import { MEMBER_URL } from '../../../format/routes';
import { MAX_QTY, type CheckoutStore } from '../../../stores/checkout-store';

/** 会员价 / 价格 with what the member price saves (or an invitation to join), and the quantity. */
export const PriceCard = observer(function PriceCard({ checkout, product }: { checkout: CheckoutStore; product: PublicProduct }) {
  const isTrial = product.kind === 'trial';
  const shown = checkout.shownPrice!;
  return (
    <View className='card checkout-price' id='checkout-price'>
      {/* Keyed: the two variants must not reuse each other's nodes (ids and classes differ). */}
      {shown.memberPriceApplies ? (
        <Fragment key='member'>
          <View className='checkout-price__row'>
            <Text className='checkout-price__label'>会员价</Text>
            <Text className='checkout-price__value'>{formatYuan(shown.unitFen)}</Text>
            <Text className='checkout-price__list'>{formatYuan(product.priceFen)}</Text>
          </View>
          <Text className='checkout-price__applied' id='member-price-applied'>
            {checkout.couponReplacesMemberPrice ? '本单用券比会员价更省：按原价减券（会员价与优惠券二选一）' : `会员价已生效，每件省 ${formatYuan(shown.savingPerUnitFen)}`}
          </Text>
        </Fragment>
      ) : (
        <Fragment key='list'>
          <View className='checkout-price__row'>
            <Text className='checkout-price__label'>价格</Text>
            <Text className='checkout-price__value'>{formatYuan(shown.unitFen)}</Text>
          </View>
          {product.memberPriceFen !== undefined ? (
            <Text className='checkout-price__upsell link' id='member-price-upsell' onClick={() => void Taro.switchTab({ url: MEMBER_URL })}>
              开通会员享会员价 {formatYuan(product.memberPriceFen)} ›
            </Text>
          ) : null}
        </Fragment>
      )}
      <View className='qty'>
        <Text className='qty__label'>数量</Text>
        <QtyStepper value={checkout.qty} max={isTrial ? 1 : MAX_QTY} idPrefix='qty' onChange={(q) => checkout.setQty(q)} />
      </View>
      {isTrial ? <Text className='checkout-price__note'>体验装每人限购 1 件。</Text> : null}
    </View>
  );
});
