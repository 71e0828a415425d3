import { useState } from 'react';
import { compactYuan, yuanText, type DaySeriesBucket } from '../../format/report';
import { ColumnChart, type ColumnChartProps } from './column-chart';

/** One series of a day chart: how to read its value from a bucket. */
export interface DaySeries<T> {
  key: string;
  label: string;
  color: string;
  valueOf: (values: T) => number;
}

type Passed = 'id' | 'stacked';

/**
 * Columns over days (bucketDays' output): the latest column is selected until one is tapped, as
 * every report opens on today. Labels default to the buckets' own; the readout's heading and
 * extra lines get the bucket itself. Values are fen unless `axisText`/`valueText` say otherwise
 * (most day charts are money; a count chart passes its own).
 */
export function DayColumns<T>(p: Pick<ColumnChartProps, Passed> & Partial<Pick<ColumnChartProps, 'axisText' | 'valueText'>> & { buckets: Array<DaySeriesBucket<T>>; series: Array<DaySeries<T>>; labels?: string[]; title?: (b: DaySeriesBucket<T>, index: number) => string; extra?: (b: DaySeriesBucket<T>) => string[] }) {
  const [selected, setSelected] = useState<number | null>(null);
  const { buckets, title, extra } = p;
  return (
    <ColumnChart
      id={p.id}
      stacked={p.stacked}
      categories={p.labels ?? buckets.map((b) => b.label)}
      series={p.series.map((s) => ({ key: s.key, label: s.label, color: s.color, values: buckets.map((b) => s.valueOf(b.values)) }))}
      selected={selected ?? buckets.length - 1}
      onSelect={setSelected}
      axisText={p.axisText ?? compactYuan}
      valueText={p.valueText ?? yuanText}
      title={(i) => (title ? title(buckets[i], i) : buckets[i].title)}
      extra={extra ? (i) => extra(buckets[i]) : undefined}
    />
  );
}
