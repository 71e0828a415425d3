import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ShippingUploadView } from '@shared/ops/views';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { useStores } from '../../../stores/context';
import { ListFooter, OpsShell, OpsTabs } from '../components/shell';
import { LOGISTICS_LABELS } from '../labels';
import { useBackOffice } from '../stores/back-office';
import { UPLOAD_TABS, type ShippingUploadsStore } from '../stores/fulfilment-store';
import '../ops.css';
import { useListPaging } from '../components/use-list-paging';

const STATE_LABELS: Record<ShippingUploadView['state'], string> = { pending: '待上传', failed: '上传失败', succeeded: '已上传', cancelled: '已取消' };

const UploadCard = observer(function UploadCard({ u, store }: { u: ShippingUploadView; store: ShippingUploadsStore }) {
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
    <View className='ops-claim' id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>{LOGISTICS_LABELS[u.logistics]}</Text>
        <Text className='ops-claim__name ops-claim__mono'>{u.orderId}</Text>
        <Text className={`ops-claim__state ops-upload__state--${u.state}`} id={`${id}-state`}>
          {STATE_LABELS[u.state]}
        </Text>
      </View>
      <View className='ops-claim__rows'>
        {u.lastError ? (
          <View className='ops-claim__row'>
            <Text className='ops-claim__label'>错误</Text>
            <Text className='ops-claim__value ops-upload--failed' id={`${id}-error`}>
              {u.lastError}
            </Text>
          </View>
        ) : null}
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>尝试</Text>
          <Text className='ops-claim__value' id={`${id}-attempts`}>
            {u.attempts} 次{u.lastAttemptAt ? ` · 最近 ${dateTime(u.lastAttemptAt)}` : ''}
          </Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>状态</Text>
          <Text className='ops-claim__value' id={`${id}-next`}>
            {next}
          </Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>顾客</Text>
          <Text className='ops-claim__value ops-claim__mono'>{u.openid}</Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>创建</Text>
          <Text className='ops-claim__value'>{dateTime(u.createdAt)}</Text>
        </View>
      </View>
      {store.canRetry(u) ? (
        <Button className='btn btn--dark btn--small ops-claim__action' id={`retry-${u.orderId}`} disabled={store.busyId !== undefined || undefined} onClick={() => void store.retry(u.orderId)}>
          {store.busyId === u.orderId ? '上传中…' : '重试'}
        </Button>
      ) : null}
    </View>
  );
});

/**
 * 发货信息上传: WeChat holds a Mini Program payment's money until the shipment is reported; the
 * server reports every shipment (and retries by itself). Failures end up here for a person.
 */
function ShippingUploadsPage() {
  const { session } = useStores();
  const { uploads } = useBackOffice();
  const list = uploads.list;

  useListPaging(list, session.isLoggedIn);

  const tab = UPLOAD_TABS.find((t) => t.state === uploads.tab) ?? UPLOAD_TABS[0];
  return (
    <OpsShell forbidden={list.forbidden}>
      <OpsTabs idPrefix='uploads-tab' tabs={UPLOAD_TABS.map((t) => ({ key: t.state, label: t.label }))} current={uploads.tab} onSelect={(k) => uploads.setTab(k)} />
      <Text className='ops__intro'>微信支付的订单需向微信上传发货信息，资金才会结算给商户。失败的会自动重试，重试停止后可在此手动重试。</Text>
      <NoticeBar id='uploads-notice' notice={uploads.notice} onClose={() => uploads.dismissNotice()} />
      {!list.loaded && list.error ? (
        <ErrorView message={list.error} onRetry={() => void list.load()} />
      ) : !list.loaded ? (
        <LoadingView text='正在加载发货信息…' />
      ) : list.isEmpty ? (
        <EmptyView text={tab.empty} />
      ) : (
        <View id='ops-uploads'>
          {list.items.map((u) => (
            <UploadCard key={u.uploadId} u={u} store={uploads} />
          ))}
          <ListFooter id='uploads' error={list.error} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
        </View>
      )}
    </OpsShell>
  );
}

export default observer(ShippingUploadsPage);
