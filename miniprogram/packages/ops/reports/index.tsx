import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { LoadingView } from '../../../components/load-state';
import { dateTime } from '../../../format/date';
import { Chips, OpsShell } from '../components/shell';
import { useListPaging } from '../components/use-list-paging';
import { marginText, yuanText } from '../format/report';
import { PERIOD_OPTIONS, useReports, type PeriodDays, type ReportsStore } from '../stores/report-store';
import { Kpi, ReportCard } from './card';
import { ConversionFunnels } from './conversion';
import { LiabilityChart } from './liability';
import { GmvProfitChart, ProfitWaterfall } from './profit';
import { SegmentSizes } from './segment-sizes';
import '../ops.css';
import '../components/charts/charts.css';
import './reports.css';

const Kpis = observer(function Kpis({ store }: { store: ReportsStore }) {
  const t = store.overview?.totals;
  const owed = store.liability?.now;
  if (!t) return null;
  return (
    <View className='rpt-kpis' id='rpt-kpis'>
      <Kpi id='rpt-kpi-gmv' label='GMV' value={yuanText(t.gmvFen)} sub={`订单 ${t.productOrders} · 会员 ${t.membershipsSold} · 退款 ${t.refunds}`} />
      <Kpi id='rpt-kpi-profit' label='利润' value={yuanText(t.profitFen)} sub={`利润率 ${marginText(t.profitFen, t.gmvFen)}`} tone={t.profitFen < 0 ? 'bad' : 'good'} />
      {owed ? <Kpi id='rpt-kpi-liability' label='储值负债（现在）' value={yuanText(owed.totalFen)} sub={`本金 ${yuanText(owed.principalFen)} · 赠送 ${yuanText(owed.bonusFen)}`} /> : null}
      <Kpi id='rpt-kpi-topups' label='充值笔数' value={`${t.topUps}`} sub='充值计入负债，不计入 GMV' />
    </View>
  );
});

const Sections = observer(function Sections({ store }: { store: ReportsStore }) {
  const { overview, liability, conversion, history, errors } = store;
  const retry = () => void store.load();
  // Charts keep the tapped column while their period stays; a new period starts at its last day.
  const key = overview ? `${overview.from}_${overview.to}` : 'none';
  return (
    <View>
      <ReportCard id='rpt-gmv' title='GMV 与利润' hint='每天卖了多少、真正赚了多少；点柱子看当天数字。' error={errors.overview} onRetry={retry}>
        {overview ? <GmvProfitChart key={key} overview={overview} /> : null}
      </ReportCard>
      <ReportCard id='rpt-profit' title='利润构成' hint='GMV 减去退款、商品成本、体验装亏损、礼包成本、赠送金消耗和优惠券，就是利润。' error={errors.overview} onRetry={retry}>
        {overview ? <ProfitWaterfall overview={overview} /> : null}
      </ReportCard>
      <ReportCard id='rpt-liability' title='储值负债' hint='顾客储值卡里还没用掉的钱：本金可退，赠送金可消费。' error={errors.liability} onRetry={retry}>
        {liability ? <LiabilityChart key={`${liability.from}_${liability.to}`} liability={liability} /> : null}
      </ReportCard>
      <ReportCard id='rpt-conversion' title='转化' hint='体验装带来多少正装购买，首购顾客有多少走到第二、第三单。' error={errors.conversion} onRetry={retry}>
        {conversion ? <ConversionFunnels conversion={conversion} /> : null}
      </ReportCard>
      <ReportCard id='rpt-segments' title='客群规模变化' hint='各分群人数随时间的变化；点柱子看当天人数。' error={errors.history} onRetry={retry}>
        {history ? <SegmentSizes key={`${history.from}_${history.to}_${store.family}`} history={history} family={store.family} onFamily={(f) => store.setFamily(f)} /> : null}
      </ReportCard>
    </View>
  );
});

/** 经营报表: profit (not GMV), stored-value liability, conversion and segment sizes, as charts with their numbers. */
function ReportsPage() {
  const store = useReports();
  useListPaging(store);
  const period = store.period;
  return (
    <OpsShell forbidden={store.forbidden}>
      <View className='rpt' id='rpt'>
        <Chips idPrefix='rpt-period' options={PERIOD_OPTIONS} value={`${store.days}`} onSelect={(k) => store.setDays(Number(k) as PeriodDays)} />
        <Text className='ops__intro rpt-period' id='rpt-period-text'>
          {period.from} 至 {period.to}（北京时间）
          {store.loading && store.loaded ? ' · 正在更新…' : store.overview ? ` · 更新于 ${dateTime(store.overview.asOf)}` : ''}
        </Text>
        {store.catchingUp ? (
          <Text className='rpt-note rpt-note--warn' id='rpt-catching-up'>
            还有新的交易正在汇总，数字可能偏少，请稍后下拉刷新。
          </Text>
        ) : null}
        {!store.loaded && store.loading ? <LoadingView text='正在生成报表…' /> : null}
        <Kpis store={store} />
        {store.loaded || Object.keys(store.errors).length ? <Sections store={store} /> : null}
      </View>
    </OpsShell>
  );
}

export default observer(ReportsPage);
