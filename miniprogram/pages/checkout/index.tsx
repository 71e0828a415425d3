import { useEffect, useRef } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
// The shared components this page's parts use, first and in the order every page loads them: their
// stylesheets go to one shared CSS chunk, which has no consistent order otherwise (see the member page).
import '../../components/choice';
import '../../components/coupon-picker';
import '../../components/delivery-form';
import { ErrorView, LoadingView } from '../../components/load-state';
import '../../components/notice-bar';
import '../../components/qty-stepper';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { SubscribeSheetHost } from '../../components/subscribe-prompt';
import { CART_URL, HOME_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import { PAY_HOST_CHECKOUT } from '../../stores/checkout-store';
import { OrderForm } from './components/order-form';
import { PaidView } from './components/paid';
import './index.css';

/**
 * 确认订单: one product (立即购买, quantity chosen here) or the cart's ticked lines (去结算), then
 * 微信支付, 余额支付 or 组合支付. The server prices the order; this page shows the catalog's prices until it answers.
 */
function CheckoutPage() {
  const root = useStores();
  const { session, catalog, membership, wallet, trials, checkout, cart } = root;
  const params = useRouter().params;
  const fromCart = params.from === 'cart';
  const productId = params.productId ?? '';
  const key = fromCart ? 'cart' : productId;

  useEffect(() => {
    if (!fromCart) checkout.start(productId);
  }, [checkout, productId, fromCart]);
  // 去结算 takes the lines ticked when the page opens (a page opened directly waits for the cart); the
  // cart losing them once ordered must not restart this checkout.
  const cartStarted = useRef(false);
  useEffect(() => {
    if (!fromCart || !session.isLoggedIn) return;
    if (!cart.loaded) {
      void cart.ensureLoaded();
      return;
    }
    if (!catalog.loaded || cartStarted.current) return;
    cartStarted.current = true;
    checkout.startCart(cart.checkoutLines);
  }, [fromCart, session.isLoggedIn, cart, cart.loaded, catalog.loaded, checkout]);

  useEffect(() => {
    if (session.isLoggedIn) void catalog.ensureLoaded();
  }, [session.isLoggedIn, catalog]);

  // Membership and balance decide what is shown: always the current ones (they change on other tabs).
  // Trial purchases too: a trial bought (or refunded) elsewhere changes what this page offers.
  useDidShow(() => {
    if (!session.isLoggedIn) return;
    void membership.load();
    void wallet.loadBalance();
    void trials.load();
  });
  useEffect(() => {
    if (!session.isLoggedIn) return;
    void membership.ensureLoaded();
    void trials.ensureLoaded();
    if (!wallet.balance) void wallet.loadBalance();
  }, [session.isLoggedIn, membership, wallet, trials]);

  // What each coupon does to this order: asked again when the product, quantity or membership changes.
  useEffect(() => {
    if (session.isLoggedIn && checkout.key === key && catalog.loaded) void checkout.loadCoupons();
  }, [session.isLoggedIn, checkout, key, checkout.key, checkout.qty, membership.isActive, catalog.loaded]);

  const paid = checkout.paidOrder;
  // A natural moment to ask for subscription messages (once per order; see MessagesStore).
  const paidOrderId = paid?.orderId;
  useEffect(() => {
    if (paidOrderId) void root.messages.offerAfterPayment(paidOrderId);
  }, [paidOrderId, root.messages]);

  let body;
  if (checkout.key !== key) {
    // Until the effect has started this checkout, the store may still hold the previous product.
    body = <LoadingView />;
  } else if (!catalog.loaded && catalog.error) {
    body = <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />;
  } else if (!catalog.loaded) {
    body = <LoadingView />;
  } else if (paid) {
    body = <PaidView checkout={checkout} paid={paid} />;
  } else if (!checkout.allLinesListed) {
    body = fromCart ? (
      <View className='checkout-missing' id='checkout-missing'>
        <Text className='checkout-missing__text'>{checkout.items.length ? '购物车里有商品已下架，请回购物车删除后再结算。' : '购物车里没有选中的商品，请回购物车勾选后再结算。'}</Text>
        <Button className='btn btn--dark' onClick={() => void Taro.redirectTo({ url: CART_URL })}>
          返回购物车
        </Button>
      </View>
    ) : (
      <View className='checkout-missing' id='checkout-missing'>
        <Text className='checkout-missing__text'>商品不存在或已下架，请返回首页重新选择。</Text>
        <Button className='btn btn--dark' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
          返回首页
        </Button>
      </View>
    );
  } else {
    body = <OrderForm root={root} product={checkout.product} />;
  }

  return (
    <View className='page checkout-page'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        <PayHost host={PAY_HOST_CHECKOUT} />
        <SubscribeSheetHost moment='payment' />
      </SignInGate>
    </View>
  );
}

export default observer(CheckoutPage);
