import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { OpsRefundPartView, OpsRefundView } from '../../../services/ops';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { ListFooter, OpsShell, OpsTabs } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { useBackOffice } from '../stores/back-office';
import { REFUND_TABS, type RefundsStore } from '../stores/refunds-store';
import '../ops.css';

const KIND_LABELS: Record<OpsRefundView['kind'], string> = { order: '商品退款', membership: '会员费退款', wallet: '储值退款', 'late-payment': '关单后到账的支付', 'topup-over-cap': '超出储值上限的充值' };
const STATE_LABELS: Record<OpsRefundView['status'], string> = { pending: '处理中', failed: '失败', succeeded: '已退款' };
const PART_LABELS: Record<OpsRefundPartView['state'], string> = { pending: '待微信受理', requested: '微信处理中', succeeded: '已退回', failed: '失败' };

/** What happens next for one WeChat refund request, without anyone doing anything. */
function partNext(p: OpsRefundPartView): string {
  if (p.state === 'succeeded') return p.finishedAt ? `微信已退回（${dateTime(p.finishedAt)}）` : '微信已退回';
  if (p.state === 'failed') return p.resultStatus === 'CHANGE' ? `需在商户平台处理${p.nextAt ? `；${dateTime(p.nextAt)} 自动再查询` : ''}` : '需处理后点「重试」';
  if (p.state === 'requested') return p.nextAt ? `等待微信结果；未收到通知则于 ${dateTime(p.nextAt)} 主动查询` : '等待微信结果';
  return p.nextAt ? `将于 ${dateTime(p.nextAt)} 自动重新提交（同一退款单号）` : '等待提交';
}

const PartRow = ({ id, p }: { id: string; p: OpsRefundPartView }) => (
  <View className='ops-claim__rows' id={id}>
    <View className='ops-claim__row'>
      <Text className='ops-claim__label'>退款单</Text>
      <Text className='ops-claim__value ops-claim__mono'>
        {p.outRefundNo} · {formatYuan(p.refundFee)}
      </Text>
    </View>
    <View className='ops-claim__row'>
      <Text className='ops-claim__label'>状态</Text>
      <Text className={`ops-claim__value ops-upload__state--${p.state === 'requested' ? 'pending' : p.state}`} id={`${id}-state`}>
        {PART_LABELS[p.state]} · {partNext(p)}
      </Text>
    </View>
    {p.error ? (
      <View className='ops-claim__row'>
        <Text className='ops-claim__label'>原因</Text>
        <Text className='ops-claim__value ops-upload--failed' id={`${id}-error`}>
          {p.error}
        </Text>
      </View>
    ) : null}
    <View className='ops-claim__row'>
      <Text className='ops-claim__label'>记录</Text>
      <Text className='ops-claim__value'>
        提交失败 {p.attempts} 次 · 查询 {p.queries} 次{p.requestedAt ? ` · 微信受理于 ${dateTime(p.requestedAt)}` : ''}
      </Text>
    </View>
  </View>
);

const RefundCard = observer(function RefundCard({ r, store }: { r: OpsRefundView; store: RefundsStore }) {
  const id = `ops-refund-${r.refundId}`;
  return (
    <View className='ops-claim' id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>{KIND_LABELS[r.kind]}</Text>
        <Text className='ops-claim__name'>{formatYuan(r.amountFen)}</Text>
        <Text className={`ops-claim__state ops-upload__state--${r.status}`} id={`${id}-state`}>
          {STATE_LABELS[r.status]}
        </Text>
      </View>
      <View className='ops-claim__rows'>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>退款</Text>
          <Text className='ops-claim__value ops-claim__mono'>{r.refundId}</Text>
        </View>
        {r.orderId ? (
          <View className='ops-claim__row'>
            <Text className='ops-claim__label'>订单</Text>
            <Text className='ops-claim__value ops-claim__mono'>{r.orderId}</Text>
          </View>
        ) : null}
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>顾客</Text>
          <Text className='ops-claim__value ops-claim__mono'>{r.openid}</Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>顾客看到</Text>
          <Text className='ops-claim__value' id={`${id}-customer`}>
            {r.customerLabel}
          </Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>申请</Text>
          <Text className='ops-claim__value'>
            {dateTime(r.createdAt)}
            {r.waitingSince !== undefined && r.waitingSince !== r.createdAt ? ` · 重试于 ${dateTime(r.waitingSince)}` : ''}
            {r.retries ? ` · 已手动重试 ${r.retries} 次` : ''}
          </Text>
        </View>
      </View>
      {r.parts.map((p, i) => (
        <PartRow key={p.outRefundNo} id={`${id}-part-${i}`} p={p} />
      ))}
      {r.canRetry ? (
        <Button className='btn btn--dark btn--small ops-claim__action' id={`retry-${r.refundId}`} disabled={store.busyId !== undefined || undefined} onClick={() => void store.retry(r.refundId)}>
          {store.busyId === r.refundId ? '正在询问微信…' : '重试'}
        </Button>
      ) : null}
    </View>
  );
});

/**
 * 退款: money WeChat still owes customers. The store's own side (order, balance, coupon) changed
 * when the refund was made; here are the WeChat refunds that failed or are taking too long.
 */
function RefundsPage() {
  const { session } = useStores();
  const { refunds } = useBackOffice();
  const list = refunds.list;

  useListPaging(list, session.isLoggedIn);

  const tab = REFUND_TABS.find((t) => t.tab === refunds.tab) ?? REFUND_TABS[0];
  return (
    <OpsShell forbidden={list.forbidden}>
      <OpsTabs idPrefix='refunds-tab' tabs={REFUND_TABS.map((t) => ({ key: t.tab, label: t.label }))} current={refunds.tab} onSelect={(k) => refunds.setTab(k)} />
      <Text className='ops__intro' id='refunds-intro'>
        {refunds.tab === 'failed'
          ? '微信退款失败的记录。退款异常（如银行卡已注销）需先在微信支付商户平台「交易中心 → 退款」处理；退款关闭请给商户号充值后点「重试」，系统会用原退款单号重新提交，不会重复退款。'
          : `提交超过 ${refunds.stuckHours ?? '—'} 小时仍未完成的微信退款（时长可在「设置 → 额度与期限」修改）。零钱一般 5 分钟内到账，银行卡 1–3 个工作日；「重试」会立即向微信查询或重新提交。`}
      </Text>
      <NoticeBar id='refunds-notice' notice={refunds.notice} onClose={() => refunds.dismissNotice()} />
      {!list.loaded && list.error ? (
        <ErrorView message={list.error} onRetry={() => void list.load()} />
      ) : !list.loaded ? (
        <LoadingView text='正在加载退款…' />
      ) : list.isEmpty ? (
        <EmptyView text={tab.empty(refunds.stuckHours)} />
      ) : (
        <View id='ops-refunds'>
          {list.items.map((r) => (
            <RefundCard key={r.refundId} r={r} store={refunds} />
          ))}
          <ListFooter id='refunds' error={list.error} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
        </View>
      )}
    </OpsShell>
  );
}

export default observer(RefundsPage);
