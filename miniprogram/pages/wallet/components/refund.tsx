import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { yuan2 } from '../../../format/yuan';
import type { WalletRefundQuote } from '../../../services/wallet';
import type { WalletStore } from '../../../stores/wallet-store';

/** 退还储值: what can be refunded, and the button that asks the server for a quote first. */
export const WalletRefundCard = observer(function WalletRefundCard({ wallet, onOpen }: { wallet: WalletStore; onOpen: () => void }) {
  return (
    <>
      <Text className='section-title'>退还储值</Text>
      <View className='card wallet-refund'>
        <Text className='wallet-refund__text'>未使用的充值本金可申请原路退还；赠送金额不予退还，退款时一并作废。</Text>
        <Button className='btn btn--ghost wallet-refund__btn' id='wallet-refund-open' disabled={wallet.quoting || wallet.refunding || undefined} onClick={onOpen}>
          {wallet.quoting ? '正在计算可退金额…' : '申请退还储值'}
        </Button>
      </View>
    </>
  );
});

/** 确认退还储值: the server's quote — principal back, bonus forfeited. */
export const WalletRefundDialog = observer(function WalletRefundDialog({ wallet, quote, onClose }: { wallet: WalletStore; quote: WalletRefundQuote; onClose: () => void }) {
  return (
    <ConfirmDialog id='wallet-refund-dialog' title='确认退还储值？' confirmText='确认退款' danger busy={wallet.refunding} onCancel={onClose} onConfirm={() => void wallet.refund().then(onClose)}>
      <Text className='dialog__amount'>{yuan2(quote.refundableFen)}</Text>
      <Text className='dialog__line' id='wallet-refund-quote'>
        退还本金 {formatYuan(quote.refundableFen)}，赠送金额 {formatYuan(quote.forfeitBonusFen)} 将作废。
      </Text>
      <Text className='dialog__line'>本金按原充值订单原路退回微信支付，通常 1–3 个工作日到账。</Text>
      <Text className='dialog__line dialog__line--warn'>退款后储值余额清零，此操作不可撤销。</Text>
    </ConfirmDialog>
  );
});
