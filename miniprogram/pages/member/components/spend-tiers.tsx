import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { TierProgress } from '../../../components/tier-progress';
import type { TiersStore } from '../../../stores/tiers-store';

/** 累计消费礼: progress towards the next tier, and the way to the gift list. */
export const SpendTiers = observer(function SpendTiers({ tiers, onOpenGifts }: { tiers: TiersStore; onOpenGifts: () => void }) {
  return (
    <View id='spend-tiers'>
      <Text className='section-title'>累计消费礼</Text>
      {tiers.view ? (
        <TierProgress id='member-tier' view={tiers.view} onTap={onOpenGifts} />
      ) : tiers.error ? (
        <Button className='btn btn--ghost btn--small tier-retry' id='member-tier-retry' onClick={() => void tiers.load()}>
          消费进度加载失败：{tiers.error.replace(/[。.]\s*$/, '')}，点击重试
        </Button>
      ) : (
        <Text className='tier-note' id='member-tier-loading'>
          正在查询累计消费…
        </Text>
      )}
      <View className='card tier-link' id='tier-gifts-link' onClick={onOpenGifts}>
        <View className='tier-link__main'>
          <Text className='tier-link__title'>查看全部消费礼</Text>
          <Text className='tier-link__sub'>各档礼品、领取状态与物流信息</Text>
        </View>
        {tiers.availableCount > 0 ? (
          <Text className='tier-link__badge' id='tier-gifts-available'>
            {tiers.availableCount} 份可领取
          </Text>
        ) : null}
        <Text className='tier-link__arrow'>›</Text>
      </View>
    </View>
  );
});
