import { Text, View } from '@tarojs/components';
import { funnelShape, type FunnelStage } from './funnel-shape';
import './charts.css';

/**
 * A funnel of customer counts: centred bars narrowing stage by stage, each with its count and the
 * share of the stage before it (人数 and 转化率 in words, not only in width).
 */
export function Funnel({ id, stages, unit = '人' }: { id: string; stages: FunnelStage[]; unit?: string }) {
  return (
    <View className='chart funnel' id={id}>
      {funnelShape(stages).map((s, i) => (
        <View key={s.key} className='funnel__stage' id={`${id}-${s.key}`}>
          <View className='funnel__track'>
            <View className={`funnel__bar funnel__bar--${i}`} style={{ width: `${s.widthPct}%` }} />
          </View>
          <View className='funnel__text'>
            <Text className='funnel__label'>{s.label}</Text>
            <Text className='funnel__value'>
              {s.value} {unit}
            </Text>
            <Text className='funnel__rate'>{s.fromPrevPct === null ? (i > 0 ? '上一步为 0' : '') : `上一步的 ${s.fromPrevPct}%`}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
