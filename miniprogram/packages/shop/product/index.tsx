import { useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Swiper, SwiperItem, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { shownPrice } from '@shared/membership/savings';
import { formatYuan } from '@shared/money/format';
import type { PublicProduct } from '@shared/schemas/product';
import { CartEntry } from '../../../components/cart-entry';
import { beforeFirstLoad } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { ProductThumb } from '../../../components/product-thumb';
import { GatedPage } from '../../../components/sign-in-gate';
import { useNow } from '../../../components/use-now';
import { earlyAccessBadge } from '../../../format/countdown';
import { CART_URL, checkoutUrl, HOME_URL, MEMBER_URL, productUrl } from '../../../format/routes';
import { useStores, useWhenSignedIn } from '../../../stores/context';
import '../shop.css';

/** The pictures, swiped; a product without any shows its cover placeholder. */
function Gallery({ product }: { product: PublicProduct }) {
  const [at, setAt] = useState(0);
  const images = product.images ?? (product.imageUrl ? [product.imageUrl] : []);
  if (!images.length) return <ProductThumb product={product} className='product-page__placeholder' />;
  return (
    <View className='product-page__gallery'>
      <Swiper className='product-page__swiper' id='product-gallery' circular onChange={(e) => setAt(e.detail.current)}>
        {images.map((src, i) => (
          <SwiperItem key={src}>
            <Image className='product-page__image' id={`product-image-${i}`} src={src} mode='aspectFill' />
          </SwiperItem>
        ))}
      </Swiper>
      {images.length > 1 ? (
        <Text className='product-page__counter' id='product-gallery-counter'>
          {at + 1}/{images.length}
        </Text>
      ) : null}
    </View>
  );
}

/**
 * 商品详情: pictures, member price against list price, the members-only countdown, the trial ↔ full
 * product links, stock when low, and the bar with 购物车 / 加入购物车 / 立即购买. Prices shown are the
 * catalog's for this customer; the order is priced by the server.
 */
function ProductPage() {
  const productId = useRouter().params.productId ?? '';
  const root = useStores();
  const { catalog, membership, trials, cart } = root;
  const { signedIn } = useWhenSignedIn(() => {
    void catalog.ensureLoaded();
    void membership.ensureLoaded();
    void trials.ensureLoaded();
    void cart.ensureLoaded();
  }, []);
  // A purchase or a cart change on another page shows here when the customer comes back.
  useDidShow(() => {
    if (signedIn) void Promise.all([trials.ensureLoaded(), cart.ensureLoaded()]);
  });
  const now = useNow();
  const product = catalog.productById(productId);

  let body = beforeFirstLoad(catalog.loaded, catalog.error, () => void catalog.load(), '正在加载商品…');
  if (!body && !product) {
    body = (
      <View className='product-page__missing' id='product-missing'>
        <Text className='product-page__missing-text'>商品不存在或已下架，去首页看看别的吧。</Text>
        <Button className='btn btn--dark' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
          返回首页
        </Button>
      </View>
    );
  }
  if (!body && product) {
    const isMember = membership.isActive;
    const price = shownPrice(product, isMember);
    const early = earlyAccessBadge(product.memberEarlyAccessUntil, now, isMember);
    const isTrial = product.kind === 'trial';
    const used = isTrial ? trials.useOf(product._id) : undefined;
    const full = product.fullProductId ? catalog.productById(product.fullProductId) : undefined;
    const trial = isTrial ? undefined : catalog.products.find((p) => p.fullProductId === product._id);
    const soldOut = product.soldOut === true;
    body = (
      <View id='product-page'>
        <Gallery product={product} />
        <View className='card product-page__head'>
          <View className='product-page__prices'>
            <Text className='product-page__price' id='product-price'>
              {formatYuan(price.unitFen)}
            </Text>
            {price.memberPriceApplies ? (
              <>
                <Text className='product-page__tag'>会员价</Text>
                <Text className='product-page__list'>{formatYuan(product.priceFen)}</Text>
              </>
            ) : null}
          </View>
          {price.memberPriceApplies ? (
            <Text className='product-page__saving' id='product-member-saving'>
              会员价已生效，每件省 {formatYuan(price.savingPerUnitFen)}
            </Text>
          ) : product.memberPriceFen !== undefined ? (
            <Text className='product-page__upsell link' id='product-member-upsell' onClick={() => void Taro.switchTab({ url: MEMBER_URL })}>
              会员价 {formatYuan(product.memberPriceFen)}，开通会员每件省 {formatYuan(product.priceFen - product.memberPriceFen)} ›
            </Text>
          ) : null}
          <Text className='product-page__name' id='product-name'>
            {product.name}
          </Text>
          <View className='product-page__badges'>
            {soldOut ? <Text className='badge badge--soldout'>已售罄</Text> : null}
            {product.stockLeft !== undefined ? (
              <Text className='badge badge--countdown' id='product-stock-left'>
                仅剩 {product.stockLeft} 件
              </Text>
            ) : null}
            {isTrial ? <Text className='badge badge--trial'>体验装 · 每人限购一次</Text> : null}
            {used ? (
              <Text className='badge badge--used' id='product-trial-used'>
                已购买过
              </Text>
            ) : null}
            {early ? (
              <Text className={`badge badge--member ${early.kind === 'countdown' ? 'badge--countdown' : ''}`} id='product-early'>
                {early.text}
              </Text>
            ) : null}
          </View>
        </View>

        {full ? (
          <View className='card product-page__link' id='product-full-link' onClick={() => void Taro.redirectTo({ url: productUrl(full._id) })}>
            <Text className='product-page__link-text'>{used ? '已体验过，直接购买正装' : '正装'}：{full.name}</Text>
            <Text className='product-page__link-go'>{formatYuan(shownPrice(full, isMember).unitFen)} ›</Text>
          </View>
        ) : null}
        {trial ? (
          <View className='card product-page__link' id='product-trial-link' onClick={() => void Taro.redirectTo({ url: productUrl(trial._id) })}>
            <Text className='product-page__link-text'>先试试：{trial.name}</Text>
            <Text className='product-page__link-go'>{formatYuan(trial.priceFen)} ›</Text>
          </View>
        ) : null}

        <View className='card product-page__detail'>
          <Text className='section-title product-page__detail-title'>商品详情</Text>
          <Text className='product-page__desc' id='product-desc'>
            {product.description || '商家暂未填写详情。'}
          </Text>
          {product.physical ? <Text className='product-page__note'>支持快递到家或到店自提，下单时选择。</Text> : <Text className='product-page__note'>线上服务，支付后即可使用，无需配送。</Text>}
        </View>

        <NoticeBar id='product-notice' notice={cart.notice} />

        <View className='product-bar'>
          <CartEntry count={cart.count} id='product-cart' onTap={() => void Taro.navigateTo({ url: CART_URL })} />
          <Button className='btn btn--ghost product-bar__btn' id='product-add-cart' disabled={soldOut || used !== undefined || cart.busy !== undefined || undefined} onClick={() => void cart.add(product._id)}>
            加入购物车
          </Button>
          {used && full ? (
            <Button className='btn btn--primary product-bar__btn' id='product-buy-full' onClick={() => void Taro.navigateTo({ url: checkoutUrl(full._id) })}>
              购买正装
            </Button>
          ) : (
            <Button className='btn btn--primary product-bar__btn' id='product-buy-now' disabled={soldOut || used !== undefined || undefined} onClick={() => void Taro.navigateTo({ url: checkoutUrl(product._id) })}>
              {soldOut ? '已售罄' : '立即购买'}
            </Button>
          )}
        </View>
      </View>
    );
  }

  return <GatedPage className='product-page'>{body}</GatedPage>;
}

export default observer(ProductPage);
