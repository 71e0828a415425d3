import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PROFIT_STEPS } from '@shared/reports/profit';
import type { OverviewView } from '../../../services/report';
import { DayColumns, Waterfall } from '../components/charts';
import { bucketDays, marginText, sumFields, yuanText } from '../format/report';
import { FigureTable } from './card';

export const COLORS = { gmv: '#d9a441', profit: '#2f7a4a' };

/** GMV vs profit per day (per week for long periods), tap a column for its figures; 每日明细 on demand. */
export function GmvProfitChart({ overview }: { overview: OverviewView }) {
  const [table, setTable] = useState(false);
  const buckets = bucketDays(overview.days, (d) => ({ gmv: d.gmvFen, profit: d.profitFen }), sumFields);
  return (
    <View>
      <DayColumns
        id='rpt-gmv-chart'
        buckets={buckets}
        series={[
          { key: 'gmv', label: 'GMV', color: COLORS.gmv, valueOf: (v) => v.gmv },
          { key: 'profit', label: '利润', color: COLORS.profit, valueOf: (v) => v.profit },
        ]}
        extra={(b) => [`利润率 ${marginText(b.values.profit, b.values.gmv)}`]}
      />
      <Text className='link rpt-toggle' id='rpt-gmv-table-toggle' onClick={() => setTable(!table)}>
        {table ? '收起每日明细' : '查看每日明细'}
      </Text>
      {table ? (
        <FigureTable
          id='rpt-gmv-table'
          head={['日期', 'GMV', '利润']}
          rows={[...overview.days].reverse().map((d) => ({ key: d.day, cells: [d.day, yuanText(d.gmvFen), yuanText(d.profitFen)] }))}
        />
      ) : null}
    </View>
  );
}

/** The period's GMV → deductions → profit, each with its amount. */
export function ProfitWaterfall({ overview }: { overview: OverviewView }) {
  const t = overview.totals;
  return (
    <Waterfall
      id='rpt-waterfall'
      start={{ label: 'GMV', value: t.gmvFen }}
      steps={PROFIT_STEPS.map((s) => ({ key: s.key, label: s.label, value: t[s.key] }))}
      end={{ label: '利润' }}
      valueText={yuanText}
    />
  );
}
