import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PublicProduct } from '@shared/schemas/product';
import { CouponPicker } from '../../../components/coupon-picker';
import { DeliveryFormWithBook } from '../../../components/delivery-form';
import { NoticeBar } from '../../../components/notice-bar';
import { useNow } from '../../../components/use-now';
import { earlyAccessBadge } from '../../../format/countdown';
import { MY_COUPONS_URL } from '../../../format/routes';
import type { RootStore } from '../../../stores/root-store';
import { CartLines } from './cart-lines';
import { CheckoutBar } from './checkout-bar';
import { CombinedConfirm } from './combined-confirm';
import { PayMethods } from './pay-methods';
import { PriceCard } from './price-card';
import { ProductSummary } from './product-summary';
import { RefusalBox } from './refusal';
import { TrialUsedCard } from './trial-used';

/** The order being prepared: product, price and quantity (or the cart's lines), delivery, coupon, how to pay, and the submit bar. */
export const OrderForm = observer(function OrderForm({ root, product }: { root: RootStore; product: PublicProduct | undefined }) {
  const { checkout, coupons, membership, catalog } = root;
  // Re-renders every minute so the members-only countdown keeps moving.
  const now = useNow();
  const trialUse = checkout.trialUse;
  return (
    <View id='checkout'>
      {product ? (
        <>
          <ProductSummary product={product} early={earlyAccessBadge(product.memberEarlyAccessUntil, now, membership.isActive)} trialUsed={trialUse !== undefined} />
          {trialUse ? <TrialUsedCard checkout={checkout} trialUse={trialUse} /> : null}
          <PriceCard checkout={checkout} product={product} />
        </>
      ) : (
        <CartLines checkout={checkout} membership={membership} />
      )}

      {checkout.needsDelivery ? (
        <View className='card checkout-delivery' id='checkout-delivery'>
          <DeliveryFormWithBook idPrefix='delivery' title='配送方式' pickupDetail='到店出示订单即可取货' form={checkout.delivery} onChange={(form) => checkout.setDelivery(form)} />
        </View>
      ) : null}

      {trialUse ? null : (
        <CouponPicker
          loading={coupons.loading}
          error={coupons.error}
          stackingLabel={coupons.quote?.stackingLabel}
          applicable={coupons.applicable}
          inapplicable={coupons.inapplicable}
          selected={coupons.selected}
          open={coupons.open}
          onToggle={() => coupons.toggle()}
          onChoose={(id) => coupons.choose(id)}
          onRetry={() => void checkout.loadCoupons(true)}
          onMore={() => void Taro.navigateTo({ url: MY_COUPONS_URL })}
        />
      )}

      <PayMethods checkout={checkout} />
      {checkout.combinedQuote ? <CombinedConfirm checkout={checkout} quote={checkout.combinedQuote} payBusy={root.pay.busy} /> : null}

      {checkout.refusal ? (
        <RefusalBox
          refusal={checkout.refusal}
          fullProductId={checkout.fullProduct?._id}
          onUseWechat={() => checkout.setPayWith('wechat')}
          onUseCombined={checkout.combinedOffered ? () => checkout.setPayWith('combined') : undefined}
        />
      ) : null}
      <NoticeBar id='checkout-notice' notice={checkout.notice} />

      <CheckoutBar checkout={checkout} coupons={coupons} soldOut={checkout.lines.some((l) => l.product.soldOut === true)} payBusy={root.pay.busy} />
      <Text className='checkout-footnote'>
        实付金额以提交订单后显示为准。{catalog.settings ? `支付后 ${catalog.settings.refundWindowDays} 天内可无理由申请退款。` : ''}
      </Text>
    </View>
  );
});
