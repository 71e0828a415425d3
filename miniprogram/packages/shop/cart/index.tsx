import Taro, { useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { beforeFirstLoad } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { ProductThumb } from '../../../components/product-thumb';
import { QtyStepper } from '../../../components/qty-stepper';
import { GatedPage } from '../../../components/sign-in-gate';
import { CART_CHECKOUT_URL, HOME_URL, productUrl } from '../../../format/routes';
import type { CartItem, CartStore } from '../../../stores/cart-store';
import { MAX_QTY } from '../../../stores/checkout-store';
import { useStores, useWhenSignedIn } from '../../../stores/context';
import '../shop.css';

function Tick({ on, id, onTap }: { on: boolean; id: string; onTap: () => void }) {
  return (
    <View className={`cart-tick ${on ? 'cart-tick--on' : ''}`} id={id} onClick={onTap}>
      <Text className='cart-tick__mark'>{on ? '✓' : ''}</Text>
    </View>
  );
}

const CartRow = observer(function CartRow({ item, cart }: { item: CartItem; cart: CartStore }) {
  const { line, product } = item;
  const id = line.productId;
  if (!product) {
    return (
      <View className='surface cart-row cart-row--gone' id={`cart-line-${id}`}>
        <Text className='cart-row__gone'>该商品已下架</Text>
        <Text className='link cart-row__remove' id={`cart-remove-${id}`} onClick={() => void cart.remove(id)}>
          删除
        </Text>
      </View>
    );
  }
  return (
    <View className={`surface cart-row ${item.available ? '' : 'cart-row--off'}`} id={`cart-line-${id}`}>
      {item.available ? <Tick on={item.selected} id={`cart-tick-${id}`} onTap={() => cart.toggle(id)} /> : <Text className='badge badge--soldout cart-row__off'>已售罄</Text>}
      <View className='cart-row__thumb-wrap' onClick={() => void Taro.navigateTo({ url: productUrl(id) })}>
        <ProductThumb product={product} className='cart-row__thumb' />
      </View>
      <View className='cart-row__body'>
        <Text className='cart-row__name' onClick={() => void Taro.navigateTo({ url: productUrl(id) })}>
          {product.name}
        </Text>
        <View className='cart-row__meta'>
          <Text className='cart-row__price' id={`cart-price-${id}`}>
            {formatYuan(item.unitFen ?? product.priceFen)}
          </Text>
          {item.unitFen !== undefined && item.unitFen < product.priceFen ? <Text className='cart-row__tag'>会员价</Text> : null}
        </View>
        <View className='cart-row__actions'>
          <Text className='link cart-row__remove' id={`cart-remove-${id}`} onClick={() => void cart.remove(id)}>
            删除
          </Text>
          <QtyStepper value={line.qty} max={product.kind === 'trial' ? 1 : MAX_QTY} idPrefix={`cart-qty-${id}`} busy={cart.busy !== undefined} onChange={(q) => void cart.setQty(id, q)} />
        </View>
      </View>
    </View>
  );
});

/**
 * 购物车: what the customer put aside, kept on the server across sessions and devices. Ticked lines
 * go to one checkout (coupon and delivery chosen there); the total here is the catalog's prices for
 * this customer, the server prices the order.
 */
function CartPage() {
  const root = useStores();
  const { catalog, membership, cart } = root;
  const { signedIn } = useWhenSignedIn(() => {
    void catalog.ensureLoaded();
    void membership.ensureLoaded();
    void cart.load();
  }, []);
  // Back from a checkout: the ordered lines have left the cart.
  useDidShow(() => {
    if (signedIn) void cart.ensureLoaded();
  });

  const chosen = cart.checkoutLines;
  let body = beforeFirstLoad(cart.loaded && catalog.loaded, cart.error ?? catalog.error, () => void Promise.all([cart.load(), catalog.load()]), '正在加载购物车…');
  if (!body && cart.lines.length === 0) {
    body = (
      <View className='cart-empty' id='cart-empty'>
        <Text className='cart-empty__text'>购物车还是空的，去首页挑挑吧。</Text>
        <Button className='btn btn--dark' id='cart-go-home' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
          去逛逛
        </Button>
      </View>
    );
  }
  if (!body) {
    body = (
      <View id='cart'>
        <NoticeBar id='cart-notice' notice={cart.notice} />
        {cart.items.map((item) => (
          <CartRow key={item.line.productId} item={item} cart={cart} />
        ))}
        <Text className='cart-footnote'>价格以结算时为准；优惠券与配送方式在结算页选择。</Text>
        <View className='cart-bar'>
          <View className='cart-bar__all' id='cart-tick-all' onClick={() => cart.toggleAll()}>
            <Tick on={cart.allTicked} id='cart-tick-all-box' onTap={() => undefined} />
            <Text className='cart-bar__all-text'>全选</Text>
          </View>
          <View className='cart-bar__sum'>
            <Text className='cart-bar__label'>合计</Text>
            <Text className='cart-bar__total' id='cart-total'>
              {formatYuan(cart.estimateFen)}
            </Text>
          </View>
          <Button
            className='btn btn--primary cart-bar__go'
            id='cart-checkout'
            disabled={chosen.length === 0 || undefined}
            onClick={() => void Taro.navigateTo({ url: CART_CHECKOUT_URL })}
          >
            去结算{chosen.length ? `(${chosen.reduce((n, l) => n + l.qty, 0)})` : ''}
          </Button>
        </View>
      </View>
    );
  }

  return <GatedPage className='cart-page'>{body}</GatedPage>;
}

export default observer(CartPage);
