import { Text, View } from '@tarojs/components';
import { segmentLabel } from '@shared/segments/labels';
import type { SegmentHistoryView } from '../../../services/report';
import { DayColumns } from '../components/charts';
import { Chips } from '../components/shell';
import { bucketDays, lastOf } from '../format/report';
import { SIZE_FAMILIES, type SizeFamily } from '../stores/report-store';

const PALETTE: Record<SizeFamily, string[]> = {
  layer: ['#cfc8c0', '#e0bd75', '#b8860b', '#7a4f00'],
  life: ['#2f7a4a', '#8fb996', '#d9a441', '#c8372d'],
  purchases: ['#e0bd75', '#cf9f3c', '#8a5a00'],
};

const count = (n: number) => `${n} 人`;

/**
 * Segment sizes over time: the daily snapshots in the period, then today's sizes now, stacked by
 * the chosen family (分层 / 生命周期 / 购买次数).
 */
export function SegmentSizes({ history, family, onFamily }: { history: SegmentHistoryView; family: SizeFamily; onFamily: (f: SizeFamily) => void }) {
  const def = SIZE_FAMILIES.find((f) => f.key === family)!;
  const points = [...history.days.filter((d) => d.day < history.current.day), { ...history.current, day: history.current.day }];
  const buckets = bucketDays(points, (p) => p.counts, lastOf);
  const labels = buckets.map((b, i) => (i === buckets.length - 1 ? '现在' : b.label));
  return (
    <View>
      <Chips idPrefix='rpt-family' options={SIZE_FAMILIES.map((f) => ({ key: f.key, label: f.label }))} value={family} onSelect={(f) => onFamily(f)} />
      <DayColumns
        id='rpt-segments-chart'
        stacked
        buckets={buckets}
        labels={labels}
        series={def.keys.map((k, i) => ({ key: k, label: segmentLabel(k), color: PALETTE[family][i], valueOf: (v: Record<string, number>) => v[k] ?? 0 }))}
        axisText={(n) => `${n}`}
        valueText={count}
        title={(b, i) => (i === buckets.length - 1 ? '现在' : `${b.last} 0 点`)}
      />
      {points.length === 1 ? <Text className='rpt-note'>每天 0 点自动记录一次各分群人数，之后这里会显示变化。</Text> : null}
    </View>
  );
}
