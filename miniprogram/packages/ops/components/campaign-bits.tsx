import { Text, View } from '@tarojs/components';
import type { CampaignStatus } from '@shared/promotions/campaign-views';
import { CAMPAIGN_STATUS_LABELS } from '../format/campaign';

const TONES: Partial<Record<CampaignStatus, string>> = { launching: 'wait', live: 'good', paused: 'bad' };

/** A campaign's status as a coloured chip (the word carries the meaning; the colour only helps). */
export function StatusChip({ id, status }: { id: string; status: CampaignStatus }) {
  return (
    <Text className={`ops-status cmp-status ops-status--${TONES[status] ?? 'plain'}`} id={id}>
      {CAMPAIGN_STATUS_LABELS[status]}
    </Text>
  );
}

/** A progress bar with its words beside it. */
export function ProgressBar({ id, pct, text }: { id: string; pct: number; text: string }) {
  return (
    <View className='cmp-progress' id={id}>
      <View className='cmp-progress__track'>
        <View className='cmp-progress__bar' style={{ width: `${Math.max(2, pct)}%` }} />
      </View>
      <Text className='cmp-progress__text' id={`${id}-text`}>
        {text}
      </Text>
    </View>
  );
}
