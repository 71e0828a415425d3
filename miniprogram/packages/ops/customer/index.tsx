import { useEffect } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ORDER_STATE_LABELS } from '@shared/orders/states';
import { segmentLabel, type LabelRules } from '@shared/segments/labels';
import type { CustomerView } from '@shared/segments/views';
import { beforeFirstLoad, EmptyView } from '../../../components/load-state';
import { dateTime, fullDate } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { PagedBody } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { keyDomId, timelineLine } from '../format/segments';
import { followupNewUrl, segmentListUrl } from '../routes';
import type { SegmentCustomerStore } from '../stores/segment-customer';
import { useSegmentConsole } from '../stores/segment-console';
import { CustomerName } from '../components/customer-name';
import '../ops.css';
import '../segments.css';

const when = (ms: number | null | undefined) => (ms ? dateTime(ms) : '—');

function Fact({ id, label, children }: { id: string; label: string; children: string }) {
  return (
    <View className='seg-fact' id={`cust-${id}`}>
      <Text className='seg-fact__label'>{label}</Text>
      <Text className='seg-fact__value'>{children}</Text>
    </View>
  );
}

/** From the server's reading of the membership at its own now (local time travel included). */
function membershipText(v: CustomerView): string {
  const exp = v.facts.membershipExpiresAt;
  if (!v.facts.member || exp === null) return '不是会员';
  const state = segmentLabel(`member:${v.facts.member}`);
  return v.facts.member === 'lapsed' ? `${state}（${fullDate(exp)} 到期，未续费）` : `${state} · ${fullDate(exp)} 到期`;
}

function tierText(v: CustomerView): string {
  const next = v.tiers.tiers.find((t) => t.gapFen > 0);
  const reached = v.tiers.tiers.filter((t) => t.gapFen === 0).length;
  const head = reached ? `已达 ${reached} 档` : '未达第一档';
  return next ? `${head} · 再消费 ${formatYuan(next.gapFen)} 达到 ${formatYuan(next.thresholdFen)} 档（${next.giftName}）` : `${head} · 已达最高档`;
}

function trialText(v: CustomerView): string {
  const trials = v.facts.trials ?? [];
  if (!trials.length) return '没有买过体验装';
  const converted = trials.filter((t) => t.convertedAt !== undefined).length;
  const refunded = trials.filter((t) => t.refundedAt !== undefined).length;
  const parts = [`买过 ${trials.length} 个体验装`, converted ? `${converted} 个已转正装` : '尚未购买正装'];
  if (refunded) parts.push(`${refunded} 个已退款`);
  return parts.join(' · ');
}

function interactionText(v: CustomerView): string {
  const i = v.facts.interactions;
  return `访问 ${i.visits} 天 · 问卷 ${i.surveys} 次 · 领券 ${i.couponClaims} 次 · 打开消息 ${i.messageOpens} 次`;
}

/** Each answered question with the options chosen, in the survey's own words. */
function surveyLines(v: CustomerView, rules: LabelRules): string[] {
  return Object.entries(v.facts.survey ?? {})
    .filter(([, a]) => a.optionIds.length > 0)
    .map(([qid, a]) => {
      const q = rules.survey.questions.find((x) => x.id === qid);
      const chosen = a.optionIds.map((id) => q?.options.find((o) => o.id === id)?.label ?? id).join('、');
      return `${q?.title ?? qid}：${chosen}`;
    });
}

function Facts({ v, rules }: { v: CustomerView; rules: LabelRules }) {
  const f = v.facts;
  const survey = surveyLines(v, rules);
  return (
    <View className='surface seg-facts' id='cust-facts'>
      <Fact id='spend' label='累计消费'>{`${formatYuan(f.qualifyingSpendFen)}（计入档位的实付金额）`}</Fact>
      <Fact id='purchases' label='购买次数'>{`有效 ${f.purchases} 次${f.purchasesRefunded ? `（共付款 ${f.purchasesPaid} 次，退款 ${f.purchasesRefunded} 次）` : ''}`}</Fact>
      <Fact id='first' label='首次购买'>{when(f.firstPurchaseAt)}</Fact>
      <Fact id='last' label='最近购买'>{when(f.lastPurchaseAt)}</Fact>
      <Fact id='life' label='生命周期'>{f.life ? segmentLabel(`life:${f.life}`) : '还没有购买'}</Fact>
      <Fact id='member' label='会员'>{membershipText(v)}</Fact>
      <Fact id='wallet' label='储值余额'>{`${formatYuan(v.wallet.totalFen)}（本金 ${formatYuan(v.wallet.principalFen)} · 赠送 ${formatYuan(v.wallet.bonusFen)}）`}</Fact>
      <Fact id='tier' label='消费档位'>{tierText(v)}</Fact>
      <Fact id='trial' label='体验装'>{trialText(v)}</Fact>
      <Fact id='interactions' label='互动'>{interactionText(v)}</Fact>
      <Fact id='survey' label='问卷回答'>{survey.length ? survey.join('；') : '没有回答'}</Fact>
    </View>
  );
}

function Orders({ v }: { v: CustomerView }) {
  if (!v.orders.length) return <EmptyView text='还没有订单。' />;
  return (
    <View className='surface seg-facts' id='cust-orders'>
      {v.orders.map((o) => (
        <View key={o.orderId} className='seg-event' id={`cust-order-${o.orderId}`}>
          <View className='seg-event__main'>
            <Text className='seg-event__what'>{o.title}</Text>
            <Text className='seg-event__when'>
              {ORDER_STATE_LABELS[o.status] ?? o.status} · {dateTime(o.paidAt ?? o.createdAt)}
              {o.refundedFen ? ` · 已退 ${formatYuan(o.refundedFen)}` : ''}
            </Text>
          </View>
          <Text className='seg-event__amount'>{formatYuan(o.totalFen)}</Text>
        </View>
      ))}
    </View>
  );
}

const Timeline = observer(function Timeline({ store, rules }: { store: SegmentCustomerStore; rules: LabelRules }) {
  return (
    <PagedBody list={store.timeline} id='cust-timeline' className='surface seg-facts' footer='cust-timeline' loadingText='正在加载动态…' empty='还没有任何动态。'>
      {(i) => {
        const line = timelineLine(i, rules, store.orderTitle(i.orderId));
        return (
          <View key={i.eventId} className='seg-event' id={`cust-event-${i.eventId}`}>
            <View className='seg-event__main'>
              <Text className='seg-event__what'>{line.what}</Text>
              {line.detail ? <Text className='seg-event__detail'>{line.detail}</Text> : null}
              <Text className='seg-event__when'>{dateTime(i.at)}</Text>
            </View>
            {line.amount ? <Text className={`seg-event__amount ${line.amount.startsWith('-') ? 'seg-event__amount--minus' : ''}`}>{line.amount}</Text> : null}
          </View>
        );
      }}
    </PagedBody>
  );
});

/** 顾客详情: facts, segments, orders and the event timeline of one customer. */
function CustomerPage() {
  const { session } = useStores();
  const { customer: store, rules } = useSegmentConsole();
  const raw = useRouter().params.openid;
  const openid = raw ? decodeURIComponent(raw) : '';

  useEffect(() => {
    if (!session.isLoggedIn || !openid) return;
    void store.open(openid);
    void rules.ensureLoaded();
  }, [session.isLoggedIn, openid, store, rules]);
  // The console keeps one customer: back from another customer's page, show this one again.
  useDidShow(() => {
    if (session.isLoggedIn && openid && store.openid !== openid) void store.open(openid);
  });
  usePullDownRefresh(() => {
    void Promise.all([store.load(), store.timeline.load()]).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void store.timeline.loadMore());

  const v = store.openid === openid && store.view?.openid === openid ? store.view : undefined;
  let body = !openid || store.notFound ? <EmptyView text='没有这位顾客的记录（还没有访问、问卷或消费）。请从分群名单进入。' /> : beforeFirstLoad(!!v, store.read.error, () => void store.load(), '正在加载顾客信息…');
  if (!body && v)
    body = (
      <View id='cust-page'>
        <View className='seg-head'>
          <View className='seg-head__main'>
            <CustomerName id='cust-who' openid={v.openid} customer={v.display} large />
            <Text className='seg-head__sub ops-claim__mono' id='cust-openid'>
              {v.openid}
            </Text>
            <Text className='seg-head__sub'>{v.unionid ? `unionid ${v.unionid}` : '顾客编号（openid）'}</Text>
          </View>
        </View>
        <View className='seg-chips' id='cust-segments'>
          {v.segments.map((k) => (
            <Text key={k} className='seg-chip' id={`cust-seg-${keyDomId(k)}`} onClick={() => void Taro.navigateTo({ url: segmentListUrl(k) })}>
              {segmentLabel(k, rules.rules)}
            </Text>
          ))}
        </View>
        <Facts v={v} rules={rules.rules} />
        <Button className='btn btn--ghost btn--small' id='cust-followup' onClick={() => void Taro.navigateTo({ url: followupNewUrl({ openid: v.openid }) })}>
          为这位顾客建一对一跟进
        </Button>
        <Text className='section-title'>最近订单</Text>
        <Orders v={v} />
        <Text className='section-title'>动态</Text>
        <Timeline store={store} rules={rules.rules} />
      </View>
    );

  return <OpsShell forbidden={store.read.forbidden || store.timeline.forbidden}>{body}</OpsShell>;
}

export default observer(CustomerPage);
