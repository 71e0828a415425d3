import '../zod-setup';
import { useEffect } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { actorLabel, customerLabel } from '@shared/labels/actors';
import { segmentLabel } from '@shared/segments/labels';
import type { Settings } from '@shared/settings';
import type { SyncJobView, WecomCallView } from '@shared/segments/views';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { PagedBody } from '../components/list-page';
import { OpsShell } from '../components/shell';
import type { WecomLogStore } from '../stores/wecom-log';
import { useSegmentConsole } from '../stores/segment-console';
import '../ops.css';
import '../segments.css';

const MODE_TEXT: Record<string, string> = {
  'local-recorder': '本地模式：不会真正发送到企业微信，下面记录的就是将要发送的请求（externalcontact/mark_tag）。',
  'corp-api': '已接入企业微信：同步时直接调用企业微信接口，请求不在此记录，可在企业微信后台查看客户标签。',
  'not-configured': '尚未接入企业微信：在云函数 segment 的环境变量中配置 WECOM_CORP_ID 与 WECOM_SECRET 后即可同步。',
};

const JobCard = observer(function JobCard({ j, store, rules }: { j: SyncJobView; store: WecomLogStore; rules?: Pick<Settings, 'survey'> }) {
  const on = store.jobId === j.jobId;
  const id = `wecom-job-${j.jobId}`;
  return (
    <View className={`surface ops-claim ${on ? 'seg-job--on' : ''}`} id={id} onClick={() => store.select(on ? undefined : j.jobId)}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>{segmentLabel(j.key, rules)}</Text>
        <Text className='ops-claim__name'>标签 {j.tagId}</Text>
        <Text className={`ops-claim__state ${j.state === 'done' ? 'ops-claim__state--shipped' : ''}`}>{j.state === 'done' ? '已完成' : '未完成'}</Text>
      </View>
      <Text className='ops-claim__items' id={`${id}-counts`}>
        共 {j.total} 人 · 已处理 {j.processed} · 打上标签 {j.tagged} · 跳过 {j.skipped} · 失败 {j.failed}
      </Text>
      <Text className='ops-claim__items'>
        {dateTime(j.createdAt)} 由{actorLabel(j.by)}发起{j.finishedAt ? ` · ${dateTime(j.finishedAt)} 完成` : ' · 可在分群名单点「继续同步」接着做'}
      </Text>
      {j.failures.length ? (
        <Text className='ops-claim__items' id={`${id}-failures`}>
          失败：{j.failures.slice(0, 3).map((f) => `${customerLabel(f.openid)}（${f.errcode} ${f.errmsg}）`).join('；')}
        </Text>
      ) : null}
      <Text className='link ops-audit__more'>{on ? '显示全部请求' : '只看这次同步的请求'}</Text>
    </View>
  );
});

function CallCard({ c }: { c: WecomCallView }) {
  return (
    <View className='surface ops-claim' id={`wecom-call-${c.callId}`}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>mark_tag</Text>
        <Text className='ops-claim__name'>{customerLabel(c.openid)}</Text>
        <Text className={`ops-claim__state ${c.result.errcode === 0 ? 'ops-claim__state--shipped' : ''}`}>{c.result.errcode === 0 ? '成功' : `失败 ${c.result.errcode}`}</Text>
      </View>
      <Text className='ops-claim__items'>{dateTime(c.at)} · POST /cgi-bin/externalcontact/mark_tag</Text>
      <Text className='seg-code'>{JSON.stringify(c.body, null, 2)}</Text>
    </View>
  );
}

/** 企业微信同步记录: tag sync jobs and the mark_tag requests the local recorder kept. */
function WecomSyncPage() {
  const { session } = useStores();
  const { wecom: store, rules } = useSegmentConsole();
  const jobId = useRouter().params.jobId || undefined;

  useEffect(() => {
    if (!session.isLoggedIn) return;
    void store.load(jobId);
    void rules.ensureLoaded();
  }, [session.isLoggedIn, store, jobId, rules]);
  usePullDownRefresh(() => {
    void store.load(store.jobId).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void store.calls.loadMore());

  const { jobs, calls } = store;
  return (
    <OpsShell forbidden={store.forbidden}>
      {store.mode ? (
        <Text className='ops__intro seg-intro' id='wecom-mode'>
          {MODE_TEXT[store.mode]}
        </Text>
      ) : null}
      <Text className='section-title'>同步任务</Text>
      <PagedBody list={jobs} id='wecom-jobs' footer='wecom-jobs' footerOnlyWhenMore loadingText='正在加载同步任务…' empty='还没有同步过。在分群名单页点「同步到企业微信标签」开始。'>
        {(j) => <JobCard key={j.jobId} j={j} store={store} rules={rules.loaded} />}
      </PagedBody>
      <Text className='section-title' id='wecom-calls-title'>
        {store.jobId ? '这次同步发出的请求' : '全部请求（最新在前）'}
      </Text>
      <PagedBody list={calls} id='wecom-calls' footer='wecom-calls' loadingText='正在加载请求记录…' empty='没有记录的请求。'>
        {(c) => <CallCard key={c.callId} c={c} />}
      </PagedBody>
    </OpsShell>
  );
}

export default observer(WecomSyncPage);
