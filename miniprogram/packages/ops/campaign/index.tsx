import { useEffect } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter, useUnload } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import type { CampaignView } from '../../../services/campaign';
import { useStores } from '../../../stores/context';
import { ProgressBar, StatusChip } from '../components/campaign-bits';
import { OpsShell } from '../components/shell';
import { audienceText, launchProgress } from '../format/campaign';
import { auditUrl, campaignEditUrl, OPS_CAMPAIGNS_URL } from '../routes';
import { useCampaignConsole } from '../stores/campaign-console';
import type { CampaignDetailStore } from '../stores/campaign-detail';
import { CampaignReport } from './report';
import '../ops.css';
import '../components/charts/charts.css';
import '../reports/reports.css';
import '../campaign.css';

/** What the campaign does, in one card. */
const Summary = observer(function Summary({ c }: { c: CampaignView }) {
  const { settings, edit } = useCampaignConsole();
  const coupon = c.actions.find((a) => a.code === 'issue-coupon');
  const msg = c.actions.find((a) => a.code === 'send-message');
  const content = c.actions.find((a) => a.code === 'send-content');
  const couponName = coupon?.code === 'issue-coupon' ? (edit.coupons.find((t) => t.templateId === coupon.args.templateId)?.name ?? coupon.args.templateId) : undefined;
  return (
    <View className='cmp-summary'>
      <Row label='人群' value={audienceText(c.conditions[0].args.anyOf, settings.rules)} />
      <Row label='优惠' value={couponName ? `发券：${couponName}` : '不发券（只发内容）'} />
      {msg?.code === 'send-message' ? <Row label='消息' value={`${msg.args.title} / ${msg.args.detail}`} /> : null}
      {content?.code === 'send-content' ? <Row label='内容消息' value={`${content.args.title} / ${content.args.detail}（不接收此优惠的阶段，如活跃顾客）`} /> : null}
      <Row label='时间' value={`${dateTime(c.schedule.startAt)} 至 ${dateTime(c.schedule.endAt)}`} />
      <Row label='对照组' value={c.holdoutPercent > 0 ? `${c.holdoutPercent}%（不发券不发消息）` : '无（无法衡量提升）'} />
      <Row label='转化统计' value={`收到后 ${c.attributionDays} 天内的订单${c.bigSale ? ' · 大促活动' : ''}`} />
    </View>
  );
});

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='cmp-row'>
      <Text className='cmp-row__label'>{label}</Text>
      <Text className='cmp-row__value'>{value}</Text>
    </View>
  );
}

/** 发布 / 暂停 / 继续, and the progress while launching. */
const Actions = observer(function Actions({ d, c }: { d: CampaignDetailStore; c: CampaignView }) {
  const progress = launchProgress(c, d.toWalk);
  const s = c.stats;
  const hasCoupon = c.actions.some((x) => x.code === 'issue-coupon');
  return (
    <View className='cmp-actions' id='cmp-actions'>
      {c.status !== 'draft' ? (
        <ProgressBar id='cmp-progress' pct={progress.pct} text={`${progress.text} · 目标 ${s.audience} 人 · 已发送 ${s.sent}${hasCoupon ? ` · 发券 ${s.couponsIssued}` : ''}`} />
      ) : null}
      {c.status === 'draft' ? (
        <>
          <Button className='btn btn--primary' id='cmp-launch' disabled={d.busy !== undefined || undefined} onClick={() => d.askLaunch()}>
            发布活动
          </Button>
          <View className='cmp-draft-tools'>
            <Button className='btn btn--ghost' id='cmp-edit' disabled={d.busy !== undefined || undefined} onClick={() => void Taro.navigateTo({ url: campaignEditUrl(c._id) })}>
              编辑草稿
            </Button>
            <Button className='btn btn--ghost' id='cmp-remove' disabled={d.busy !== undefined || undefined} onClick={() => d.askRemove()}>
              {d.busy === 'remove' ? '删除中…' : '删除草稿'}
            </Button>
          </View>
        </>
      ) : null}
      {c.status === 'launching' && !d.looping ? (
        <Button className='btn btn--ghost' id='cmp-follow' onClick={() => void d.launch()}>
          继续发送
        </Button>
      ) : null}
      {c.status === 'launching' || c.status === 'live' ? (
        <Button className='btn btn--ghost' id='cmp-pause' disabled={d.busy === 'pause' || undefined} onClick={() => void d.pause()}>
          {d.busy === 'pause' ? '暂停中…' : '暂停活动'}
        </Button>
      ) : null}
      {c.status === 'paused' ? (
        <Button className='btn btn--primary' id='cmp-resume' disabled={d.busy !== undefined || undefined} onClick={() => void d.resume()}>
          {d.busy === 'resume' ? '处理中…' : '继续活动'}
        </Button>
      ) : null}
    </View>
  );
});

/** 活动详情 (operators): status, 发布 with progress, 暂停 / 继续, and the report with charts. */
function CampaignPage() {
  const { session } = useStores();
  const cc = useCampaignConsole();
  const d = cc.detail;
  const campaignId = useRouter().params.campaignId ?? '';

  useEffect(() => {
    if (!session.isLoggedIn || !campaignId) return;
    void d.open(campaignId);
    void cc.settings.ensureLoaded();
    // Coupon names for the summary (the edit store keeps the list of templates).
    if (!cc.edit.read.loaded) void cc.edit.load();
  }, [session.isLoggedIn, campaignId, d, cc]);
  useDidShow(() => {
    if (session.isLoggedIn && d.view && d.campaignId === campaignId) void d.open(campaignId);
  });
  // Leaving the page stops this page's calls; the server's timer continues a launch.
  useDidHide(() => d.leave());
  useUnload(() => d.leave());
  usePullDownRefresh(() => {
    void d.open(campaignId).finally(() => Taro.stopPullDownRefresh());
  });

  const c = d.view;
  let body;
  if (!campaignId) body = <ErrorView message='没有指定活动，请从活动列表进入' onRetry={() => void Taro.navigateBack()} />;
  else if (!c && d.read.error && !d.read.forbidden) body = <ErrorView message={d.read.error} onRetry={() => void d.open(campaignId)} />;
  else if (!c || c._id !== campaignId) body = <LoadingView />;
  else
    body = (
      <View id='campaign'>
        <View className='card cmp-head'>
          <View className='cmp-card__head'>
            <Text className='cmp-card__name' id='cmp-name'>
              {c.name}
            </Text>
            <StatusChip id='cmp-status' status={c.status} />
          </View>
          <Summary c={c} />
          <NoticeBar id='cmp-notice' notice={d.notice} onClose={() => d.dismissNotice()} />
          <Actions d={d} c={c} />
          <Text className='link cmp-audit' onClick={() => void Taro.navigateTo({ url: auditUrl('campaign', c._id) })}>
            操作记录
          </Text>
        </View>
        {c.status === 'draft' ? (
          <Text className='ops__intro'>发布后将显示活动报告：触达、转化与提升、收入与利润。</Text>
        ) : (
          <CampaignReport report={d.report} error={d.reportError} onRetry={() => void d.loadReport()} />
        )}
        {d.confirming ? (
          <ConfirmDialog id='cmp-confirm' title='发布这个活动？' confirmText='确认发布' onCancel={() => d.cancelLaunch()} onConfirm={() => void d.launch()}>
            <Text className='dialog__line'>将按「设置 › 触达策略」向目标人群发券和订阅消息；超出频次、未订阅或优惠超出阶段的顾客不会收到消息。</Text>
            <Text className='dialog__line dialog__line--warn'>已发出的券和消息无法撤回；可以随时暂停，不再发给新的顾客。</Text>
          </ConfirmDialog>
        ) : null}
        {d.confirmingRemove ? (
          <ConfirmDialog
            id='cmp-remove-confirm'
            title='删除这个草稿？'
            confirmText='确认删除'
            onCancel={() => d.cancelRemove()}
            onConfirm={() => void d.remove().then((gone) => (gone ? Taro.redirectTo({ url: OPS_CAMPAIGNS_URL }) : undefined))}
          >
            <Text className='dialog__line'>草稿「{c.name}」还没有发给任何顾客，删除后不能恢复（操作记录会保留）。</Text>
          </ConfirmDialog>
        ) : null}
      </View>
    );
  return <OpsShell forbidden={d.read.forbidden}>{body}</OpsShell>;
}

export default observer(CampaignPage);
