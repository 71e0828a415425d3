import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { isSegmentKey } from '@shared/segments/keys';
import { segmentHint, segmentLabel } from '@shared/segments/labels';
import type { SegmentMemberRow } from '@shared/segments/views';
import { CustomerName } from '../components/customer-name';
import { EmptyView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { useStores } from '../../../stores/context';
import { PagedBody } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { memberChips, memberFacts } from '../format/segments';
import { followupNewUrl, segmentCustomerUrl, wecomSyncUrl } from '../routes';
import { useSegmentConsole } from '../stores/segment-console';
import type { CsvExportStore } from '../stores/segment-export';
import type { TagSyncStore } from '../stores/tag-sync';
import '../ops.css';
import '../segments.css';

function MemberRow({ m }: { m: SegmentMemberRow }) {
  const id = `seg-member-${m.openid}`;
  return (
    <View className='surface seg-member' id={id} onClick={() => void Taro.navigateTo({ url: segmentCustomerUrl(m.openid) })}>
      <View className='seg-member__main'>
        <View className='seg-member__top'>
          <CustomerName id={`${id}-who`} openid={m.openid} customer={m.customer} />
          {memberChips(m).map((c, i) => (
            <Text key={c} className={`seg-chip ${i === 1 && m.life ? 'seg-chip--life' : ''}`}>
              {c}
            </Text>
          ))}
        </View>
        <Text className='seg-member__facts' id={`${id}-facts`}>
          {memberFacts(m)}
        </Text>
      </View>
      <Text className='seg-row__arrow'>›</Text>
    </View>
  );
}

const Progress = ({ done, total }: { done: number; total: number | undefined }) => (
  <View className='seg-bar'>
    <View className='seg-bar__fill' style={{ width: `${total ? Math.min(100, Math.round((done / total) * 100)) : done ? 100 : 0}%` }} />
  </View>
);

const ExportPanel = observer(function ExportPanel({ x }: { x: CsvExportStore }) {
  if (x.state === 'idle') return null;
  return (
    <View className='surface seg-panel' id='seg-export'>
      <Text className='seg-panel__title'>导出 CSV</Text>
      {x.running ? (
        <View>
          <Text className='seg-panel__text' id='seg-export-progress'>
            正在导出… {x.progressText}
          </Text>
          <Progress done={x.rows} total={x.total} />
        </View>
      ) : null}
      <NoticeBar notice={x.notice} id='seg-export-notice' />
      {x.running || x.canShare ? (
        <View className='seg-panel__buttons'>
          {x.running ? (
            <Button className='btn btn--ghost btn--small' id='seg-export-cancel' onClick={() => x.cancel()}>
              取消
            </Button>
          ) : (
            <Button className='btn btn--wechat btn--small' id='seg-export-share' disabled={x.sharing || undefined} onClick={() => void x.share()}>
              发送到聊天
            </Button>
          )}
        </View>
      ) : null}
    </View>
  );
});

const SyncPanel = observer(function SyncPanel({ s }: { s: TagSyncStore }) {
  const job = s.job;
  return (
    <View className='surface seg-panel' id='seg-sync'>
      <Text className='seg-panel__title'>同步到企业微信标签</Text>
      <Text className='seg-panel__hint'>给名单里每位是企业微信联系人的顾客打上这个客户标签（企业微信管理后台 › 客户联系 › 客户标签 中可查到标签 ID）。重复同步不会重复打标签。</Text>
      <View className='field' id='seg-sync-tag'>
        <Input id='seg-sync-tag-input' value={s.tagId} placeholder='标签 ID，如 etAbCdEf123' disabled={s.running} onInput={(e) => s.setTagId(e.detail.value)} />
      </View>
      {s.inputError ? (
        <Text className='ops-field__error' id='seg-sync-tag-error'>
          {s.inputError}
        </Text>
      ) : null}
      {job ? (
        <View>
          <Text className='seg-panel__text' id='seg-sync-progress'>
            {s.progressText} · 已打标签 {job.tagged} · 跳过 {job.skipped} · 失败 {job.failed}
          </Text>
          {s.running ? <Progress done={job.processed} total={job.total} /> : null}
        </View>
      ) : null}
      <NoticeBar notice={s.notice} id='seg-sync-notice' />
      <View className='seg-panel__buttons'>
        {job ? (
          <Text className='link' id='seg-sync-log' onClick={() => void Taro.navigateTo({ url: wecomSyncUrl(job.jobId) })}>
            查看同步记录
          </Text>
        ) : null}
        {s.running ? (
          <Button className='btn btn--ghost btn--small' id='seg-sync-stop' onClick={() => s.stop()}>
            停止
          </Button>
        ) : (
          <Button className='btn btn--ghost btn--small' id='seg-sync-close' onClick={() => s.hideForm()}>
            收起
          </Button>
        )}
        {s.running ? null : (
          <Button className='btn btn--dark btn--small' id='seg-sync-start' onClick={() => void s.start()}>
            {job?.more ? '继续同步' : job ? '再次同步' : '开始同步'}
          </Button>
        )}
      </View>
    </View>
  );
});

/** 分群名单: one segment's members (加载更多), 导出 CSV, 同步到企业微信标签; tap a member for their page. */
function SegmentListPage() {
  const { session } = useStores();
  const { list: store, exporter, sync, rules } = useSegmentConsole();
  const list = store.list;
  const raw = useRouter().params.key;
  const key = raw ? decodeURIComponent(raw) : '';
  const valid = isSegmentKey(key);

  useEffect(() => {
    if (!session.isLoggedIn || !valid) return;
    store.open(key);
    sync.open(key);
    void rules.ensureLoaded();
  }, [session.isLoggedIn, valid, key, store, sync, rules]);
  // The console keeps one list: back from another segment's list, show this one again.
  useDidShow(() => {
    if (!session.isLoggedIn || !valid || store.key === key) return;
    store.open(key);
    sync.open(key);
  });
  usePullDownRefresh(() => {
    void store.reload().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void list.loadMore());

  if (!valid) {
    return (
      <OpsShell forbidden={false}>
        <EmptyView text='没有这个分群。请从「客户分群」页选择一个分群。' />
      </OpsShell>
    );
  }

  const exportingOther = exporter.running && exporter.key !== key;
  const shown = store.key === key;
  return (
    <OpsShell forbidden={list.forbidden}>
      <View className='seg-head'>
        <View className='seg-head__main'>
          <Text className='seg-head__title' id='seg-list-title'>
            {segmentLabel(key, rules.loaded)}
          </Text>
          <Text className='seg-head__sub'>{segmentHint(key, rules.rules)}</Text>
          <Text className='seg-head__sub' id='seg-list-total'>
            {!shown || store.total === undefined ? '正在统计人数…' : `共 ${store.total} 人 · 按顾客编号排序`}
          </Text>
        </View>
      </View>
      <View className='seg-actions'>
        <Button className='btn btn--dark btn--small' id='seg-export-start' disabled={exporter.running || !shown || !store.total || undefined} onClick={() => void exporter.start(key)}>
          {exporter.running ? '导出中…' : '导出 CSV'}
        </Button>
        <Button className='btn btn--ghost btn--small' id='seg-sync-open' disabled={!shown || !store.total || undefined} onClick={() => sync.showForm()}>
          同步到企业微信标签
        </Button>
        <Button className='btn btn--ghost btn--small' id='seg-followup' disabled={!shown || !store.total || undefined} onClick={() => void Taro.navigateTo({ url: followupNewUrl({ segment: key }) })}>
          建一对一跟进任务
        </Button>
      </View>
      {exportingOther ? <Text className='ops__intro'>另一个分群正在导出，完成或取消后再导出本分群。</Text> : null}
      {exporter.key === key ? <ExportPanel x={exporter} /> : null}
      {sync.key === key && sync.formOpen ? <SyncPanel s={sync} /> : null}
      {!shown ? (
        <LoadingView text='正在加载名单…' />
      ) : (
        <PagedBody list={list} id='seg-members' footer='seg-members' loadingText='正在加载名单…' empty='这个分群现在没有顾客。顾客购买、互动或时间推移后会自动进入。'>
          {(m) => <MemberRow key={m.openid} m={m} />}
        </PagedBody>
      )}
    </OpsShell>
  );
}

export default observer(SegmentListPage);
