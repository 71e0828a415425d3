import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { ErrorView, LoadingView } from '../../../components/load-state';
import { NoticeBar } from '../../../components/notice-bar';
import { PayHost } from '../../../components/pay-sheet';
import { SignInGate } from '../../../components/sign-in-gate';
import { dateTime } from '../../../format/date';
import { deliveryText } from '../../../format/delivery';
import { useStores } from '../../../stores/context';
import { PAY_HOST_ORDER } from '../../../stores/orders-store';
import { KIND_LABELS, PAY_WITH_LABELS, REFUND_LABELS, REFUND_PENDING_HINT, statusTone } from '../labels';
import '../orders.css';

const yuan2 = (fen: number) => formatYuan(fen, { trimZeros: false });

/** What the head says about refunds: money still on its way is not called refunded. */
function refundHeadline(refundedFen: number, refunds: Array<{ amountFen: number; status: string }>): string {
  const onTheWay = refunds.filter((r) => r.status !== 'succeeded').reduce((s, r) => s + r.amountFen, 0);
  if (onTheWay === 0) return `已退款 ${yuan2(refundedFen)}`;
  const done = refundedFen - onTheWay;
  return `退款 ${yuan2(onTheWay)} 处理中${done > 0 ? `，已退回 ${yuan2(done)}` : ''}`;
}

/** 订单详情: lines and amounts as the server priced them, refunds, and the actions the order's state allows. */
function OrderDetailPage() {
  const root = useStores();
  const { session, orders } = root;
  const orderId = useRouter().params.orderId ?? '';
  const [dialog, setDialog] = useState<'refund' | 'cancel' | undefined>(undefined);

  useEffect(() => {
    if (session.isLoggedIn && orderId) void orders.open(orderId);
  }, [session.isLoggedIn, orders, orderId]);

  const o = orders.detail?.orderId === orderId ? orders.detail : undefined;
  const now = Date.now();

  let body;
  if (!o && orders.detailError) {
    body = <ErrorView message={orders.detailError} onRetry={() => void orders.open(orderId)} />;
  } else if (!o) {
    body = <LoadingView text='正在加载订单…' />;
  } else {
    const payable = o.status === 'created' && o.payWith === 'wechat' && o.payDeadline > now;
    const refundWhere =
      o.payWith === 'balance' ? '退回储值余额（按原扣款的本金和赠送比例退回）' : o.payWith === 'combined' ? '按原支付方式分别退回：余额部分退回储值余额，微信部分原路退回微信支付' : '原路退回微信支付，通常 1–3 个工作日到账';
    body = (
      <View id='order-detail'>
        <View className={`detail-head detail-head--${statusTone(o.status)}`}>
          <Text className='detail-head__status' id='order-status'>
            {o.statusLabel}
          </Text>
          {o.status === 'created' ? (
            <Text className='detail-head__sub'>{payable ? `请在 ${dateTime(o.payDeadline)} 前完成支付，超时订单将自动关闭。` : '已超过支付时限，订单即将关闭，请重新下单。'}</Text>
          ) : o.status === 'cancelled' ? (
            <Text className='detail-head__sub'>订单已关闭。如需购买请重新下单。</Text>
          ) : o.refundedFen > 0 ? (
            <Text className='detail-head__sub' id='order-refunded-sub'>
              {refundHeadline(o.refundedFen, o.refunds)}
            </Text>
          ) : null}
        </View>

        <NoticeBar id='order-notice' notice={orders.notice} onClose={() => orders.dismissNotice()} />

        <View className='card'>
          <Text className='detail-title'>
            {KIND_LABELS[o.kind]} · {o.title}
          </Text>
          {o.lines.map((l) => (
            <View key={l.productId} className='detail-line' id={`line-${l.productId}`}>
              <View className='detail-line__main'>
                <Text className='detail-line__name'>{l.name}</Text>
                <View className='detail-line__tags'>
                  {l.kind === 'trial' ? <Text className='badge badge--trial'>体验装</Text> : null}
                  {l.memberPriceApplied ? <Text className='badge badge--member'>会员价</Text> : null}
                  {l.refundedQty > 0 ? <Text className='badge detail-line__refunded'>已退 {l.refundedQty} 件</Text> : null}
                </View>
              </View>
              <View className='detail-line__price'>
                <Text className='detail-line__unit'>
                  {formatYuan(l.unitFen)} × {l.qty}
                </Text>
                {l.memberPriceApplied ? <Text className='detail-line__list'>{formatYuan(l.listUnitFen)}</Text> : null}
              </View>
            </View>
          ))}
          {o.membership ? <Text className='detail-note'>会员方案：{o.membership.planName}</Text> : null}
          {o.topUp ? (
            <Text className='detail-note'>
              充值本金 {formatYuan(o.topUp.principalFen)}
              {o.topUp.bonusFen ? `，赠送 ${formatYuan(o.topUp.bonusFen)}` : ''}
            </Text>
          ) : null}
          <View className='detail-row detail-row--total'>
            <Text>实付</Text>
            <Text className='detail-total' id='order-total'>
              {yuan2(o.totalFen)}
            </Text>
          </View>
        </View>

        {o.fulfilment && (o.fulfilment.state !== 'delivered' || o.delivery) ? (
          <View className='card' id='order-fulfilment'>
            <Text className='detail-title'>配送</Text>
            <View className='detail-row'>
              <Text className='muted'>状态</Text>
              <Text className={`detail-fulfilment detail-fulfilment--${o.fulfilment.state}`} id='order-fulfilment-state'>
                {o.fulfilment.label}
              </Text>
            </View>
            {o.fulfilment.state === 'shipped' ? (
              <View className='detail-row'>
                <Text className='muted'>物流</Text>
                <Text id='order-tracking'>{[o.fulfilment.carrierName ?? o.fulfilment.carrier, o.fulfilment.trackingNo].filter(Boolean).join(' ')}</Text>
              </View>
            ) : null}
            {o.fulfilment.at && (o.fulfilment.state === 'shipped' || o.fulfilment.state === 'picked-up') ? (
              <View className='detail-row'>
                <Text className='muted'>{o.fulfilment.state === 'shipped' ? '发货时间' : '取货时间'}</Text>
                <Text>{dateTime(o.fulfilment.at)}</Text>
              </View>
            ) : null}
            {o.delivery ? (
              <View className='detail-row'>
                <Text className='muted'>{o.delivery.method === 'address' ? '收货信息' : '取货方式'}</Text>
                <Text className='detail-delivery' id='order-delivery'>
                  {deliveryText(o.delivery)}
                </Text>
              </View>
            ) : null}
            {o.fulfilment.state === 'pending' ? (
              <Text className='detail-hint' id='order-fulfilment-hint'>
                {o.delivery?.method === 'pickup' ? '请到店出示订单取货。' : '商家正在备货，发货后可在此查看物流单号。'}
              </Text>
            ) : null}
          </View>
        ) : null}

        <View className='card'>
          <View className='detail-row'>
            <Text className='muted'>支付方式</Text>
            <Text>
              {PAY_WITH_LABELS[o.payWith]}
              {o.balancePaid && !o.combined ? `（本金 ${formatYuan(o.balancePaid.principalFen)} + 赠送 ${formatYuan(o.balancePaid.bonusFen)}）` : ''}
            </Text>
          </View>
          {o.combined ? (
            <View className='detail-row' id='order-combined'>
              <Text className='muted'>{o.status === 'created' ? '已保留余额' : '余额支付'}</Text>
              <Text>
                {formatYuan(o.combined.balanceFen)}（本金 {formatYuan(o.combined.principalFen)} + 赠送 {formatYuan(o.combined.bonusFen)}）· 微信支付 {formatYuan(o.combined.cashFen)}
              </Text>
            </View>
          ) : null}
          <View className='detail-row'>
            <Text className='muted'>下单时间</Text>
            <Text>{dateTime(o.createdAt)}</Text>
          </View>
          {o.paidAt ? (
            <View className='detail-row'>
              <Text className='muted'>支付时间</Text>
              <Text>{dateTime(o.paidAt)}</Text>
            </View>
          ) : null}
          <View className='detail-row'>
            <Text className='muted'>订单编号</Text>
            <Text className='detail-id'>{o.orderId}</Text>
          </View>
        </View>

        {o.refunds.length > 0 ? (
          <View className='card' id='order-refunds'>
            <Text className='detail-title'>退款记录</Text>
            {o.refunds.map((r, i) => (
              <View key={r.refundId} className='detail-row'>
                <Text className='muted'>{dateTime(r.createdAt)}</Text>
                <Text id={`order-refund-${i}-status`}>
                  {yuan2(r.amountFen)} · {REFUND_LABELS[r.status]}
                </Text>
              </View>
            ))}
            {o.payWith === 'wechat' && o.refunds.some((r) => r.status === 'pending') ? (
              <Text className='detail-hint' id='order-refund-hint'>
                {REFUND_PENDING_HINT}
              </Text>
            ) : null}
          </View>
        ) : null}

        {o.kind !== 'product' && o.status === 'paid' ? (
          <Text className='detail-hint'>{o.kind === 'membership' ? '会员费退款请在「会员」页办理。' : '储值退款请在「钱包」页办理。'}</Text>
        ) : null}

        <View className='detail-actions'>
          {payable ? (
            <>
              <Button className='btn btn--ghost detail-actions__btn' id='order-cancel' disabled={orders.busy !== undefined || undefined} onClick={() => setDialog('cancel')}>
                取消订单
              </Button>
              <Button className='btn btn--wechat detail-actions__btn' id='order-pay' disabled={orders.busy !== undefined || root.pay.busy || undefined} onClick={() => void orders.payDetail()}>
                {orders.busy === 'pay' ? '处理中…' : `继续支付 ${formatYuan(o.totalFen)}`}
              </Button>
            </>
          ) : null}
          {o.canRefund ? (
            <Button className='btn btn--ghost detail-actions__btn' id='order-refund-open' disabled={orders.busy !== undefined || undefined} onClick={() => setDialog('refund')}>
              申请退款
            </Button>
          ) : null}
        </View>

        {dialog === 'refund' && o.canRefund ? (
          <ConfirmDialog
            id='order-refund-dialog'
            title='确认申请退款？'
            confirmText='确认退款'
            danger
            busy={orders.busy === 'refund'}
            onCancel={() => setDialog(undefined)}
            onConfirm={() => void orders.refundDetail().then(() => setDialog(undefined))}
          >
            <Text className='dialog__amount'>{yuan2(o.refundableFen)}</Text>
            <Text className='dialog__line'>退款将{refundWhere}。</Text>
            {o.refundOverCapFen && o.refundCapFen ? (
              <Text className='dialog__line dialog__line--warn' id='order-refund-overcap'>
                储值余额上限为 {yuan2(o.refundCapFen)}：其中 {yuan2(o.refundOverCapFen)} 退回后会超出上限，将作为本金原路退回您充值时的微信支付（1–3 个工作日到账），不进入余额。
              </Text>
            ) : null}
            <Text className='dialog__line dialog__line--warn'>退款后订单内商品视为退回，此操作不可撤销。</Text>
          </ConfirmDialog>
        ) : null}
        {dialog === 'cancel' ? (
          <ConfirmDialog
            id='order-cancel-dialog'
            title='确定取消订单？'
            confirmText='取消订单'
            cancelText='保留订单'
            busy={orders.busy === 'cancel'}
            onCancel={() => setDialog(undefined)}
            onConfirm={() => void orders.cancelDetail().then(() => setDialog(undefined))}
          >
            <Text className='dialog__line'>取消后如需购买，请重新下单。</Text>
          </ConfirmDialog>
        ) : null}
      </View>
    );
  }

  return (
    <View className='page orders'>
      <SignInGate signedIn={session.isLoggedIn} onSignIn={(openid) => void root.signInDev(openid)}>
        {body}
        <PayHost host={PAY_HOST_ORDER} />
      </SignInGate>
    </View>
  );
}

export default observer(OrderDetailPage);
