import { useState } from 'react';
import { View } from '@tarojs/components';
import type { LiabilityView } from '../../../services/report';
import { ColumnChart } from '../components/charts';
import { bucketDays, compactYuan, yuanText } from '../format/report';

const COLORS = { principal: '#b8860b', bonus: '#e0bd75' };

type Day = LiabilityView['days'][number];
interface Point {
  principal: number;
  bonus: number;
  inFen: number;
  outFen: number;
}

/** A group of days: the balance at its end, the money in and out during it. */
const combine = (group: Point[]): Point => ({
  principal: group[group.length - 1].principal,
  bonus: group[group.length - 1].bonus,
  inFen: group.reduce((s, g) => s + g.inFen, 0),
  outFen: group.reduce((s, g) => s + g.outFen, 0),
});

const pointOf = (d: Day): Point => ({ principal: d.principalFen, bonus: d.bonusFen, inFen: d.principalInFen + d.bonusInFen, outFen: d.principalOutFen + d.bonusOutFen });

/** Outstanding stored value at the end of each day: principal (refundable) under bonus. */
export function LiabilityChart({ liability }: { liability: LiabilityView }) {
  const [selected, setSelected] = useState<number | null>(null);
  const buckets = bucketDays(liability.days, pointOf, combine);
  return (
    <View>
      <ColumnChart
        id='rpt-liability-chart'
        stacked
        categories={buckets.map((b) => b.label)}
        series={[
          { key: 'principal', label: '本金', color: COLORS.principal, values: buckets.map((b) => b.values.principal) },
          { key: 'bonus', label: '赠送金', color: COLORS.bonus, values: buckets.map((b) => b.values.bonus) },
        ]}
        selected={selected ?? buckets.length - 1}
        onSelect={setSelected}
        axisText={compactYuan}
        valueText={yuanText}
        title={(i) => `${buckets[i].title} 日终余额`}
        extra={(i) => [`${buckets[i].first === buckets[i].last ? '当天' : '这几天'}转入 ${yuanText(buckets[i].values.inFen)}（充值、退回余额） · 转出 ${yuanText(buckets[i].values.outFen)}（消费、提现、作废）`]}
      />
    </View>
  );
}
