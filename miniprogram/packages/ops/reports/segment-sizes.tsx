import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { segmentLabel } from '@shared/segments/labels';
import type { SegmentHistoryView } from '../../../services/report';
import { ColumnChart } from '../components/charts';
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
  const [selected, setSelected] = useState<number | null>(null);
  const def = SIZE_FAMILIES.find((f) => f.key === family)!;
  const points = [...history.days.filter((d) => d.day < history.current.day), { ...history.current, day: history.current.day }];
  const buckets = bucketDays(points, (p) => p.counts, lastOf);
  const labels = buckets.map((b, i) => (i === buckets.length - 1 ? '现在' : b.label));
  return (
    <View>
      <Chips idPrefix='rpt-family' options={SIZE_FAMILIES.map((f) => ({ key: f.key, label: f.label }))} value={family} onSelect={(f) => onFamily(f)} />
      <ColumnChart
        id='rpt-segments-chart'
        stacked
        categories={labels}
        series={def.keys.map((k, i) => ({ key: k, label: segmentLabel(k), color: PALETTE[family][i], values: buckets.map((b) => b.values[k] ?? 0) }))}
        selected={selected ?? buckets.length - 1}
        onSelect={setSelected}
        axisText={(n) => `${n}`}
        valueText={count}
        title={(i) => (i === buckets.length - 1 ? '现在' : `${buckets[i].last} 0 点`)}
      />
      {points.length === 1 ? <Text className='rpt-note'>每天 0 点自动记录一次各分群人数，之后这里会显示变化。</Text> : null}
    </View>
  );
}
