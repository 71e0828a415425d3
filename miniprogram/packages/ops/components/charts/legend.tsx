import { Text, View } from '@tarojs/components';
import './charts.css';

export interface SeriesDef {
  key: string;
  label: string;
  color: string;
  values: number[];
}

/** Colour key of a chart's series (the colours carry no meaning the labels do not also say). */
export function Legend({ series }: { series: Array<Pick<SeriesDef, 'key' | 'label' | 'color'>> }) {
  return (
    <View className='chart__legend'>
      {series.map((s) => (
        <View key={s.key} className='chart__legend-item'>
          <View className='chart__swatch' style={{ background: s.color }} />
          <Text className='chart__legend-label'>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}
