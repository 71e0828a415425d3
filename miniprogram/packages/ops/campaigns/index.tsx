import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { dateTime } from '../../../format/date';
import type { CampaignView } from '../../../services/campaign';
import { ProgressBar, StatusChip } from '../components/campaign-bits';
import { ListFooter, OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { audienceText, launchProgress } from '../format/campaign';
import { CAMPAIGN_NEW_URL, campaignUrl } from '../routes';
import { useCampaignConsole } from '../stores/campaign-console';
import '../ops.css';
import '../campaign.css';

const CampaignCard = observer(function CampaignCard({ c, index }: { c: CampaignView; index: number }) {
  const { settings } = useCampaignConsole();
  const id = `cmp-${index}`;
  const s = c.stats;
  return (
    <View className='card cmp-card' id={id} onClick={() => void Taro.navigateTo({ url: campaignUrl(c._id) })}>
      <View className='cmp-card__head'>
        <Text className='cmp-card__name'>{c.name}</Text>
        <StatusChip id={`${id}-status`} status={c.status} />
      </View>
      <Text className='cmp-card__line'>人群：{audienceText(c.conditions[0].args.anyOf, settings.rules)}</Text>
      <Text className='cmp-card__line'>
        {dateTime(c.schedule.startAt)} 至 {dateTime(c.schedule.endAt)}
      </Text>
      {c.status === 'launching' ? <ProgressBar id={`${id}-progress`} {...launchProgress(c, undefined)} /> : null}
      {c.status === 'draft' ? (
        <Text className='cmp-card__counts'>草稿 · 点开预览人数并发布</Text>
      ) : (
        <Text className='cmp-card__counts' id={`${id}-counts`}>
          目标 {s.audience} 人 · 已发送 {s.sent} · 用券 {s.couponsUsed} · 转化 {s.convertedTreated}
        </Text>
      )}
    </View>
  );
});

/** 运营后台 · 营销活动: campaigns newest first, with status and progress; 新建活动. */
function CampaignsPage() {
  const cc = useCampaignConsole();
  const list = cc.list.list;

  useListPaging(list, () => {
    void list.ensureLoaded();
    void cc.settings.ensureLoaded();
  });

  let body;
  if (!list.loaded && list.error && !list.forbidden) body = <ErrorView message={list.error} onRetry={() => void list.load()} />;
  else if (!list.loaded) body = <LoadingView />;
  else
    body = (
      <View id='ops-campaigns'>
        <Text className='ops__intro'>按分群给顾客发券和订阅消息。每个生命周期阶段能收到什么优惠、每 7 天最多收几条，由「设置 › 触达策略」决定；超出的不会发出，只计数。</Text>
        <Button className='btn btn--dark ops__new' id='campaign-new' onClick={() => void Taro.navigateTo({ url: CAMPAIGN_NEW_URL })}>
          ＋ 新建活动
        </Button>
        {list.isEmpty ? (
          <EmptyView text='还没有活动。点「新建活动」，从「首三单复购」模板开始最快。' />
        ) : (
          list.items.map((c, i) => <CampaignCard key={c._id} c={c} index={i} />)
        )}
        {list.isEmpty ? null : <ListFooter id='campaigns' error={list.error} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />}
      </View>
    );
  return <OpsShell forbidden={list.forbidden}>{body}</OpsShell>;
}

export default observer(CampaignsPage);
