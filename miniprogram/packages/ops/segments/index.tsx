import { useEffect, useRef } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { CountedFamily, CountedSegment } from '@shared/segments/labels';
import { beforeFirstLoad } from '../../../components/load-state';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { OpsShell } from '../components/shell';
import { keyDomId } from '../format/segments';
import { segmentListUrl, wecomSyncUrl } from '../routes';
import type { SegmentDashboardStore } from '../stores/segment-dashboard';
import { useSegmentConsole } from '../stores/segment-console';
import '../ops.css';
import '../segments.css';

/** While the page is shown, counts refresh by themselves: a purchase elsewhere shows up here within seconds. */
const AUTO_REFRESH_MS = 10_000;

/** Calls `tick` every `ms` while the page is on screen (stops when hidden or closed). */
function useWhileShown(tick: () => void, ms: number) {
  const timer = useRef<ReturnType<typeof setInterval> | undefined>(undefined);
  const stop = () => {
    if (timer.current !== undefined) clearInterval(timer.current);
    timer.current = undefined;
  };
  useDidShow(() => {
    stop();
    timer.current = setInterval(tick, ms);
  });
  useDidHide(stop);
  useEffect(() => stop, []);
}

const Row = observer(function Row({ s, store }: { s: CountedSegment; store: SegmentDashboardStore }) {
  const id = `seg-${keyDomId(s.key)}`;
  const delta = store.delta(s.key);
  return (
    <View className='seg-row' id={id} onClick={() => void Taro.navigateTo({ url: segmentListUrl(s.key) })}>
      <View className='seg-row__main'>
        <Text className='seg-row__label'>{s.label}</Text>
        <Text className='seg-row__hint'>{s.hint}</Text>
      </View>
      {delta ? (
        <Text className={`seg-row__delta ${delta < 0 ? 'seg-row__delta--down' : ''}`} id={`${id}-delta`}>
          {delta > 0 ? `+${delta}` : delta}
        </Text>
      ) : null}
      <Text className={`seg-row__count ${s.count === 0 ? 'seg-row__count--zero' : ''}`} id={`${id}-count`}>
        {s.count}
      </Text>
      <Text className='seg-row__arrow'>›</Text>
    </View>
  );
});

function Family({ f, store }: { f: CountedFamily; store: SegmentDashboardStore }) {
  const single = f.segments.length === 1;
  return (
    <View className={`surface seg-family ${single ? 'seg-family--single' : ''}`} id={`seg-family-${f.id}`}>
      {single ? null : (
        <View className='seg-family__head'>
          <Text className='seg-family__title'>{f.title}</Text>
          <Text className='seg-family__hint'>{f.hint}</Text>
        </View>
      )}
      {f.segments.map((s) => (
        <Row key={s.key} s={s} store={store} />
      ))}
    </View>
  );
}

/** 客户分群: how many customers are in each segment, by family; tap a segment for its members. */
function SegmentsPage() {
  const { session } = useStores();
  const { dashboard } = useSegmentConsole();
  const read = dashboard.read;

  useEffect(() => {
    if (!session.isLoggedIn) return;
    dashboard.startVisit();
    void dashboard.load();
  }, [session.isLoggedIn, dashboard]);
  // Back from a list or a customer: counts as they are now.
  useDidShow(() => {
    if (session.isLoggedIn && dashboard.counts) void dashboard.load();
  });
  useWhileShown(() => {
    if (session.isLoggedIn && !read.loading && !read.forbidden) void dashboard.load();
  }, AUTO_REFRESH_MS);
  usePullDownRefresh(() => {
    void dashboard.load().finally(() => Taro.stopPullDownRefresh());
  });

  let body = beforeFirstLoad(!!dashboard.counts, read.error, () => void dashboard.load(), '正在统计各分群人数…');
  if (!body)
    body = (
      <View id='seg-dashboard'>
        {read.error ? (
          <Text className='ops__error' id='seg-refresh-error'>
            刷新失败：{read.error}（下面是上次的统计）
          </Text>
        ) : null}
        {dashboard.families.map((f) => (
          <Family key={f.id} f={f} store={dashboard} />
        ))}
        <Text className='link ops__link' id='seg-wecom-log' onClick={() => void Taro.navigateTo({ url: wecomSyncUrl() })}>
          企业微信同步记录 ›
        </Text>
      </View>
    );

  return (
    <OpsShell forbidden={read.forbidden}>
      <View className='seg-head'>
        <View className='seg-head__main'>
          <Text className='seg-head__title'>客户分群</Text>
          <Text className='seg-head__sub' id='seg-counted-at'>
            {dashboard.countedAt ? `统计于 ${dateTime(dashboard.countedAt)} · 每 10 秒自动刷新，绿色 +n 为打开本页以来的变化` : '每位顾客的分群随购买、互动和时间自动更新'}
          </Text>
        </View>
        <Button className='btn btn--ghost btn--small' id='seg-refresh' disabled={read.loading || undefined} onClick={() => void dashboard.load()}>
          {read.loading ? '刷新中…' : '刷新'}
        </Button>
      </View>
      {body}
    </OpsShell>
  );
}

export default observer(SegmentsPage);
