import { Text, View } from '@tarojs/components';
import { formatYuan } from '@shared/money/format';
import { yuan2 } from '../../../format/yuan';
import type { WalletBalance } from '../../../services/wallet';

/** 储值余额 with its split into 本金 and 赠送, and the cap. */
export function BalanceCard({ balance, capFen }: { balance: WalletBalance; capFen: number }) {
  return (
    <View className='balance-card' id='wallet-balance'>
      <Text className='balance-card__label'>储值余额（元）</Text>
      <Text className='balance-card__total' id='balance-total'>
        {yuan2(balance.totalFen)}
      </Text>
      <View className='balance-card__split' id='balance-split'>
        <Text className='balance-card__part'>本金 {formatYuan(balance.principalFen)}</Text>
        <Text className='balance-card__dot'>·</Text>
        <Text className='balance-card__part'>赠送 {formatYuan(balance.bonusFen)}</Text>
      </View>
      <Text className='balance-card__cap'>余额上限 {formatYuan(capFen)} · 消费时本金与赠送按比例扣减</Text>
    </View>
  );
}
