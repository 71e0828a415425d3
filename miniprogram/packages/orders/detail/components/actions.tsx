import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { yuan2 } from '../../../../format/yuan';
import type { OrderView, PayWith } from '../../../../services/order';
import type { OrdersStore } from '../../../../stores/orders-store';

const REFUND_WHERE: Record<PayWith, string> = {
  balance: '退回储值余额（按原扣款的本金和赠送比例退回）',
  combined: '按原支付方式分别退回：余额部分退回储值余额，微信部分原路退回微信支付',
  wechat: '原路退回微信支付，通常 1–3 个工作日到账',
};

/** 取消订单 / 继续支付 while a WeChat order can still be paid, 申请退款 inside the refund window; each asks first. */
export const DetailActions = observer(function DetailActions({ orders, o, payable, payBusy }: { orders: OrdersStore; o: OrderView; payable: boolean; payBusy: boolean }) {
  const [dialog, setDialog] = useState<'refund' | 'cancel' | undefined>(undefined);
  const close = () => setDialog(undefined);
  return (
    <>
      <View className='detail-actions'>
        {payable ? (
          <>
            <Button className='btn btn--ghost detail-actions__btn' id='order-cancel' disabled={orders.busy !== undefined || undefined} onClick={() => setDialog('cancel')}>
              取消订单
            </Button>
            <Button className='btn btn--wechat detail-actions__btn' id='order-pay' disabled={orders.busy !== undefined || payBusy || undefined} onClick={() => void orders.payDetail()}>
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
        <ConfirmDialog id='order-refund-dialog' title='确认申请退款？' confirmText='确认退款' danger busy={orders.busy === 'refund'} onCancel={close} onConfirm={() => void orders.refundDetail().then(close)}>
          <Text className='dialog__amount'>{yuan2(o.refundableFen)}</Text>
          <Text className='dialog__line'>退款将{REFUND_WHERE[o.payWith]}。</Text>
          {o.refundOverCapFen && o.refundCapFen ? (
            <Text className='dialog__line dialog__line--warn' id='order-refund-overcap'>
              储值余额上限为 {yuan2(o.refundCapFen)}：其中 {yuan2(o.refundOverCapFen)} 退回后会超出上限，将作为本金原路退回您充值时的微信支付（1–3 个工作日到账），不进入余额。
            </Text>
          ) : null}
          <Text className='dialog__line dialog__line--warn'>退款后订单内商品视为退回，此操作不可撤销。</Text>
        </ConfirmDialog>
      ) : null}
      {dialog === 'cancel' ? (
        <ConfirmDialog id='order-cancel-dialog' title='确定取消订单？' confirmText='取消订单' cancelText='保留订单' busy={orders.busy === 'cancel'} onCancel={close} onConfirm={() => void orders.cancelDetail().then(close)}>
          <Text className='dialog__line'>取消后如需购买，请重新下单。</Text>
        </ConfirmDialog>
      ) : null}
    </>
  );
});
