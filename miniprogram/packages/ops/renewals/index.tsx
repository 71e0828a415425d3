import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { businessDate } from '@shared/time';
import { RENEWAL_OUTCOME_LABELS, VALUE_BUCKET_LABELS, type RenewalsView } from '@shared/reports/renewals';
import { LoadingView } from '../../../components/load-state';
import { dateTime } from '../../../format/date';
import { ColumnChart } from '../components/charts';
import { CustomerName } from '../components/customer-name';
import { Chips, OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { pctText, yuanText } from '../format/report';
import { Kpi, ReportCard, FigureTable } from '../reports/card';
import { FOLLOWUP_EXPIRING_URL, FOLLOWUP_LAPSED_URL, RENEWAL_FILTERS, RENEWAL_PERIODS, useRenewals, type RenewalsStore } from '../stores/renewals-store';
import '../ops.css';
import '../components/charts/charts.css';
import '../reports/reports.css';
import './renewals.css';

const BUCKET_SHORT = { lt25: '<25%', '25to50': '25–50%', '50to100': '50–100%', gte100: '≥100%' } as const;

const Totals = observer(function Totals({ store }: { store: RenewalsStore }) {
  const v = store.view;
  if (!v) return null;
  return (
    <View className='rpt-kpis' id='rnw-kpis'>
      <Kpi id='rnw-kpi-rate' label='续费率' value={pctText(v.ratePercent)} sub={`已定 ${v.decided} 人中续费 ${v.renewed} 人`} tone={v.ratePercent !== null && v.ratePercent < 50 ? 'bad' : undefined} />
      <Kpi id='rnw-kpi-all' label='本期到期' value={`${v.totals.all} 人`} sub={`待定 ${v.totals.open} 人（未到期或过期未满 30 天）`} />
      <Kpi id='rnw-kpi-before' label='到期前续费' value={`${v.totals['renewed-before']} 人`} sub={`到期后 30 天内续费 ${v.totals['renewed-after']} 人`} />
      <Kpi id='rnw-kpi-lapsed' label='已流失' value={`${v.totals.lapsed} 人`} sub='过期超过 30 天未续费' tone={v.totals.lapsed > 0 ? 'bad' : undefined} />
    </View>
  );
});

function Cohorts({ view }: { view: RenewalsView }) {
  if (view.cohorts.length === 0) return <Text className='rpt-note'>这段时间没有会员到期。</Text>;
  return (
    <FigureTable
      id='rnw-cohorts'
      head={['入会月份', '到期', '续费', '流失', '待定', '续费率']}
      rows={view.cohorts.map((c) => ({ key: c.month, cells: [c.month, `${c.members}`, `${c.renewed}`, `${c.lapsed}`, `${c.open}`, pctText(c.ratePercent)] }))}
    />
  );
}

function Distribution({ view }: { view: RenewalsView }) {
  const [selected, setSelected] = useState(view.distribution.length - 1);
  return (
    <ColumnChart
      id='rnw-value'
      categories={view.distribution.map((d) => BUCKET_SHORT[d.bucket])}
      series={[{ key: 'members', label: '人数', color: '#d9a441', values: view.distribution.map((d) => d.count) }]}
      selected={selected}
      onSelect={setSelected}
      axisText={(n) => `${n}`}
      valueText={(n) => `${n} 人`}
      title={(i) => VALUE_BUCKET_LABELS[view.distribution[i].bucket]}
    />
  );
}

const Rows = observer(function Rows({ store }: { store: RenewalsStore }) {
  const rows = store.rows;
  return (
    <View id='rnw-rows'>
      <Chips idPrefix='rnw-filter' options={RENEWAL_FILTERS} value={store.filter} onSelect={(k) => store.setFilter(k)} />
      {rows.length === 0 ? <Text className='rpt-note' id='rnw-rows-empty'>没有这类会员。</Text> : null}
      {rows.map((r) => (
        <View key={r.orderId} className='rnw-row' id={`rnw-row-${r.orderId}`}>
          <View className='rnw-row__head'>
            <CustomerName id={`rnw-row-${r.orderId}-who`} openid={r.openid} customer={r.customer} />
            <Text className={`rnw-row__outcome rnw-row__outcome--${r.outcome}`}>{RENEWAL_OUTCOME_LABELS[r.outcome].replace(/（.*）$/, '')}</Text>
          </View>
          <Text className='rnw-row__line'>
            {r.planName} · 入会 {businessDate(r.joinedAt)} · 到期 {businessDate(r.expiresAt)}
            {r.renewedAt !== undefined ? ` · 续费后新一期自 ${businessDate(r.renewedAt)} 起` : ''}
          </Text>
          <Text className='rnw-row__line'>
            本期已省 {yuanText(r.savedFen)} / 会员费 {yuanText(r.feeFen)}（{VALUE_BUCKET_LABELS[r.bucket]}）
          </Text>
        </View>
      ))}
    </View>
  );
});

/** 续费: who renews, who lapses, by join month, and what the membership was worth to them; one tap to follow up. */
function RenewalsPage() {
  const store = useRenewals();
  useListPaging(store.read);
  const v = store.view;
  const period = store.period;
  const retry = () => void store.load();
  return (
    <OpsShell forbidden={store.forbidden}>
      <View className='rpt' id='rnw'>
        <Chips idPrefix='rnw-period' options={[...RENEWAL_PERIODS]} value={store.periodKey} onSelect={(k) => store.setPeriod(k)} />
        <Text className='ops__intro rpt-period' id='rnw-period-text'>
          会员期在 {period.from} 至 {period.to} 到期（北京时间）
          {store.loading && v ? ' · 正在更新…' : v ? ` · 更新于 ${dateTime(v.asOf)}` : ''}
        </Text>
        <View className='rnw-actions'>
          <Button className='btn btn--primary rnw-actions__btn' id='rnw-followup-expiring' onClick={() => void Taro.navigateTo({ url: FOLLOWUP_EXPIRING_URL })}>
            为即将到期的会员建跟进任务
          </Button>
          <Button className='btn btn--ghost rnw-actions__btn' id='rnw-followup-lapsed' onClick={() => void Taro.navigateTo({ url: FOLLOWUP_LAPSED_URL })}>
            为已过期的会员建跟进任务
          </Button>
        </View>
        {v?.more ? (
          <Text className='rpt-note rpt-note--warn' id='rnw-more'>
            这段时间到期的会员较多，以下只统计最早到期的 {v.rows.length} 位，请选短一些的时间段查看其余会员。
          </Text>
        ) : null}
        {!v && store.loading ? <LoadingView text='正在统计续费…' /> : null}
        {store.error && !v ? (
          <Text className='rpt-card__error' id='rnw-error' onClick={retry}>
            {store.error.replace(/[。.]\s*$/, '')}，点击重试
          </Text>
        ) : null}
        <Totals store={store} />
        {v ? (
          <View>
            <ReportCard id='rnw-cohort-card' title='按入会月份的续费率' hint='续费率 = 续费人数 ÷（续费 + 流失）；待定的不计入。'>
              <Cohorts view={v} />
            </ReportCard>
            <ReportCard id='rnw-value-card' title='会员价值分布' hint='本期已省（会员价省下的钱）占会员费的比例；≥100% 即已回本。点柱子看人数。'>
              <Distribution key={`${v.from}_${v.to}`} view={v} />
            </ReportCard>
            <ReportCard id='rnw-rows-card' title='到期会员' hint='按到期时间排列；待定的会员可以用上面的按钮建跟进任务。'>
              <Rows store={store} />
            </ReportCard>
          </View>
        ) : null}
      </View>
    </OpsShell>
  );
}

export default observer(RenewalsPage);
