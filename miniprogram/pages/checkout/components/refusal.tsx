import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { checkoutUrl, HOME_URL, MEMBER_URL, ORDER_LIST_URL, WALLET_URL } from '../../../format/routes';
import type { CheckoutRefusal } from '../../../stores/checkout-store';

interface RefusalProps {
  refusal: CheckoutRefusal;
  onUseWechat: () => void;
  onUseCombined?: () => void;
  fullProductId?: string;
}

/** The next step each refusal offers, besides its message (which says what happened). */
function RefusalActions({ refusal, onUseWechat, onUseCombined, fullProductId }: RefusalProps) {
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
      return <OneAction id='refusal-orders' ghost label='去「我的订单」支付或取消' go={() => void Taro.navigateTo({ url: ORDER_LIST_URL })} />;
    case 'MEMBERS_ONLY_UNTIL':
      return <OneAction id='refusal-join' label='开通会员' go={() => void Taro.switchTab({ url: MEMBER_URL })} />;
    case 'TRIAL_ALREADY_USED':
      return fullProductId ? <OneAction id='refusal-full' label='购买正装' go={() => void Taro.redirectTo({ url: checkoutUrl(fullProductId) })} /> : null;
    case 'NOT_FOUND':
    case 'PRODUCT_UNAVAILABLE':
    case 'OUT_OF_STOCK':
      return <OneAction id='refusal-home' ghost label='返回首页' go={() => void Taro.switchTab({ url: HOME_URL })} />;
    default:
      return null;
  }
}

function OneAction({ id, label, ghost, go }: { id: string; label: string; ghost?: boolean; go: () => void }) {
  return (
    <View className='refusal__actions'>
      <Button className={`btn btn--small ${ghost ? 'btn--ghost' : 'btn--primary'}`} id={id} onClick={go}>
        {label}
      </Button>
    </View>
  );
}

/** order.create said no: what happened, and what to do next. */
export function RefusalBox(props: RefusalProps) {
  return (
    <View className='refusal' id='checkout-refusal'>
      <Text className='refusal__text'>{props.refusal.message}</Text>
      <RefusalActions {...props} />
    </View>
  );
}
