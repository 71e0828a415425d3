import { Text, View } from '@tarojs/components';
import { columnBar, labelEvery, scaleFor } from './scale';
import { Legend, type SeriesDef } from './legend';
import './charts.css';

export interface ColumnChartProps {
  id: string;
  /** One label per column (x axis), e.g. "05-20". */
  categories: string[];
  series: SeriesDef[];
  /** Stacked: the series of a column sit on top of each other (all values ≥ 0); else side by side. */
  stacked?: boolean;
  /** The tapped column (its numbers show under the chart). */
  selected: number;
  onSelect: (index: number) => void;
  /** Value → text for the axis (short) and the readout (exact). */
  axisText: (v: number) => string;
  valueText: (v: number) => string;
  /** The readout's heading for a column (default: its category). */
  title?: (index: number) => string;
  /** Extra readout lines for a column (e.g. the day's changes). */
  extra?: (index: number) => string[];
}

/** How many x labels fit under a phone-wide plot. */
const MAX_LABELS = 6;

/**
 * Columns drawn with Views (no canvas, no library): grouped or stacked, negative values hang below
 * the zero line. Tapping a column shows its exact numbers below — the chart is for looking, the
 * readout for reading.
 */
export function ColumnChart(p: ColumnChartProps) {
  const totals = p.categories.map((_c, i) => (p.stacked ? p.series.reduce((s, x) => s + Math.max(0, x.values[i] ?? 0), 0) : 0));
  const scale = scaleFor(p.stacked ? totals : p.series.flatMap((s) => s.values));
  const showLabel = labelEvery(p.categories.length, MAX_LABELS);
  const sel = Math.min(Math.max(0, p.selected), p.categories.length - 1);
  return (
    <View className='chart' id={p.id}>
      <View className='chart__frame'>
        <View className='chart__axis'>
          <Text className='chart__tick chart__tick--top'>{p.axisText(scale.hi)}</Text>
          {scale.lo < 0 ? <Text className='chart__tick chart__tick--bottom'>{p.axisText(scale.lo)}</Text> : null}
        </View>
        <View className='chart__plot'>
          <View className='chart__zero' style={{ top: `${scale.zeroPct}%` }} />
          {p.categories.map((c, i) => (
            <View key={c + i} className={`chart__col ${i === sel ? 'chart__col--on' : ''}`} id={`${p.id}-col-${i}`} onClick={() => p.onSelect(i)}>
              {p.stacked ? <Stack series={p.series} index={i} scale={scale} /> : p.series.map((s) => <Bar key={s.key} value={s.values[i] ?? 0} color={s.color} scale={scale} />)}
            </View>
          ))}
        </View>
      </View>
      <View className='chart__labels'>
        {p.categories.map((c, i) => (
          <Text key={c + i} className='chart__label'>
            {showLabel(i) ? c : ''}
          </Text>
        ))}
      </View>
      <Legend series={p.series} />
      <View className='chart__readout' id={`${p.id}-readout`}>
        <Text className='chart__readout-title'>{p.title ? p.title(sel) : p.categories[sel]}</Text>
        {p.series.map((s) => (
          <Text key={s.key} className='chart__readout-item'>
            {s.label} <Text className='chart__readout-value'>{p.valueText(s.values[sel] ?? 0)}</Text>
          </Text>
        ))}
        {p.stacked && p.series.length > 1 ? (
          <Text className='chart__readout-item'>
            合计 <Text className='chart__readout-value'>{p.valueText(totals[sel] ?? 0)}</Text>
          </Text>
        ) : null}
        {(p.extra?.(sel) ?? []).map((line) => (
          <Text key={line} className='chart__readout-item chart__readout-item--extra'>
            {line}
          </Text>
        ))}
      </View>
    </View>
  );
}

function Bar({ value, color, scale }: { value: number; color: string; scale: ReturnType<typeof scaleFor> }) {
  const b = columnBar(value, scale);
  return (
    <View className='chart__slot'>
      <View className={`chart__bar ${value < 0 ? 'chart__bar--neg' : ''}`} style={{ top: `${b.topPct}%`, height: `${b.heightPct}%`, background: value < 0 ? undefined : color }} />
    </View>
  );
}

/** One column's series stacked from the zero line up, first series at the bottom. */
function Stack({ series, index, scale }: { series: SeriesDef[]; index: number; scale: ReturnType<typeof scaleFor> }) {
  let below = 0;
  return (
    <View className='chart__slot'>
      {series.map((s) => {
        const v = Math.max(0, s.values[index] ?? 0);
        const whole = columnBar(below + v, scale);
        const base = columnBar(below, scale);
        below += v;
        return <View key={s.key} className='chart__bar chart__bar--stacked' style={{ top: `${whole.topPct}%`, height: `${whole.heightPct - base.heightPct}%`, background: s.color }} />;
      })}
    </View>
  );
}
