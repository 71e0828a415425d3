import type { ReactNode } from 'react';
import { Input, Text, View, Button } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { CARRIERS } from '@shared/orders/fulfilment';
import type { OpsOrderView } from '@shared/ops/views';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime } from '../../../format/date';
import { deliveryText } from '../../../format/delivery';
import { useStores } from '../../../stores/context';
import { ListFooter, OpsShell, OpsTabs } from '../components/shell';
import { uploadLine } from '../labels';
import { useBackOffice } from '../stores/back-office';
import { ORDER_TABS, type OrderFulfilmentStore } from '../stores/fulfilment-store';
import '../ops.css';
import { useListPaging } from '../components/use-list-paging';

const PAY_WITH: Record<OpsOrderView['payWith'], string> = { wechat: '微信支付', balance: '余额支付', combined: '余额+微信组合支付' };

const Row = ({ label, children, id }: { label: string; children: ReactNode; id?: string }) => (
  <View className='ops-claim__row'>
    <Text className='ops-claim__label'>{label}</Text>
    <View className='ops-claim__value' id={id}>
      {children}
    </View>
  </View>
);

const OrderCard = observer(function OrderCard({ o, store }: { o: OpsOrderView; store: OrderFulfilmentStore }) {
  const id = `ops-order-${o.orderId}`;
  const d = o.delivery;
  const f = o.fulfilment;
  const busy = store.busyId !== undefined || undefined;
  return (
    <View className='ops-claim' id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__name'>{o.title}</Text>
        <Text className={`ops-claim__state ops-claim__state--${f.state}`} id={`${id}-state`}>
          {f.label}
        </Text>
      </View>
      <View className='ops-order__lines' id={`${id}-lines`}>
        {o.lines.map((l) => (
          <Text key={l.productId} className='ops-claim__items'>
            {l.name} ×{l.qty}
            {l.kind === 'trial' ? ' · 体验装' : ''}
            {!l.physical ? ' · 虚拟' : ''}
            {l.refundedQty > 0 ? ` · 已退 ${l.refundedQty} 件` : ''}
          </Text>
        ))}
      </View>
      <View className='ops-claim__rows'>
        <Row label='实付' id={`${id}-amount`}>
          <Text>
            {formatYuan(o.totalFen, { trimZeros: false })} · {PAY_WITH[o.payWith]} · {o.statusLabel}
          </Text>
        </Row>
        <Row label='顾客' id={`${id}-openid`}>
          <Text className='ops-claim__mono'>{o.openid}</Text>
        </Row>
        <Row label='配送' id={`${id}-delivery`}>
          {d && d.method === 'address' ? (
            <>
              <Text className='ops-claim__line'>快递到家</Text>
              <Text className='ops-claim__line'>
                {d.name} {d.phone}
              </Text>
              <Text className='ops-claim__line'>{d.address}</Text>
            </>
          ) : d ? (
            <Text>{deliveryText(d, { mask: false })}</Text>
          ) : (
            <Text className='muted'>{o.lines.some((l) => l.physical) ? '顾客未填写配送方式，请联系顾客确认' : '虚拟商品，无需配送'}</Text>
          )}
        </Row>
        {o.paidAt ? (
          <Row label='支付时间'>
            <Text>{dateTime(o.paidAt)}</Text>
          </Row>
        ) : null}
        {f.state === 'shipped' ? (
          <Row label='物流' id={`${id}-tracking`}>
            <Text>{[f.carrierName ?? f.carrier, f.trackingNo].filter(Boolean).join(' ')}</Text>
          </Row>
        ) : null}
        {f.at && (f.state === 'shipped' || f.state === 'picked-up') ? (
          <Row label={f.state === 'shipped' ? '发货时间' : '自提时间'}>
            <Text>
              {dateTime(f.at)}
              {f.by ? ` · ${f.by}` : ''}
            </Text>
          </Row>
        ) : null}
        {f.state !== 'pending' || o.shippingUpload ? (
          <Row label='微信发货' id={`${id}-upload`}>
            <Text className={o.shippingUpload?.state === 'failed' ? 'ops-upload--failed' : ''}>{uploadLine(o.shippingUpload)}</Text>
          </Row>
        ) : null}
      </View>
      {store.canShip(o) || store.canConfirmPickup(o) ? (
        <View className='ops-order__actions'>
          {store.canConfirmPickup(o) ? (
            <Button className='btn btn--primary btn--small' id={`pickup-${o.orderId}`} disabled={busy} onClick={() => store.openPickup(o.orderId)}>
              确认已自提
            </Button>
          ) : null}
          {store.canShip(o) ? (
            <Button className='btn btn--dark btn--small' id={`ship-${o.orderId}`} disabled={busy} onClick={() => store.openShip(o.orderId)}>
              发货
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
});

/** 订单发货: 待发货 / 已发货 / 已自提 / 已发放; 发货 (carrier from the list + tracking no.), 确认已自提. */
function OrdersPage() {
  const { session } = useStores();
  const { orders } = useBackOffice();
  const list = orders.list;

  useListPaging(list, session.isLoggedIn);

  const tab = ORDER_TABS.find((t) => t.state === orders.tab) ?? ORDER_TABS[0];
  const shipping = orders.ship ? orders.order(orders.ship.orderId) : undefined;
  const pickup = orders.pickupId ? orders.order(orders.pickupId) : undefined;

  const overlay = (
    <>
      {orders.ship && shipping ? (
        <ConfirmDialog
          id='ship-dialog'
          title={`发货：${shipping.title}`}
          confirmText='确认发货'
          cancelText='取消'
          busy={orders.busyId === shipping.orderId}
          onCancel={() => orders.cancelShip()}
          onConfirm={() => void orders.submitShip()}
        >
          {shipping.delivery?.method === 'address' ? (
            <>
              <Text className='dialog__line'>
                寄给 {shipping.delivery.name} {shipping.delivery.phone}
              </Text>
              <Text className='dialog__line'>{shipping.delivery.address}</Text>
            </>
          ) : (
            <Text className='dialog__line dialog__line--warn'>顾客未填写收货地址，请先与顾客确认后再发货。</Text>
          )}
          <View className='ops-ship'>
            <Text className='ops-ship__label'>快递公司</Text>
            <View className='ops-ship__carriers'>
              {CARRIERS.map((c) => (
                <Text key={c.code} className={`ops-ship__carrier ${orders.ship!.carrier === c.code ? 'ops-ship__carrier--on' : ''}`} id={`ship-carrier-${c.code}`} onClick={() => orders.setShipCarrier(c.code)}>
                  {c.name}
                </Text>
              ))}
            </View>
            <Text className='ops-ship__label'>运单号</Text>
            <Input className='field' id='ship-tracking' value={orders.ship.trackingNo} maxlength={48} placeholder='运单号（见快递面单）' onInput={(e) => orders.setShipTracking(e.detail.value)} />
            {orders.shipError ? (
              <Text className='ops-ship__error' id='ship-error'>
                {orders.shipError}
              </Text>
            ) : null}
          </View>
        </ConfirmDialog>
      ) : null}
      {pickup ? (
        <ConfirmDialog
          id='pickup-dialog'
          title='确认顾客已到店自提？'
          confirmText='确认已自提'
          cancelText='取消'
          busy={orders.busyId === pickup.orderId}
          onCancel={() => orders.cancelPickup()}
          onConfirm={() => void orders.confirmPickup()}
        >
          <Text className='dialog__line'>{pickup.lines.map((l) => `${l.name} ×${l.qty}`).join('、')}</Text>
          {pickup.delivery ? <Text className='dialog__line'>{deliveryText(pickup.delivery, { mask: false })}</Text> : null}
          <Text className='dialog__line dialog__line--warn'>请核对顾客订单后再确认，确认后不可撤销。</Text>
        </ConfirmDialog>
      ) : null}
    </>
  );

  return (
    <OpsShell forbidden={list.forbidden} overlay={overlay}>
      <OpsTabs idPrefix='orders-tab' tabs={ORDER_TABS.map((t) => ({ key: t.state, label: t.label }))} current={orders.tab} onSelect={(k) => orders.setTab(k)} />
      <NoticeBar id='orders-notice' notice={orders.notice} onClose={() => orders.dismissNotice()} />
      {!list.loaded && list.error ? (
        <ErrorView message={list.error} onRetry={() => void list.load()} />
      ) : !list.loaded ? (
        <LoadingView text='正在加载订单…' />
      ) : list.isEmpty ? (
        <EmptyView text={tab.empty} />
      ) : (
        <View id='ops-orders'>
          {list.items.map((o) => (
            <OrderCard key={o.orderId} o={o} store={orders} />
          ))}
          <ListFooter id='orders' error={list.error} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={() => void list.loadMore()} />
        </View>
      )}
    </OpsShell>
  );
}

export default observer(OrdersPage);
