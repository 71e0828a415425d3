import Taro, { useDidHide } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { formatCardNo } from '@shared/membership/member-code';
import { TickBox } from '../../../components/choice';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { OpsShell } from '../components/shell';
import { CustomerName } from '../components/customer-name';
import { useBackOffice } from '../stores/back-office';
import type { PickupCounterStore } from '../stores/pickup-counter-store';
import '../ops.css';

// A build-time constant: the camera exists in WeChat; in the browser the code is typed.
const CAN_SCAN = process.env.TARO_ENV === 'weapp';

async function scan(store: PickupCounterStore): Promise<void> {
  try {
    const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
    await store.scanned(r.result);
  } catch {
    // Closing the camera is not an error; the field stays for typing.
  }
}

const CodeForm = observer(function CodeForm({ store }: { store: PickupCounterStore }) {
  return (
    <View className='surface ops-counter' id='counter-form'>
      <Text className='ops-counter__title'>核对会员码</Text>
      <Text className='ops-counter__hint'>请顾客打开「会员」›「会员码」。扫码，或输入码下的卡号和 6 位数字（每分钟更新）。</Text>
      {CAN_SCAN ? (
        <Button className='btn btn--dark ops-counter__scan' id='counter-scan' onClick={() => void scan(store)}>
          扫码核对
        </Button>
      ) : null}
      <Input
        className='field ops-input ops-counter__input'
        id='counter-code'
        type='number'
        value={store.code}
        maxlength={20}
        placeholder='16 位数字'
        onInput={(e) => store.setCode(e.detail.value)}
        onConfirm={() => void store.lookup()}
      />
      {store.problem ? (
        <Text className='ops-counter__problem' id='counter-problem'>
          {store.problem}
        </Text>
      ) : null}
      <Button className='btn btn--primary ops-counter__check' id='counter-check' disabled={store.looking || undefined} onClick={() => void store.lookup()}>
        {store.looking ? '核对中…' : '核对'}
      </Button>
    </View>
  );
});

const Pickups = observer(function Pickups({ store }: { store: PickupCounterStore }) {
  const v = store.view;
  if (!v) return null;
  const empty = v.orders.length + v.gifts.length === 0;
  return (
    <View className='surface ops-counter' id='counter-pickups'>
      <Text className='ops-counter__title'>会员卡 {formatCardNo(v.cardNo)}</Text>
      <CustomerName id='counter-customer' openid={v.openid} customer={v.customer} large />
      {v.orders.map((o) => (
        <TickBox key={o.orderId} id={`counter-order-${o.orderId}`} checked={store.chosenOrders.has(o.orderId)} onChange={() => store.toggleOrder(o.orderId)}>
          <View className='ops-counter__item'>
            <Text className='ops-counter__item-name'>{o.lines.map((l) => `${l.name} ×${l.qty}`).join('、')}</Text>
            <Text className='ops-counter__item-sub'>
              自提订单 · {formatYuan(o.totalFen)}
              {o.paidAt ? ` · ${dateTime(o.paidAt)} 支付` : ''}
            </Text>
          </View>
        </TickBox>
      ))}
      {v.gifts.map((g) => (
        <TickBox key={g.entitlementId} id={`counter-gift-${g.entitlementId}`} checked={store.chosenGifts.has(g.entitlementId)} onChange={() => store.toggleGift(g.entitlementId)}>
          <View className='ops-counter__item'>
            <Text className='ops-counter__item-name'>{g.name}</Text>
            <Text className='ops-counter__item-sub'>
              {g.source === 'welcome' ? '入会礼包' : '消费礼'} · {g.items.join('、')}
            </Text>
          </View>
        </TickBox>
      ))}
      {empty ? null : (
        <Button className='btn btn--dark ops-counter__confirm' id='counter-confirm' disabled={store.confirming || store.chosenCount === 0 || undefined} onClick={() => void store.confirm()}>
          {store.confirming ? '处理中…' : `确认交付 ${store.chosenCount} 项`}
        </Button>
      )}
    </View>
  );
});

/** 到店核销: check the customer's member code, hand over what they may collect, confirm. */
function PickupCounterPage() {
  const { pickup } = useBackOffice();
  useDidHide(() => pickup.reset());
  return (
    <OpsShell forbidden={pickup.forbidden}>
      <NoticeBar id='counter-notice' notice={pickup.notice} onClose={() => pickup.dismissNotice()} />
      <CodeForm store={pickup} />
      <Pickups store={pickup} />
    </OpsShell>
  );
}

export default observer(PickupCounterPage);
