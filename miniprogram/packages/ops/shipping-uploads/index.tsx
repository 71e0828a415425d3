import { Text } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ShippingUploadView, Shown } from '@shared/ops/views';
import { CustomerName } from '../components/customer-name';
import { dateTime } from '../../../format/date';
import { Card, CardHead, CardRow, CardRows, RetryButton } from '../components/card';
import { TabbedBody, tabOf } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { LOGISTICS_LABELS } from '../labels';
import { useBackOffice } from '../stores/back-office';
import { UPLOAD_TABS, type ShippingUploadsStore } from '../stores/fulfilment-store';
import { useListPaging } from '../components/use-list-paging';
import '../ops.css';

const STATE_LABELS: Record<ShippingUploadView['state'], string> = { pending: '待上传', failed: '上传失败', succeeded: '已上传', cancelled: '已取消' };

const UploadCard = observer(function UploadCard({ u, store }: { u: Shown<ShippingUploadView>; store: ShippingUploadsStore }) {
  const id = `ops-upload-${u.orderId}`;
  const next =
    u.state === 'succeeded'
      ? u.succeededAt
        ? `微信已接收（${dateTime(u.succeededAt)}）`
        : '微信已接收'
      : u.state === 'cancelled'
        ? '订单已全额退款，无需上传'
        : u.nextAttemptAt
          ? `将于 ${dateTime(u.nextAttemptAt)} 自动重试`
          : u.state === 'failed'
            ? '自动重试已停止，请检查原因后点「重试」'
            : '等待上传';
  return (
    <Card id={id}>
      <CardHead id={id} source={LOGISTICS_LABELS[u.logistics]} name={u.orderId} nameClass='ops-claim__mono' state={STATE_LABELS[u.state]} stateClass={`ops-upload__state--${u.state}`} />
      <CardRows>
        {u.lastError ? (
          <CardRow label='错误' id={`${id}-error`} valueClass='ops-upload--failed'>
            {u.lastError}
          </CardRow>
        ) : null}
        <CardRow label='尝试' id={`${id}-attempts`}>
          {u.attempts} 次{u.lastAttemptAt ? ` · 最近 ${dateTime(u.lastAttemptAt)}` : ''}
        </CardRow>
        <CardRow label='状态' id={`${id}-next`}>
          {next}
        </CardRow>
        <CardRow label='顾客' block>
          <CustomerName id={`${id}-customer`} openid={u.openid} customer={u.customer} />
        </CardRow>
        <CardRow label='创建'>{dateTime(u.createdAt)}</CardRow>
      </CardRows>
      {store.canRetry(u) ? <RetryButton id={`retry-${u.orderId}`} store={store} itemId={u.orderId} busyText='上传中…' onRetry={() => void store.retry(u.orderId)} /> : null}
    </Card>
  );
});

/**
 * 发货信息上传: WeChat holds a Mini Program payment's money until the shipment is reported; the
 * server reports every shipment (and retries by itself). Failures end up here for a person.
 */
function ShippingUploadsPage() {
  const { uploads } = useBackOffice();

  useListPaging(uploads.list);

  const intro = <Text className='ops__intro'>微信支付的订单需向微信上传发货信息，资金才会结算给商户。失败的会自动重试，重试停止后可在此手动重试。</Text>;
  return (
    <OpsShell forbidden={uploads.list.forbidden}>
      <TabbedBody store={uploads} tabs={UPLOAD_TABS} name='uploads' id='ops-uploads' intro={intro} loadingText='正在加载发货信息…' empty={tabOf(UPLOAD_TABS, uploads.tab).empty}>
        {(u) => <UploadCard key={u.uploadId} u={u} store={uploads} />}
      </TabbedBody>
    </OpsShell>
  );
}

export default observer(ShippingUploadsPage);
