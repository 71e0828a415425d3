import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { beforeFirstLoad, EmptyView } from '../../components/load-state';
import { NoticeBar } from '../../components/notice-bar';
import { SignInGate } from '../../components/sign-in-gate';
import { dateTime, fullDate } from '../../format/date';
import { openMiniProgramPage } from './open-page';
import type { InboxItem } from '../../services/messages';
import { useStores } from '../../stores/context';
import { KIND_LABELS } from '../../stores/messages-store';
import { useInbox, type InboxStore } from './inbox-store';
import './inbox.css';

const EMPTY = '还没有消息。您订阅后，优惠通知和会员到期提醒会以微信服务通知发给您，也都会出现在这里。可在「会员」页订阅。';

/** "优惠截止 2026-06-01" / "会员到期 2026-06-01": what the message's time field says. */
const untilText = (m: InboxItem) => `${m.kind === 'renewal' ? '会员到期' : '优惠截止'} ${fullDate(m.until)}`;

const MessageRow = observer(function MessageRow({ m, index, store }: { m: InboxItem; index: number; store: InboxStore }) {
  const id = `inbox-${index}`;
  const unread = m.openedAt === undefined;
  const open = () =>
    void store.open(m).then((page) => {
      if (page) openMiniProgramPage(page);
    });
  return (
    <View className={`card inbox-item ${unread ? 'inbox-item--unread' : ''}`} id={id} onClick={open}>
      <View className='inbox-item__head'>
        <Text className='inbox-item__kind'>{KIND_LABELS[m.kind]}</Text>
        {unread ? (
          <Text className='inbox-item__dot' id={`${id}-unread`}>
            未读
          </Text>
        ) : null}
        <Text className='inbox-item__time'>{dateTime(m.sentAt)}</Text>
      </View>
      <Text className='inbox-item__title' id={`${id}-title`}>
        {m.title}
      </Text>
      <Text className='inbox-item__detail'>{m.detail}</Text>
      <View className='inbox-item__foot'>
        <Text className='inbox-item__until'>{untilText(m)}</Text>
        <Text className='inbox-item__go'>{store.opening === m.messageId ? '正在打开…' : '查看 ›'}</Text>
      </View>
    </View>
  );
});

/** 消息: what arrived as WeChat service notifications (locally: what would have arrived). */
function InboxPage() {
  const root = useStores();
  const store = useInbox();
  const list = store.list;

  useEffect(() => {
    if (root.session.isLoggedIn) void list.ensureLoaded();
  }, [root.session.isLoggedIn, list]);
  useDidShow(() => {
    if (root.session.isLoggedIn && list.loaded) void list.load();
  });
  usePullDownRefresh(() => {
    void list.load().finally(() => Taro.stopPullDownRefresh());
  });

  let body = beforeFirstLoad(list.loaded, list.error, () => void list.load());
  if (!body && list.isEmpty) body = <EmptyView text={EMPTY} />;
  else if (!body)
    body = (
      <View id='inbox-list'>
        {list.items.map((m, i) => (
          <MessageRow key={m.messageId} m={m} index={i} store={store} />
        ))}
        {list.hasMore ? (
          <Button className='btn btn--ghost btn--small inbox__more' id='inbox-more' disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
            {list.loadingMore ? '加载中…' : '加载更多'}
          </Button>
        ) : (
          <Text className='inbox__end'>消息以微信服务通知送达；这里保留每一条的记录。</Text>
        )}
      </View>
    );

  return (
    <View className='page inbox' id='inbox'>
      <SignInGate signedIn={root.session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        <NoticeBar id='inbox-notice' notice={store.notice} onClose={() => store.dismissNotice()} />
        {body}
      </SignInGate>
    </View>
  );
}

export default observer(InboxPage);
