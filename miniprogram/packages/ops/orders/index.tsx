import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { CARRIERS } from '@shared/orders/fulfilment';
import type { OpsOrderView } from '@shared/ops/views';
import { dateTime } from '../../../format/date';
import { deliveryText } from '../../../format/delivery';
import { AddressLines, Card, CardHead, CardRow, CardRows } from '../components/card';
import { CustomerName } from '../components/customer-name';
import { PickupDialog, ShipDialog } from '../components/fulfilment-dialogs';
import { TabbedBody, tabOf } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { uploadLine } from '../labels';
import { useBackOffice } from '../stores/back-office';
import { ORDER_TABS, type OrderFulfilmentStore } from '../stores/fulfilment-store';
import '../ops.css';

const PAY_WITH: Record<OpsOrderView['payWith'], string> = { wechat: '微信支付', balance: '余额支付', combined: '余额+微信组合支付' };

const CARRIER_CHIPS = CARRIERS.map((c) => ({ key: c.code, value: c.code, label: c.name }));

const OrderCard = observer(function OrderCard({ o, store }: { o: OpsOrderView; store: OrderFulfilmentStore }) {
  const id = `ops-order-${o.orderId}`;
  const d = o.delivery;
  const f = o.fulfilment;
  const busy = store.busyId !== undefined || undefined;
  return (
    <Card id={id}>
      <CardHead id={id} name={o.title} state={f.label} stateClass={`ops-claim__state--${f.state}`} />
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
      <CardRows>
        <CardRow label='实付' id={`${id}-amount`}>
          {formatYuan(o.totalFen, { trimZeros: false })} · {PAY_WITH[o.payWith]} · {o.statusLabel}
        </CardRow>
        <CardRow label='顾客' block>
          <CustomerName id={`${id}-customer`} openid={o.openid} customer={o.customer} />
        </CardRow>
        <CardRow label='配送' id={`${id}-delivery`} block>
          {d && d.method === 'address' ? (
            <AddressLines d={d} />
          ) : d ? (
            <Text>{deliveryText(d, { mask: false })}</Text>
          ) : (
            <Text className='muted'>{o.lines.some((l) => l.physical) ? '顾客未填写配送方式，请联系顾客确认' : '虚拟商品，无需配送'}</Text>
          )}
        </CardRow>
        {o.paidAt ? <CardRow label='支付时间'>{dateTime(o.paidAt)}</CardRow> : null}
        {f.state === 'shipped' ? (
          <CardRow label='物流' id={`${id}-tracking`}>
            {[f.carrierName ?? f.carrier, f.trackingNo].filter(Boolean).join(' ')}
          </CardRow>
        ) : null}
        {f.at && (f.state === 'shipped' || f.state === 'picked-up') ? (
          <CardRow label={f.state === 'shipped' ? '发货时间' : '自提时间'}>
            {dateTime(f.at)}
            {f.by ? ` · ${f.by}` : ''}
          </CardRow>
        ) : null}
        {f.state !== 'pending' || o.shippingUpload ? (
          <CardRow label='微信发货' id={`${id}-upload`} valueClass={o.shippingUpload?.state === 'failed' ? 'ops-upload--failed' : ''}>
            {uploadLine(o.shippingUpload)}
          </CardRow>
        ) : null}
      </CardRows>
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
    </Card>
  );
});

/** 订单发货: 待发货 / 已发货 / 已自提 / 已发放; 发货 (carrier from the list + tracking no.), 确认已自提. */
function OrdersPage() {
  const { orders } = useBackOffice();

  useListPaging(orders.list);

  const overlay = (
    <>
      <ShipDialog desk={orders} id='ship-dialog' title={(o) => `发货：${o.title}`} carriers={CARRIER_CHIPS}>
        {(o) =>
          o.delivery?.method === 'address' ? (
            <>
              <Text className='dialog__line'>
                寄给 {o.delivery.name} {o.delivery.phone}
              </Text>
              <Text className='dialog__line'>{o.delivery.address}</Text>
            </>
          ) : (
            <Text className='dialog__line dialog__line--warn'>顾客未填写收货地址，请先与顾客确认后再发货。</Text>
          )
        }
      </ShipDialog>
      <PickupDialog desk={orders} id='pickup-dialog' check='顾客订单'>
        {(o) => (
          <>
            <Text className='dialog__line'>{o.lines.map((l) => `${l.name} ×${l.qty}`).join('、')}</Text>
            {o.delivery ? <Text className='dialog__line'>{deliveryText(o.delivery, { mask: false })}</Text> : null}
          </>
        )}
      </PickupDialog>
    </>
  );

  return (
    <OpsShell forbidden={orders.list.forbidden} overlay={overlay}>
      <TabbedBody store={orders} tabs={ORDER_TABS} name='orders' id='ops-orders' loadingText='正在加载订单…' empty={tabOf(ORDER_TABS, orders.tab).empty}>
        {(o) => <OrderCard key={o.orderId} o={o} store={orders} />}
      </TabbedBody>
    </OpsShell>
  );
}

export default observer(OrdersPage);
