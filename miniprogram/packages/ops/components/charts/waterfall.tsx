import { Text, View } from '@tarojs/components';
import { spanBar } from './scale';
import { waterfallRows, type WaterfallStep } from './waterfall-rows';
import './charts.css';

export interface WaterfallProps {
  id: string;
  start: { label: string; value: number };
  /** Deductions in order (a negative one adds back, e.g. more cost reversed by refunds than incurred). */
  steps: WaterfallStep[];
  end: { label: string };
  valueText: (v: number) => string;
}

/**
 * GMV → each deduction → profit as horizontal bars: the start and the end stand on zero, each
 * deduction floats where the running figure was. Every row prints its amount, so the bars are
 * the picture and the numbers are right beside them.
 */
export function Waterfall(p: WaterfallProps) {
  const { rows, scale } = waterfallRows(p.start, p.steps, p.end);
  return (
    <View className='chart waterfall' id={p.id}>
      {rows.map((r) => {
        const b = spanBar(r.from, r.to, scale);
        return (
          <View key={r.key} className={`waterfall__row waterfall__row--${r.kind}`} id={`${p.id}-${r.key}`}>
            <Text className='waterfall__label'>{r.label}</Text>
            <View className='waterfall__track'>
              <View className='waterfall__bar' style={{ left: `${b.leftPct}%`, width: `${Math.max(b.widthPct, 0.5)}%` }} />
            </View>
            <Text className='waterfall__value'>{stepText(r.kind, r.amount, p.valueText)}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** A deduction prints as −¥x (a negative one, which adds back, as +¥x); start and end as they are. */
function stepText(kind: 'start' | 'step' | 'end', amount: number, valueText: (v: number) => string): string {
  if (kind !== 'step') return valueText(amount);
  return amount >= 0 ? `−${valueText(amount)}` : `+${valueText(-amount)}`;
}
