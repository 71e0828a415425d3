import { useEffect } from 'react';
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import type { GiftClaimView } from '@shared/tiers/view';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { EmptyView, ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { SignInGate } from '../../../components/sign-in-gate';
import { dateTime } from '../../../format/date';
import { deliveryText, fulfilmentText } from '../../../format/delivery';
import { useStores } from '../../../stores/context';
import { FORBIDDEN_TEXT, OPS_TABS, type OpsStore } from '../../../stores/ops-store';
import '../ops.css';

/** Carriers operators pick most; any other can be typed. */
const CARRIERS = ['顺丰速运', '京东物流', '中通快递', '圆通速递', 'EMS'];

/** Short state for the card head; the shipment itself gets its own row. */
const STATE_LABELS: Record<string, string> = { shipped: '已发货', 'picked-up': '已自提' };

const SOURCE_LABELS: Record<GiftClaimView['source'], string> = { welcome: '入会礼包', tier: '消费礼' };

/** One claim: what, for whom, how it travels, and the action its state allows. */
const ClaimCard = observer(function ClaimCard({ claim, ops }: { claim: GiftClaimView; ops: OpsStore }) {
  const id = `ops-claim-${claim.entitlementId}`;
  const d = claim.delivery;
  const pending = claim.fulfilment.state === 'pending';
  return (
    <View className='ops-claim' id={id}>
      <View className='ops-claim__head'>
        <Text className='ops-claim__source'>{SOURCE_LABELS[claim.source] ?? '礼品'}</Text>
        <Text className='ops-claim__name'>{claim.name}</Text>
        <Text className={`ops-claim__state ops-claim__state--${claim.fulfilment.state}`} id={`${id}-state`}>
          {STATE_LABELS[claim.fulfilment.state] ?? fulfilmentText(d, claim.fulfilment)}
        </Text>
      </View>
      <Text className='ops-claim__items'>
        {claim.items.join('、')}
        {claim.valueFen ? ` · 价值 ${formatYuan(claim.valueFen)}` : ''}
      </Text>
      <View className='ops-claim__rows'>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>顾客</Text>
          <Text className='ops-claim__value ops-claim__mono' id={`${id}-openid`}>
            {claim.openid}
          </Text>
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>领取方式</Text>
          {d.method === 'address' ? (
            <View className='ops-claim__value' id={`${id}-delivery`}>
              <Text className='ops-claim__line'>快递到家</Text>
              <Text className='ops-claim__line'>
                {d.name} {d.phone}
              </Text>
              <Text className='ops-claim__line'>{d.address}</Text>
            </View>
          ) : (
            <Text className='ops-claim__value' id={`${id}-delivery`}>
              {deliveryText(d, { mask: false })}
            </Text>
          )}
        </View>
        <View className='ops-claim__row'>
          <Text className='ops-claim__label'>领取时间</Text>
          <Text className='ops-claim__value'>{dateTime(claim.claimedAt)}</Text>
        </View>
        {claim.fulfilment.state === 'shipped' ? (
          <View className='ops-claim__row'>
            <Text className='ops-claim__label'>物流</Text>
            <Text className='ops-claim__value' id={`${id}-tracking`}>
              {[claim.fulfilment.carrier, claim.fulfilment.trackingNo].filter(Boolean).join(' ')}
            </Text>
          </View>
        ) : null}
        {claim.fulfilment.at ? (
          <View className='ops-claim__row'>
            <Text className='ops-claim__label'>{claim.fulfilment.state === 'shipped' ? '发货时间' : '自提时间'}</Text>
            <Text className='ops-claim__value'>{dateTime(claim.fulfilment.at)}</Text>
          </View>
        ) : null}
      </View>
      {pending && d.method === 'address' ? (
        <Button className='btn btn--dark btn--small ops-claim__action' id={`ops-ship-${claim.entitlementId}`} disabled={ops.busyId !== undefined || undefined} onClick={() => ops.openShip(claim.entitlementId)}>
          发货
        </Button>
      ) : null}
      {pending && d.method === 'pickup' ? (
        <Button className='btn btn--primary btn--small ops-claim__action' id={`ops-pickup-${claim.entitlementId}`} disabled={ops.busyId !== undefined || undefined} onClick={() => ops.openPickup(claim.entitlementId)}>
          确认已自提
        </Button>
      ) : null}
    </View>
  );
});

/** 运营后台 · 礼品发货: claimed gifts by fulfilment state; ship 快递到家 claims, confirm 到店自提 ones. */
function GiftClaimsPage() {
  const root = useStores();
  const { session, ops } = root;

  useEffect(() => {
    if (session.isLoggedIn) void ops.ensureLoaded();
  }, [session.isLoggedIn, ops]);

  usePullDownRefresh(() => {
    void ops.load().finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => void ops.loadMore());

  const tab = OPS_TABS.find((t) => t.state === ops.tab) ?? OPS_TABS[0];
  const shipping = ops.ship ? ops.claim(ops.ship.entitlementId) : undefined;
  const pickup = ops.pickupId ? ops.claim(ops.pickupId) : undefined;

  let body;
  if (ops.forbidden) {
    body = (
      <View className='ops-forbidden' id='ops-forbidden'>
        <Text className='ops-forbidden__title'>{FORBIDDEN_TEXT}</Text>
        <Text className='ops-forbidden__sub'>当前账号不是运营人员。如需开通，请联系店铺管理员。</Text>
        <Button className='btn btn--ghost' id='ops-forbidden-back' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
          返回「我的」
        </Button>
      </View>
    );
  } else {
    body = (
      <View id='ops-content'>
        <View className='ops-tabs' id='ops-tabs'>
          {OPS_TABS.map((t) => (
            <Text key={t.state} className={`ops-tab ${t.state === ops.tab ? 'ops-tab--on' : ''}`} id={`ops-tab-${t.state}`} onClick={() => ops.setTab(t.state)}>
              {t.label}
            </Text>
          ))}
        </View>
        <NoticeBar id='ops-notice' notice={ops.notice} onClose={() => ops.dismissNotice()} />
        {!ops.loaded && ops.error ? (
          <ErrorView message={ops.error} onRetry={() => void ops.load()} />
        ) : !ops.loaded ? (
          <LoadingView text='正在加载领取记录…' />
        ) : ops.isEmpty ? (
          <EmptyView text={tab.empty} />
        ) : (
          <View id='ops-claims'>
            {ops.claims.map((c) => (
              <ClaimCard key={c.entitlementId} claim={c} ops={ops} />
            ))}
            {ops.error ? (
              <Text className='ops__error' id='ops-error'>
                {ops.error}
              </Text>
            ) : null}
            {ops.hasMore ? (
              <Button className='btn btn--ghost btn--small ops__more' id='ops-more' disabled={ops.loadingMore || undefined} onClick={() => void ops.loadMore()}>
                {ops.loadingMore ? '加载中…' : '加载更多'}
              </Button>
            ) : (
              <Text className='ops__end'>没有更多了</Text>
            )}
          </View>
        )}
      </View>
    );
  }

  return (
    <View className='page ops'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        {ops.ship && shipping && shipping.delivery.method === 'address' ? (
          <ConfirmDialog
            id='ops-ship-dialog'
            title={`发货：${shipping.name}`}
            confirmText='确认发货'
            cancelText='取消'
            busy={ops.busyId === shipping.entitlementId}
            onCancel={() => ops.cancelShip()}
            onConfirm={() => void ops.submitShip()}
          >
            <Text className='dialog__line'>
              寄给 {shipping.delivery.name} {shipping.delivery.phone}
            </Text>
            <Text className='dialog__line'>{shipping.delivery.address}</Text>
            <View className='ops-ship'>
              <Text className='ops-ship__label'>快递公司</Text>
              <View className='ops-ship__carriers'>
                {CARRIERS.map((c, i) => (
                  <Text key={c} className={`ops-ship__carrier ${ops.ship!.carrier === c ? 'ops-ship__carrier--on' : ''}`} id={`ops-ship-carrier-${i}`} onClick={() => ops.setShipField('carrier', c)}>
                    {c}
                  </Text>
                ))}
              </View>
              <Input className='field' id='ops-ship-carrier' value={ops.ship.carrier} maxlength={20} placeholder='快递公司，如 顺丰速运' onInput={(e) => ops.setShipField('carrier', e.detail.value)} />
              <Text className='ops-ship__label'>运单号</Text>
              <Input className='field' id='ops-ship-tracking' value={ops.ship.trackingNo} maxlength={40} placeholder='运单号（见快递面单）' onInput={(e) => ops.setShipField('trackingNo', e.detail.value)} />
              {ops.shipError ? (
                <Text className='ops-ship__error' id='ops-ship-error'>
                  {ops.shipError}
                </Text>
              ) : null}
            </View>
          </ConfirmDialog>
        ) : null}
        {pickup ? (
          <ConfirmDialog
            id='ops-pickup-dialog'
            title='确认顾客已到店自提？'
            confirmText='确认已自提'
            cancelText='取消'
            busy={ops.busyId === pickup.entitlementId}
            onCancel={() => ops.cancelPickup()}
            onConfirm={() => void ops.confirmPickup()}
          >
            <Text className='dialog__line'>
              「{pickup.name}」{pickup.items.length ? `（${pickup.items.join('、')}）` : ''}
            </Text>
            <Text className='dialog__line'>{deliveryText(pickup.delivery, { mask: false })}</Text>
            <Text className='dialog__line dialog__line--warn'>请核对顾客会员码后再确认，确认后不可撤销。</Text>
          </ConfirmDialog>
        ) : null}
      </SignInGate>
    </View>
  );
}

export default observer(GiftClaimsPage);
