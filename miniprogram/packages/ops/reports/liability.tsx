import { View } from '@tarojs/components';
import type { LiabilityView } from '../../../services/report';
import { DayColumns } from '../components/charts';
import { bucketDays, yuanText } from '../format/report';

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
  const buckets = bucketDays(liability.days, pointOf, combine);
  return (
    <View>
      <DayColumns
        id='rpt-liability-chart'
        stacked
        buckets={buckets}
        series={[
          { key: 'principal', label: '本金', color: COLORS.principal, valueOf: (v) => v.principal },
          { key: 'bonus', label: '赠送金', color: COLORS.bonus, valueOf: (v) => v.bonus },
        ]}
        title={(b) => `${b.title} 日终余额`}
        extra={(b) => [`${b.first === b.last ? '当天' : '这几天'}转入 ${yuanText(b.values.inFen)}（充值、退回余额） · 转出 ${yuanText(b.values.outFen)}（消费、提现、作废）`]}
      />
    </View>
  );
}
