import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import type { CardTerms } from '../../../services/wallet';
import type { WalletStore } from '../../../stores/wallet-store';

const termLines = (terms: CardTerms, className: string) =>
  terms.text.split('\n').map((line, i) => (
    <Text key={i} className={className}>
      {line}
    </Text>
  ));

/** 储值卡章程 in full; 同意 ticks the acceptance when it is still needed. */
export const TermsDialog = observer(function TermsDialog({ wallet, terms, onClose }: { wallet: WalletStore; terms: CardTerms; onClose: () => void }) {
  return (
    <ConfirmDialog
      id='terms-dialog'
      title='储值卡章程'
      confirmText={wallet.needsTermsAcceptance ? '同意' : '知道了'}
      cancelText='关闭'
      onCancel={onClose}
      onConfirm={() => {
        if (wallet.needsTermsAcceptance) wallet.setTermsTicked(true);
        onClose();
      }}
    >
      {termLines(terms, 'dialog__line')}
      <Text className='dialog__line wallet__version'>版本 {terms.version}</Text>
    </ConfirmDialog>
  );
});

/** 储值须知: the cap and the card terms as text. */
export function CardTermsCard({ terms, capFen }: { terms: CardTerms; capFen: number }) {
  return (
    <View className='card' id='card-terms'>
      <View className='wallet__cap'>
        <Text className='wallet__cap-label'>储值余额上限</Text>
        <Text className='wallet__cap-value'>{formatYuan(capFen)}</Text>
      </View>
      {termLines(terms, 'wallet__term')}
      <Text className='wallet__version'>条款版本 {terms.version}</Text>
    </View>
  );
}
