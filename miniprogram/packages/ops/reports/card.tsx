import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** One report section: title, a line saying how to read it, then the chart (or why it is missing). */
export function ReportCard({ id, title, hint, error, onRetry, children }: { id: string; title: string; hint?: string; error?: string; onRetry?: () => void; children?: ReactNode }) {
  return (
    <View className='ops-claim rpt-card' id={id}>
      <Text className='rpt-card__title'>{title}</Text>
      {hint ? <Text className='rpt-card__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='rpt-card__error' id={`${id}-error`} onClick={onRetry}>
          {error.replace(/[。.]\s*$/, '')}，点击重试
        </Text>
      ) : (
        children
      )}
    </View>
  );
}

/** A figure with its label (and an optional second line). */
export function Kpi({ id, label, value, sub, tone }: { id: string; label: string; value: string; sub?: string; tone?: 'good' | 'bad' }) {
  return (
    <View className='surface rpt-kpi' id={id}>
      <Text className='rpt-kpi__label'>{label}</Text>
      <Text className={`rpt-kpi__value ${tone ? `rpt-kpi__value--${tone}` : ''}`}>{value}</Text>
      {sub ? <Text className='rpt-kpi__sub'>{sub}</Text> : null}
    </View>
  );
}

/** Rows of figures (the chart's numbers in full), shown on demand under a chart. */
export function FigureTable({ id, head, rows }: { id: string; head: string[]; rows: Array<{ key: string; cells: string[] }> }) {
  return (
    <View className='rpt-table' id={id}>
      <View className='rpt-table__row rpt-table__row--head'>
        {head.map((h) => (
          <Text key={h} className='rpt-table__cell'>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((r) => (
        <View key={r.key} className='rpt-table__row'>
          {r.cells.map((c, i) => (
            <Text key={i} className='rpt-table__cell'>
              {c}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}
