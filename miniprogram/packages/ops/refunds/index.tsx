import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { OpsRefundPartView, OpsRefundView, Shown } from '../../../services/ops';
import { CustomerName } from '../components/customer-name';
import { dateTime } from '../../../format/date';
import { Card, CardHead, CardRow, CardRows, RetryButton } from '../components/card';
import { TabbedBody, tabOf } from '../components/list-page';
import { OpsShell } from '../components/shell';
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
  <CardRows id={id}>
    <CardRow label='退款单' mono>
      {p.outRefundNo} · {formatYuan(p.refundFee)}
    </CardRow>
    <CardRow label='状态' id={`${id}-state`} valueClass={`ops-upload__state--${p.state === 'requested' ? 'pending' : p.state}`}>
      {PART_LABELS[p.state]} · {partNext(p)}
    </CardRow>
    {p.error ? (
      <CardRow label='原因' id={`${id}-error`} valueClass='ops-upload--failed'>
        {p.error}
      </CardRow>
    ) : null}
    <CardRow label='记录'>
      提交失败 {p.attempts} 次 · 查询 {p.queries} 次{p.requestedAt ? ` · 微信受理于 ${dateTime(p.requestedAt)}` : ''}
    </CardRow>
  </CardRows>
);

const RefundCard = observer(function RefundCard({ r, store }: { r: Shown<OpsRefundView>; store: RefundsStore }) {
  const id = `ops-refund-${r.refundId}`;
  return (
    <Card id={id}>
      <CardHead id={id} source={KIND_LABELS[r.kind]} name={formatYuan(r.amountFen)} state={STATE_LABELS[r.status]} stateClass={`ops-upload__state--${r.status}`} />
      <CardRows>
        <CardRow label='退款' mono>
          {r.refundId}
        </CardRow>
        {r.orderId ? (
          <CardRow label='订单' mono>
            {r.orderId}
          </CardRow>
        ) : null}
        <CardRow label='顾客' block>
          <CustomerName id={`${id}-who`} openid={r.openid} customer={r.customer} />
        </CardRow>
        <CardRow label='顾客看到' id={`${id}-customer`}>
          {r.customerLabel}
        </CardRow>
        <CardRow label='申请'>
          {dateTime(r.createdAt)}
          {r.waitingSince !== undefined && r.waitingSince !== r.createdAt ? ` · 重试于 ${dateTime(r.waitingSince)}` : ''}
          {r.retries ? ` · 已手动重试 ${r.retries} 次` : ''}
        </CardRow>
      </CardRows>
      {r.parts.map((p, i) => (
        <PartRow key={p.outRefundNo} id={`${id}-part-${i}`} p={p} />
      ))}
      {r.canRetry ? <RetryButton id={`retry-${r.refundId}`} store={store} itemId={r.refundId} busyText='正在询问微信…' onRetry={() => void store.retry(r.refundId)} /> : null}
    </Card>
  );
});

/**
 * 退款: money WeChat still owes customers. The store's own side (order, balance, coupon) changed
 * when the refund was made; here are the WeChat refunds that failed or are taking too long.
 */
function RefundsPage() {
  const { refunds } = useBackOffice();

  useListPaging(refunds.list);

  const intro = (
    <Text className='ops__intro' id='refunds-intro'>
      {refunds.tab === 'failed'
        ? '微信退款失败的记录。退款异常（如银行卡已注销）需先在微信支付商户平台「交易中心 → 退款」处理；退款关闭请给商户号充值后点「重试」，系统会用原退款单号重新提交，不会重复退款。'
        : `提交超过 ${refunds.stuckHours ?? '—'} 小时仍未完成的微信退款（时长可在「设置 → 额度与期限」修改）。零钱一般 5 分钟内到账，银行卡 1–3 个工作日；「重试」会立即向微信查询或重新提交。`}
    </Text>
  );
  return (
    <OpsShell forbidden={refunds.list.forbidden}>
      <TabbedBody store={refunds} tabs={REFUND_TABS} name='refunds' id='ops-refunds' intro={intro} loadingText='正在加载退款…' empty={tabOf(REFUND_TABS, refunds.tab).empty(refunds.stuckHours)}>
        {(r) => <RefundCard key={r.refundId} r={r} store={refunds} />}
      </TabbedBody>
    </OpsShell>
  );
}

export default observer(RefundsPage);
