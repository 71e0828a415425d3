import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { MESSAGE_KINDS } from '../../services/messages';
import { useStores } from '../../stores/context';
import { KIND_LABELS, type SubscribeMoment } from '../../stores/messages-store';
import { NoticeBar } from '../notice-bar';
import './index.css';

const WHY = '有专属优惠、或会员快到期时，通过微信服务通知告诉您。每次订阅最多发一条，不会打扰您。';

/** The outcome of the last answer at this moment (订阅成功 / 已拒绝 / why the dialog could not open). */
const MomentNotice = observer(function MomentNotice({ moment }: { moment: SubscribeMoment }) {
  const { messages } = useStores();
  const n = messages.notice?.moment === moment ? messages.notice.notice : undefined;
  return <NoticeBar id={`subscribe-${moment}-notice`} notice={n} onClose={() => messages.dismissNotice()} />;
});

/** After a payment: one card offering the subscriptions (shown only when the store offers it). */
export const SubscribeOffer = observer(function SubscribeOffer() {
  const { messages } = useStores();
  const shown = messages.offer?.moment === 'payment';
  return (
    <View className='subscribe-offer-wrap'>
      <MomentNotice moment='payment' />
      {shown ? (
        <View className='card subscribe-card' id='subscribe-offer'>
          <Text className='subscribe-card__title'>订阅优惠与到期提醒？</Text>
          <Text className='subscribe-card__text'>{WHY}</Text>
          <View className='subscribe-card__actions'>
            <Button className='btn btn--ghost btn--small subscribe-card__btn' id='subscribe-offer-later' onClick={() => messages.later()}>
              以后再说
            </Button>
            <Button className='btn btn--wechat btn--small subscribe-card__btn' id='subscribe-offer-ask' disabled={messages.asking !== undefined || undefined} onClick={() => void messages.ask('payment')}>
              订阅通知
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
});

/** 会员: what the customer has subscribed to, and the button to subscribe (again). */
export const SubscribePanel = observer(function SubscribePanel() {
  const { messages } = useStores();
  const g = messages.grants;
  return (
    <View className='card subscribe-card' id='subscribe-panel'>
      <Text className='subscribe-card__title'>消息提醒</Text>
      <Text className='subscribe-card__text'>{WHY}</Text>
      {g ? (
        <View className='subscribe-card__grants' id='subscribe-grants'>
          {MESSAGE_KINDS.map((k) => (
            <Text key={k} className='subscribe-card__grant' id={`subscribe-grant-${k}`}>
              {KIND_LABELS[k]}：{g[k].remaining > 0 ? `可接收 ${g[k].remaining} 条` : '未订阅'}
            </Text>
          ))}
        </View>
      ) : null}
      <MomentNotice moment='member' />
      <Button className='btn btn--wechat btn--small subscribe-card__ask' id='subscribe-ask' disabled={messages.asking !== undefined || undefined} onClick={() => void messages.ask('member')}>
        {messages.asking === 'member' ? '请在弹窗中选择…' : messages.fullySubscribed ? '再订阅一次' : '订阅到期提醒 / 优惠通知'}
      </Button>
    </View>
  );
});

/**
 * Local mode's stand-in for WeChat's subscription dialog (weapp shows WeChat's own): one tick per
 * message, 拒绝 / 允许. Each page that can ask mounts one for its moment.
 */
export const SubscribeSheetHost = observer(function SubscribeSheetHost({ moment }: { moment: SubscribeMoment }) {
  const { messages } = useStores();
  const sheet = messages.sheet;
  if (!sheet || sheet.moment !== moment) return null;
  return (
    <View className='overlay overlay--sheet subscribe-mask' id='subscribe-sheet' catchMove>
      <View className='subscribe-sheet'>
        <Text className='subscribe-sheet__brand'>会员储值商城</Text>
        <Text className='subscribe-sheet__ask'>申请发送以下消息（模拟微信订阅弹窗）</Text>
        {sheet.items.map((i) => (
          <View key={i.kind} className='subscribe-sheet__item' id={`subscribe-sheet-${i.kind}`} onClick={() => messages.toggleSheetItem(i.kind)}>
            <Text className='subscribe-sheet__label'>{KIND_LABELS[i.kind]}</Text>
            <View className={`subscribe-switch ${i.checked ? 'subscribe-switch--on' : ''}`}>
              <View className='subscribe-switch__knob' />
            </View>
          </View>
        ))}
        <Text className='subscribe-sheet__hint'>本地开发模式 · 不会发送真实的微信消息，可在「我的 › 消息」查看</Text>
        <View className='subscribe-sheet__actions'>
          <Button className='btn btn--ghost subscribe-sheet__btn' id='subscribe-sheet-reject' onClick={() => messages.rejectSheet()}>
            拒绝
          </Button>
          <Button className='btn btn--wechat subscribe-sheet__btn' id='subscribe-sheet-allow' onClick={() => messages.allowSheet()}>
            允许
          </Button>
        </View>
      </View>
    </View>
  );
});
