import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { useStores } from '../../stores/context';
import './index.css';

export interface PaySheetProps {
  title: string;
  amountFen: number;
  paying: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Local mode's stand-in for the WeChat cashier (weapp shows WeChat's own). It only appears when
 * services/pay.ts asks for it, which it does on H5 only.
 */
export function PaySheet({ title, amountFen, paying, onConfirm, onCancel }: PaySheetProps) {
  return (
    <View className='overlay overlay--sheet pay-mask' id='pay-sheet' catchMove>
      <View className='pay-sheet'>
        <Text className='pay-sheet__brand'>模拟微信支付</Text>
        <Text className='pay-sheet__hint'>本地开发模式 · 不会产生真实扣款</Text>
        <Text className='pay-sheet__title'>{title}</Text>
        <Text className='pay-sheet__amount' id='pay-sheet-amount'>
          {formatYuan(amountFen, { trimZeros: false })}
        </Text>
        <Button className='btn btn--wechat pay-sheet__confirm' id='pay-sheet-confirm' disabled={paying || undefined} onClick={onConfirm}>
          {paying ? '支付中…' : '确认支付'}
        </Button>
        <Button className='btn btn--ghost pay-sheet__cancel' id='pay-sheet-cancel' disabled={paying || undefined} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

/**
 * Where a page shows the pay flow's UI: the sheet (local mode) and, on every platform, a short
 * "confirming" overlay while the order is polled. Each paying page mounts one with its own
 * `host`, so a tab page kept alive in the background never shows another page's sheet.
 */
export const PayHost = observer(function PayHost({ host }: { host: string }) {
  const { pay } = useStores();
  const active = pay.sheetFor(host);
  if (!active) return null;
  if (active.sheetOpen) {
    return (
      <PaySheet
        title={active.request.title}
        amountFen={active.request.payment.totalFen}
        paying={active.phase === 'paying'}
        onConfirm={() => pay.confirmSheet()}
        onCancel={() => pay.cancelSheet()}
      />
    );
  }
  if (active.phase !== 'confirming') return null;
  return (
    <View className='overlay overlay--sheet pay-mask pay-mask--light' id='pay-confirming'>
      <View className='pay-confirming'>
        <View className='pay-confirming__spinner' />
        <Text className='pay-confirming__text'>正在确认支付结果…</Text>
      </View>
    </View>
  );
});
