import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { GiftClaimView } from '@shared/tiers/view';
import { dateTime } from '../../../format/date';
import { deliveryText, fulfilmentText } from '../../../format/delivery';
import { AddressLines, Card, CardHead, CardRow, CardRows } from '../components/card';
import { CustomerName } from '../components/customer-name';
import { PickupDialog, ShipDialog } from '../components/fulfilment-dialogs';
import { TabbedBody, tabOf } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { useBackOffice } from '../stores/back-office';
import { GIFT_CARRIERS, GIFT_TABS, type GiftClaimsStore } from '../stores/gift-claims-store';
import '../ops.css';

/** Short state for the card head; the shipment itself gets its own row. */
const STATE_LABELS: Record<string, string> = { shipped: '已发货', 'picked-up': '已自提' };

const SOURCE_LABELS: Record<GiftClaimView['source'], string> = { welcome: '入会礼包', tier: '消费礼' };

const CARRIER_CHIPS = GIFT_CARRIERS.map((c, i) => ({ key: String(i), value: c, label: c }));

/** One claim: what, for whom, how it travels, and the action its state allows. */
const ClaimCard = observer(function ClaimCard({ claim, store }: { claim: GiftClaimView; store: GiftClaimsStore }) {
  const id = `ops-claim-${claim.entitlementId}`;
  const d = claim.delivery;
  const f = claim.fulfilment;
  const busy = store.busyId !== undefined || undefined;
  return (
    <Card id={id}>
      <CardHead id={id} source={SOURCE_LABELS[claim.source] ?? '礼品'} name={claim.name} state={STATE_LABELS[f.state] ?? fulfilmentText(d, f)} stateClass={`ops-claim__state--${f.state}`} />
      <Text className='ops-claim__items'>
        {claim.items.join('、')}
        {claim.valueFen ? ` · 价值 ${formatYuan(claim.valueFen)}` : ''}
      </Text>
      <CardRows>
        <CardRow label='顾客' block>
          <CustomerName id={`${id}-customer`} openid={claim.openid} customer={claim.customer} />
        </CardRow>
        {d.method === 'address' ? (
          <CardRow label='领取方式' id={`${id}-delivery`} block>
            <AddressLines d={d} />
          </CardRow>
        ) : (
          <CardRow label='领取方式' id={`${id}-delivery`}>
            {deliveryText(d, { mask: false })}
          </CardRow>
        )}
        <CardRow label='领取时间'>{dateTime(claim.claimedAt)}</CardRow>
        {f.state === 'shipped' ? (
          <CardRow label='物流' id={`${id}-tracking`}>
            {[f.carrier, f.trackingNo].filter(Boolean).join(' ')}
          </CardRow>
        ) : null}
        {f.at ? <CardRow label={f.state === 'shipped' ? '发货时间' : '自提时间'}>{dateTime(f.at)}</CardRow> : null}
      </CardRows>
      {store.canShip(claim) ? (
        <Button className='btn btn--dark btn--small ops-claim__action' id={`ops-ship-${claim.entitlementId}`} disabled={busy} onClick={() => store.openShip(claim.entitlementId)}>
          发货
        </Button>
      ) : null}
      {store.canConfirmPickup(claim) ? (
        <Button className='btn btn--primary btn--small ops-claim__action' id={`ops-pickup-${claim.entitlementId}`} disabled={busy} onClick={() => store.openPickup(claim.entitlementId)}>
          确认已自提
        </Button>
      ) : null}
    </Card>
  );
});

/** 运营后台 · 礼品发货: claimed gifts by fulfilment state; ship 快递到家 claims, confirm 到店自提 ones. */
function GiftClaimsPage() {
  const { gifts } = useBackOffice();

  useListPaging(gifts.list);

  const overlay = (
    <>
      <ShipDialog desk={gifts} id='ops-ship-dialog' title={(c) => `发货：${c.name}`} carriers={CARRIER_CHIPS} typedCarrier>
        {(c) =>
          c.delivery.method === 'address' ? (
            <>
              <Text className='dialog__line'>
                寄给 {c.delivery.name} {c.delivery.phone}
              </Text>
              <Text className='dialog__line'>{c.delivery.address}</Text>
            </>
          ) : null
        }
      </ShipDialog>
      <PickupDialog desk={gifts} id='ops-pickup-dialog' check='顾客会员码'>
        {(c) => (
          <>
            <Text className='dialog__line'>
              「{c.name}」{c.items.length ? `（${c.items.join('、')}）` : ''}
            </Text>
            <Text className='dialog__line'>{deliveryText(c.delivery, { mask: false })}</Text>
          </>
        )}
      </PickupDialog>
    </>
  );

  return (
    <OpsShell forbidden={gifts.list.forbidden} overlay={overlay}>
      <View id='ops-content'>
        <TabbedBody store={gifts} tabs={GIFT_TABS} name='ops' id='ops-claims' loadingText='正在加载领取记录…' empty={tabOf(GIFT_TABS, gifts.tab).empty}>
          {(c) => <ClaimCard key={c.entitlementId} claim={c} store={gifts} />}
        </TabbedBody>
      </View>
    </OpsShell>
  );
}

export default observer(GiftClaimsPage);
