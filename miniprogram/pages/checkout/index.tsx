import { useEffect } from 'react';
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
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { SubscribeSheetHost } from '../../components/subscribe-prompt';
import { HOME_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import { PAY_HOST_CHECKOUT } from '../../stores/checkout-store';
import { OrderForm } from './components/order-form';
import { PaidView } from './components/paid';
import './index.css';

/** 确认订单: one product, quantity, 微信支付 or 余额支付. The server prices the order; this page shows the catalog's prices until it answers. */
function CheckoutPage() {
  const root = useStores();
  const { session, catalog, membership, wallet, trials, checkout } = root;
  const productId = useRouter().params.productId ?? '';

  useEffect(() => {
    checkout.start(productId);
  }, [checkout, productId]);

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
    if (session.isLoggedIn && checkout.productId === productId && catalog.loaded) void checkout.loadCoupons();
  }, [session.isLoggedIn, checkout, productId, checkout.productId, checkout.qty, membership.isActive, catalog.loaded]);

  const product = checkout.product;
  const paid = checkout.paidOrder;
  // A natural moment to ask for subscription messages (once per order; see MessagesStore).
  const paidOrderId = paid?.orderId;
  useEffect(() => {
    if (paidOrderId) void root.messages.offerAfterPayment(paidOrderId);
  }, [paidOrderId, root.messages]);

  let body;
  if (checkout.productId !== productId) {
    // Until the effect has started this checkout, the store may still hold the previous product.
    body = <LoadingView />;
  } else if (!catalog.loaded && catalog.error) {
    body = <ErrorView message={catalog.error} onRetry={() => void catalog.load()} />;
  } else if (!catalog.loaded) {
    body = <LoadingView />;
  } else if (!product) {
    body = (
      <View className='checkout-missing' id='checkout-missing'>
        <Text className='checkout-missing__text'>商品不存在或已下架，请返回首页重新选择。</Text>
        <Button className='btn btn--dark' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
          返回首页
        </Button>
      </View>
    );
  } else if (paid) {
    body = <PaidView checkout={checkout} paid={paid} />;
  } else {
    body = <OrderForm root={root} product={product} />;
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
