import { Fragment, useEffect } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Button, Image, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ChoiceRow } from '../../components/choice';
import { CouponPicker } from '../../components/coupon-picker';
import { DeliveryFormView } from '../../components/delivery-form';
import { ErrorView, LoadingView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { PayHost } from '../../components/pay-sheet';
import { SignInGate } from '../../components/sign-in-gate';
import { SubscribeOffer, SubscribeSheetHost } from '../../components/subscribe-prompt';
import { useNow } from '../../components/use-now';
import { earlyAccessBadge } from '../../format/countdown';
import { checkoutUrl, HOME_URL, MEMBER_URL, MY_COUPONS_URL, ORDER_LIST_URL, orderDetailUrl, WALLET_URL } from '../../format/routes';
import { useStores } from '../../stores/context';
import { MAX_QTY, PAY_HOST_CHECKOUT, type CheckoutRefusal } from '../../stores/checkout-store';
import './index.css';

const yuan2 = (fen: number) => formatYuan(fen, { trimZeros: false });

/** The next step each refusal offers, besides its message (which says what happened). */
function RefusalActions({ refusal, onUseWechat, onUseCombined, fullProductId }: { refusal: CheckoutRefusal; onUseWechat: () => void; onUseCombined?: () => void; fullProductId?: string }) {
  switch (refusal.code) {
    case 'INSUFFICIENT_BALANCE':
      return (
        <View className='refusal__actions'>
          <Button className='btn btn--small btn--ghost' id='refusal-topup' onClick={() => void Taro.switchTab({ url: WALLET_URL })}>
            去充值
          </Button>
          {onUseCombined ? (
            <Button className='btn btn--small btn--ghost' id='refusal-use-combined' onClick={onUseCombined}>
              余额+微信组合支付
            </Button>
          ) : null}
          <Button className='btn btn--small btn--wechat' id='refusal-use-wechat' onClick={onUseWechat}>
            改用微信支付
          </Button>
        </View>
      );
    case 'UNPAID_ORDER_LIMIT':
    case 'HOLD_LIMIT_REACHED':
      return (
        <View className='refusal__actions'>
          <Button className='btn btn--small btn--ghost' id='refusal-orders' onClick={() => void Taro.navigateTo({ url: ORDER_LIST_URL })}>
            去「我的订单」支付或取消
          </Button>
        </View>
      );
    case 'MEMBERS_ONLY_UNTIL':
      return (
        <View className='refusal__actions'>
          <Button className='btn btn--small btn--primary' id='refusal-join' onClick={() => void Taro.switchTab({ url: MEMBER_URL })}>
            开通会员
          </Button>
        </View>
      );
    case 'TRIAL_ALREADY_USED':
      return fullProductId ? (
        <View className='refusal__actions'>
          <Button className='btn btn--small btn--primary' id='refusal-full' onClick={() => void Taro.redirectTo({ url: checkoutUrl(fullProductId) })}>
            购买正装
          </Button>
        </View>
      ) : null;
    case 'NOT_FOUND':
    case 'PRODUCT_UNAVAILABLE':
    case 'OUT_OF_STOCK':
      return (
        <View className='refusal__actions'>
          <Button className='btn btn--small btn--ghost' id='refusal-home' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            返回首页
          </Button>
        </View>
      );
    default:
      return null;
  }
}

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
  // Re-renders every minute so the members-only countdown keeps moving.
  const now = useNow();

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
    const saved = paid.lines.reduce((s, l) => s + (l.memberPriceApplied ? (l.listUnitFen - l.unitFen) * l.qty : 0), 0);
    body = (
      <View className='checkout-success' id='checkout-success'>
        <View className='checkout-success__icon'>
          <Text className='checkout-success__tick'>✓</Text>
        </View>
        <Text className='checkout-success__title'>支付成功</Text>
        <Text className='checkout-success__amount' id='checkout-paid-total'>
          {yuan2(paid.totalFen)}
        </Text>
        <Text className='checkout-success__sub'>
          {paid.payWith === 'balance' ? '已从储值余额扣款' : paid.payWith === 'combined' ? '余额+微信组合支付' : '已通过微信支付'} · {paid.title}
        </Text>
        {paid.combined ? (
          <Text className='checkout-success__saved' id='checkout-combined-paid'>
            余额扣款 {yuan2(paid.combined.balanceFen)}（本金 {yuan2(paid.combined.principalFen)} + 赠送 {yuan2(paid.combined.bonusFen)}），微信支付 {yuan2(paid.combined.cashFen)}
          </Text>
        ) : null}
        {saved > 0 ? (
          <Text className='checkout-success__saved' id='checkout-member-saved'>
            已享会员价，节省 {formatYuan(saved)}
          </Text>
        ) : null}
        {paid.coupon ? (
          <Text className='checkout-success__saved' id='checkout-coupon-saved'>
            已用优惠券「{paid.coupon.name}」，节省 {formatYuan(paid.coupon.discountFen)}
          </Text>
        ) : null}
        <View className='checkout-success__actions'>
          <Button className='btn btn--ghost checkout-success__btn' id='checkout-home' onClick={() => void Taro.switchTab({ url: HOME_URL })}>
            继续逛逛
          </Button>
          <Button className='btn btn--dark checkout-success__btn' id='checkout-view-order' onClick={() => void Taro.navigateTo({ url: orderDetailUrl(paid.orderId) })}>
            查看订单
          </Button>
        </View>
        <SubscribeOffer />
      </View>
    );
  } else {
    const isTrial = product.kind === 'trial';
    const early = earlyAccessBadge(product.memberEarlyAccessUntil, now, membership.isActive);
    const unit = checkout.unitFen!;
    const estimate = checkout.estimateFen!;
    const balance = checkout.balanceFen;
    const fullProduct = checkout.fullProduct;
    const trialUse = checkout.trialUse;
    const coupons = root.coupons;
    const cover = product.images?.[0] ?? product.imageUrl;
    const soldOut = product.soldOut === true;
    body = (
      <View id='checkout'>
        <View className='card checkout-product' id='checkout-product'>
          {cover ? (
            <Image className='checkout-product__thumb checkout-product__img' id='checkout-product-img' src={cover} mode='aspectFill' />
          ) : (
            <View className={`checkout-product__thumb ${isTrial ? 'checkout-product__thumb--trial' : ''}`}>
              <Text className='checkout-product__thumb-text'>{product.name.slice(0, 1)}</Text>
            </View>
          )}
          <View className='checkout-product__body'>
            <Text className='checkout-product__name'>{product.name}</Text>
            {product.description ? <Text className='checkout-product__desc'>{product.description}</Text> : null}
            <View className='checkout-product__badges'>
              {soldOut ? (
                <Text className='badge badge--soldout' id='checkout-soldout'>
                  已售罄
                </Text>
              ) : null}
              {isTrial ? <Text className='badge badge--trial'>体验装 · 每人限购一次</Text> : null}
              {trialUse ? <Text className='badge badge--used'>已购买过</Text> : null}
              {early ? (
                <Text className={`badge badge--member ${early.kind === 'countdown' ? 'badge--countdown' : ''}`} id='checkout-early'>
                  {early.text}
                </Text>
              ) : null}
            </View>
          </View>
        </View>

        {trialUse ? (
          <View className='card trial-used' id='trial-used'>
            <Text className='trial-used__title'>您已购买过该体验装</Text>
            <Text className='trial-used__text'>
              {fullProduct ? `体验装每人限购一次。满意的话，可直接购买正装「${fullProduct.name}」。` : '体验装每人限购一次，可在「我的订单」中查看您的订单。'}
            </Text>
            <View className='trial-used__actions'>
              <Button className='btn btn--small btn--ghost' id='trial-used-order' onClick={() => void Taro.navigateTo({ url: orderDetailUrl(trialUse.orderId) })}>
                查看订单
              </Button>
              {fullProduct ? (
                <Button className='btn btn--small btn--primary' id='trial-used-full' onClick={() => void Taro.redirectTo({ url: checkoutUrl(fullProduct._id) })}>
                  购买正装 {formatYuan(membership.isActive && fullProduct.memberPriceFen !== undefined ? fullProduct.memberPriceFen : fullProduct.priceFen)}
                </Button>
              ) : null}
            </View>
          </View>
        ) : null}

        <View className='card checkout-price' id='checkout-price'>
          {/* Keyed: the two variants must not reuse each other's nodes (ids and classes differ). */}
          {checkout.memberPriceApplies ? (
            <Fragment key='member'>
              <View className='checkout-price__row'>
                <Text className='checkout-price__label'>会员价</Text>
                <Text className='checkout-price__value'>{formatYuan(unit)}</Text>
                <Text className='checkout-price__list'>{formatYuan(product.priceFen)}</Text>
              </View>
              <Text className='checkout-price__applied' id='member-price-applied'>
                {checkout.couponReplacesMemberPrice
                  ? '本单用券比会员价更省：按原价减券（会员价与优惠券二选一）'
                  : `会员价已生效，每件省 ${formatYuan(product.priceFen - unit)}`}
              </Text>
            </Fragment>
          ) : (
            <Fragment key='list'>
              <View className='checkout-price__row'>
                <Text className='checkout-price__label'>价格</Text>
                <Text className='checkout-price__value'>{formatYuan(unit)}</Text>
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
            <View className='qty__stepper'>
              <Text className={`qty__btn ${checkout.qty <= 1 ? 'qty__btn--off' : ''}`} id='qty-minus' onClick={() => checkout.setQty(checkout.qty - 1)}>
                －
              </Text>
              <Text className='qty__value' id='qty-value'>
                {checkout.qty}
              </Text>
              <Text
                className={`qty__btn ${isTrial || checkout.qty >= MAX_QTY ? 'qty__btn--off' : ''}`}
                id='qty-plus'
                onClick={() => (isTrial ? undefined : checkout.setQty(checkout.qty + 1))}
              >
                ＋
              </Text>
            </View>
          </View>
          {isTrial ? <Text className='checkout-price__note'>体验装每人限购 1 件。</Text> : null}
        </View>

        {checkout.needsDelivery ? (
          <View className='card checkout-delivery' id='checkout-delivery'>
            <DeliveryFormView
              idPrefix='delivery'
              title='配送方式'
              pickupDetail='到店出示订单即可取货'
              form={checkout.delivery}
              onChange={(form) => checkout.setDelivery(form)}
            />
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

        <Text className='section-title'>支付方式</Text>
        <ChoiceRow id='pay-wechat' selected={checkout.payWith === 'wechat'} label='微信支付' onSelect={() => checkout.setPayWith('wechat')} />
        <ChoiceRow
          id='pay-balance'
          selected={checkout.payWith === 'balance'}
          label='余额支付'
          detail={
            <Text className={checkout.balanceLooksShort ? 'pay-balance--short' : ''} id='pay-balance-detail'>
              {balance === undefined ? '正在查询余额…' : `可用余额 ${yuan2(balance)}${checkout.balanceLooksShort ? '，余额不足' : ''}`}
            </Text>
          }
          onSelect={() => checkout.setPayWith('balance')}
        />
        {checkout.combinedOffered || checkout.payWith === 'combined' ? (
          <ChoiceRow
            id='pay-combined'
            selected={checkout.payWith === 'combined'}
            label='余额+微信组合支付'
            detail={
              <Text id='pay-combined-detail'>
                {balance !== undefined && checkout.totalFen !== undefined && balance < checkout.totalFen
                  ? `先用可用余额 ${yuan2(balance)}，其余 ${yuan2(checkout.totalFen - balance)} 微信支付`
                  : '先用储值余额，其余微信支付'}
              </Text>
            }
            onSelect={() => checkout.setPayWith('combined')}
          />
        ) : null}
        {checkout.combinedQuote ? (
          <View className='card combined-confirm' id='combined-confirm'>
            <Text className='combined-confirm__title'>确认组合支付</Text>
            <View className='combined-confirm__row'>
              <Text className='muted'>订单金额</Text>
              <Text id='combined-total'>{yuan2(checkout.combinedQuote.totalFen)}</Text>
            </View>
            <View className='combined-confirm__row'>
              <Text className='muted'>储值余额支付</Text>
              <Text id='combined-balance'>{yuan2(checkout.combinedQuote.balanceFen)}</Text>
            </View>
            <View className='combined-confirm__row combined-confirm__row--sub'>
              <Text className='muted'>其中本金 / 赠送</Text>
              <Text id='combined-split'>
                本金 {yuan2(checkout.combinedQuote.principalFen)} · 赠送 {yuan2(checkout.combinedQuote.bonusFen)}
              </Text>
            </View>
            <View className='combined-confirm__row'>
              <Text className='muted'>微信支付</Text>
              <Text className='combined-confirm__cash' id='combined-cash'>
                {yuan2(checkout.combinedQuote.cashFen)}
              </Text>
            </View>
            <Text className='combined-confirm__note'>余额部分现在为本单保留，微信支付完成后才扣除；未支付、取消或超时关闭时不扣余额，保留自动解除。</Text>
            <View className='combined-confirm__actions'>
              <Button className='btn btn--small btn--ghost' id='combined-back' onClick={() => checkout.closeCombined()}>
                返回修改
              </Button>
              <Button className='btn btn--small btn--wechat' id='combined-confirm-pay' disabled={checkout.placing || root.pay.busy || undefined} onClick={() => void checkout.confirmCombined()}>
                {checkout.placing ? '处理中…' : `确认，微信支付 ${yuan2(checkout.combinedQuote.cashFen)}`}
              </Button>
            </View>
          </View>
        ) : null}

        {checkout.refusal ? (
          <View className='refusal' id='checkout-refusal'>
            <Text className='refusal__text'>{checkout.refusal.message}</Text>
            <RefusalActions
              refusal={checkout.refusal}
              fullProductId={fullProduct?._id}
              onUseWechat={() => checkout.setPayWith('wechat')}
              onUseCombined={checkout.combinedOffered ? () => checkout.setPayWith('combined') : undefined}
            />
          </View>
        ) : null}
        <NoticeBar id='checkout-notice' notice={checkout.notice} />

        <View className='checkout-bar'>
          <View className='checkout-bar__sum'>
            <Text className='checkout-bar__label'>合计</Text>
            <Text className='checkout-bar__total' id='checkout-total'>
              {formatYuan(checkout.totalFen ?? estimate)}
            </Text>
            {coupons.selected ? (
              <Text className='checkout-bar__tag' id='checkout-coupon-tag'>
                已减{formatYuan(coupons.selected.discountFen)}
              </Text>
            ) : checkout.memberPriceApplies ? (
              <Text className='checkout-bar__tag'>会员价</Text>
            ) : null}
          </View>
          <Button
            className={`btn ${trialUse ? 'btn--ghost' : checkout.payWith === 'balance' ? 'btn--dark' : 'btn--wechat'} checkout-bar__submit`}
            id='checkout-submit'
            disabled={checkout.placing || checkout.quoting || root.pay.busy || trialUse !== undefined || soldOut || undefined}
            onClick={() => void checkout.place()}
          >
            {soldOut
              ? '已售罄'
              : trialUse
                ? '已购买过'
                : checkout.placing || checkout.quoting
                  ? '处理中…'
                  : checkout.payWith === 'wechat'
                    ? '微信支付'
                    : checkout.payWith === 'combined'
                      ? checkout.pendingCombinedFen !== undefined
                        ? '继续组合支付'
                        : '组合支付'
                      : '余额支付'}
          </Button>
        </View>
        <Text className='checkout-footnote'>
          实付金额以提交订单后显示为准。{catalog.settings ? `支付后 ${catalog.settings.refundWindowDays} 天内可无理由申请退款。` : ''}
        </Text>
      </View>
    );
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
