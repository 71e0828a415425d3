import { useEffect } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatCardNo, MEMBER_CODE_QR_PREFIX, CARD_NO_DIGITS } from '@shared/membership/member-code';
import { beforeFirstLoad } from '../../../components/load-state';
import { GatedPage } from '../../../components/sign-in-gate';
import { useNow } from '../../../components/use-now';
import { ORDER_LIST_URL } from '../../../format/routes';
import { useStores } from '../../../stores/context';
import { QrCode } from '../components/qr-code';
import { useMemberCode } from '../stores/member-code-store';
import '../member.css';

/** 123 456: the one-time part, in two groups of three for reading aloud. */
const otpText = (code: string) => code.slice(CARD_NO_DIGITS).replace(/(\d{3})(\d{3})/, '$1 $2');

/**
 * 会员码: the QR and the digits the counter scans or types to hand over 到店自提 orders, welcome
 * packs and tier gifts. The code changes every minute (made and checked on the server), so a
 * screenshot is useless after two minutes; the page keeps it current while it is shown.
 */
function MemberCodePage() {
  const root = useStores();
  const store = useMemberCode();
  const signedIn = root.session.isLoggedIn;
  const now = useNow(1_000);

  useDidShow(() => {
    if (signedIn) void store.start();
  });
  useDidHide(() => store.stop());
  useEffect(() => {
    if (signedIn) {
      void store.start();
      void root.orders.loadCounts();
    }
    return () => store.stop();
  }, [signedIn, store, root]);

  const v = store.view;
  const waiting = root.orders.counts?.['to-pickup'] ?? 0;
  const body = beforeFirstLoad(!!v, store.error, () => void store.start(), '正在生成会员码…') ?? (
    <View className='surface member-code' id='member-code'>
      <Text className='member-code__title'>到店出示会员码</Text>
      <Text className='member-code__card' id='member-card-no'>
        会员卡号 {v ? formatCardNo(v.cardNo) : ''}
      </Text>
      {v ? <QrCode text={MEMBER_CODE_QR_PREFIX + v.code} size={400} id='member-qr' /> : null}
      <Text className='member-code__digits' id='member-code-digits'>
        {v ? otpText(v.code) : ''}
      </Text>
      <Text className='member-code__refresh' id='member-code-refresh'>
        {store.secondsLeft(now)} 秒后自动更新，截图无效
      </Text>
      <Text className='member-code__hint'>店员扫码或输入卡号与 6 位数字，核对后交付您的自提订单、入会礼包和消费礼。</Text>
      {waiting > 0 ? (
        <Text className='link member-code__waiting' id='member-code-waiting' onClick={() => {
            root.orders.setTab('to-pickup');
            void Taro.navigateTo({ url: ORDER_LIST_URL });
          }}>
          您有 {waiting} 个订单待自提 ›
        </Text>
      ) : null}
    </View>
  );

  return <GatedPage className='member-code-page'>{body}</GatedPage>;
}

export default observer(MemberCodePage);
