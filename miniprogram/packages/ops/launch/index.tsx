import '../zod-setup';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { LAUNCH_STATUS_LABELS, type LaunchLink } from '@shared/ops/launch-checklist';
import { beforeFirstLoad } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import type { LaunchItem } from '../../../services/ops';
import { OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { OPS_SHIPPING_UPLOADS_URL, settingsAreaUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import type { LaunchChecklistStore } from '../stores/launch-store';
import '../ops.css';
import '../launch.css';

const PAGE_URLS: Record<Extract<LaunchLink, { kind: 'page' }>['page'], string> = {
  'settings-messages': settingsAreaUrl('messages'),
  'settings-staff': settingsAreaUrl('staff'),
  'shipping-uploads': OPS_SHIPPING_UPLOADS_URL,
};

/** A document cannot open inside the Mini Program: its address is copied for a browser (the README is only named). */
function openLink(link: LaunchLink): void {
  if (link.kind === 'page') {
    void Taro.navigateTo({ url: PAGE_URLS[link.page] });
    return;
  }
  if (!/^https:\/\//.test(link.url)) return;
  void Promise.resolve(Taro.setClipboardData({ data: link.url })).catch(() => undefined);
}

const LAUNCH_TONES: Record<LaunchItem['status'], string> = { done: 'good', missing: 'bad', unknown: 'wait' };

const ItemCard = observer(function ItemCard({ item, store }: { item: LaunchItem; store: LaunchChecklistStore }) {
  const id = `launch-${item.key}`;
  return (
    <View className={`ops-claim launch-item launch-item--${item.status}`} id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__name launch-item__title'>{item.title}</Text>
        <Text className={`ops-status ops-status--${LAUNCH_TONES[item.status]}`} id={`${id}-status`}>
          {LAUNCH_STATUS_LABELS[item.status]}
        </Text>
      </View>
      <Text className='launch-item__now' id={`${id}-now`}>
        {item.now}
      </Text>
      {item.rows?.length ? (
        <View className='launch-item__rows' id={`${id}-rows`}>
          {item.rows.map((r, i) => (
            <View key={r.label} className='launch-row' id={`${id}-row-${i}`}>
              <Text className={`launch-row__dot launch-row__dot--${r.status}`}>{r.status === 'done' ? '✓' : r.status === 'missing' ? '✕' : '?'}</Text>
              <View className='launch-row__main'>
                <Text className='launch-row__label'>{r.label}</Text>
                <Text className='launch-row__text'>{r.text}</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {item.todo.length ? (
        <View className='launch-item__todo' id={`${id}-todo`}>
          <Text className='launch-item__label'>{item.status === 'missing' ? '怎么做' : '建议'}</Text>
          {item.todo.map((t, i) => (
            <Text key={t} className='launch-item__step'>
              {item.todo.length > 1 ? `${i + 1}. ` : ''}
              {t}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className='launch-item__why'>{item.why}</Text>
      <Text className='launch-item__meta' id={`${id}-detects`}>
        本页如何判断：{item.detects}
      </Text>
      <Text className='launch-item__meta'>手动核对：{item.check}</Text>
      {item.confirm?.canConfirm ? (
        <Button
          className={`btn btn--small ${item.confirm.confirmed ? 'btn--ghost' : 'btn--dark'} launch-item__confirm`}
          id={`${id}-confirm`}
          disabled={store.confirming || undefined}
          onClick={() => void store.confirmBaseLibrary(!item.confirm!.confirmed)}
        >
          {store.confirming ? '正在保存…' : item.confirm.confirmed ? '取消确认' : '已在小程序后台设置'}
        </Button>
      ) : null}
      {item.links.length ? (
        <View className='launch-item__links'>
          {item.links.map((l, i) => (
            <Text key={l.label} className='launch-item__link' id={`${id}-link-${i}`} onClick={() => openLink(l)}>
              {l.kind === 'page' ? `前往 ${l.label} ›` : /^https:\/\//.test(l.url) ? `${l.label}（点按复制链接）` : `见 ${l.label}`}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
});

/**
 * 上线检查: before (and after) going live, each production prerequisite — the owner, the env id,
 * the merchant binding, the message templates, the cloud-call permissions, shipping-info
 * management, the privacy guide, the minimum base library — with where it stands and what to do.
 */
function LaunchPage() {
  const { launch } = useBackOffice();
  const read = launch.read;
  // Things get fixed elsewhere (settings, the MP console): every visit and every return re-checks.
  useListPaging(read, () => void read.load());

  const v = read.data;
  let body = beforeFirstLoad(!!v, read.error, () => void read.load(), '正在检查上线准备…');
  if (!body && v) {
    body = (
      <View id='ops-launch'>
        <View className='launch-summary' id='launch-summary'>
          <Text className='launch-summary__title'>{v.counts.missing === 0 && v.counts.unknown === 0 ? '上线准备已全部完成' : `还有 ${v.counts.missing} 项未完成，${v.counts.unknown} 项待确认`}</Text>
          <Text className='launch-summary__counts' id='launch-counts'>
            已完成 {v.counts.done} · 未完成 {v.counts.missing} · 待确认 {v.counts.unknown}
          </Text>
          <Text className='launch-summary__time'>
            检查于 {dateTime(v.checkedAt)}
            {read.loading ? ' · 正在刷新…' : ''}
          </Text>
          {v.local ? (
            <Text className='launch-summary__local' id='launch-local'>
              本地模式：云函数、数据库和支付都是本机的模拟，以下结果只说明上线后要检查什么。部署到云开发后，请在微信里打开本页再检查一次。
            </Text>
          ) : null}
          <Button className='btn btn--ghost btn--small launch-summary__refresh' id='launch-refresh' disabled={read.loading || undefined} onClick={() => void read.load()}>
            {read.loading ? '检查中…' : '重新检查'}
          </Button>
        </View>
        {read.error ? (
          <Text className='ops__error' id='launch-error'>
            {read.error}
          </Text>
        ) : null}
        <NoticeBar id='launch-notice' notice={launch.notice} onClose={() => launch.dismissNotice()} />
        {v.items.map((i) => (
          <ItemCard key={i.key} item={i} store={launch} />
        ))}
      </View>
    );
  }
  return <OpsShell forbidden={read.forbidden}>{body}</OpsShell>;
}

export default observer(LaunchPage);
