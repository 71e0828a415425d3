import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { CampaignReportView } from '../../../services/campaign';
import { ColumnChart, Funnel, Waterfall } from '../components/charts';
import { bpText, liftText, outcomeSteps } from '../format/campaign';
import { compactYuan, yuanText } from '../format/report';
import { Kpi, ReportCard } from '../reports/card';

const COLORS = { treated: '#d9a441', holdout: '#9c9189', revenue: '#d9a441', profit: '#2f7a4a' };

/** Who was reached: the audience, those not held out, those the message reached. */
function Reach({ r }: { r: CampaignReportView }) {
  const c = r.counts;
  const steps = outcomeSteps(c);
  return (
    <ReportCard id='cmr-reach' title='触达' hint='目标人群 → 实验组（不含对照组）→ 实际收到消息的人'>
      <Funnel id='cmr-funnel' stages={[
        { key: 'audience', label: '目标人群', value: c.audience },
        { key: 'treated', label: '实验组', value: c.treated },
        { key: 'sent', label: '已发送', value: c.sent },
      ]} />
      {steps.length ? (
        <>
          <Text className='rpt-sub'>实验组中没有收到消息的原因</Text>
          <Waterfall id='cmr-outcomes' start={{ label: '实验组', value: c.treated }} steps={steps} end={{ label: '已发送' }} valueText={(v) => `${v} 人`} />
        </>
      ) : c.treated > 0 ? (
        <Text className='rpt-note' id='cmr-outcomes'>
          实验组的顾客都收到了消息。
        </Text>
      ) : null}
      <View className='rpt-facts cmr-facts'>
        <Text className='rpt-fact' id='cmr-coupons'>
          发券 <Text className='rpt-fact__value'>{c.couponsIssued} 张</Text> · 已用 <Text className='rpt-fact__value'>{c.couponsUsed} 张</Text>
          {c.couponsRefused ? ` · 券已发完未发 ${c.couponsRefused} 人` : ''}
        </Text>
        <Text className='rpt-fact' id='cmr-optouts'>
          收到后拒绝再订阅（退订） <Text className='rpt-fact__value'>{c.optOuts} 人</Text>
        </Text>
      </View>
    </ReportCard>
  );
}

/** Treated vs holdout: conversion rate side by side, and the lift between them. */
function Conversion({ r }: { r: CampaignReportView }) {
  const [sel, setSel] = useState(0);
  const c = r.counts;
  const res = r.results;
  return (
    <ReportCard id='cmr-conversion' title='转化与提升' hint={`收到活动后 ${r.attributionDays} 天内下单算转化；对照组没收到任何东西，同样统计。两者之差才是活动带来的。`}>
      <View className='rpt-kpis'>
        <Kpi id='cmr-converted' label='实验组转化' value={`${c.convertedTreated} 人`} sub={`${bpText(res.conversionTreatedBp)} · ${c.ordersTreated} 单`} />
        <Kpi id='cmr-holdout-converted' label='对照组转化' value={`${c.convertedHoldout} 人`} sub={`${bpText(res.conversionHoldoutBp)} · ${c.ordersHoldout} 单`} />
        <Kpi id='cmr-lift' label='提升' value={liftText(res.liftBp)} tone={res.liftBp === null ? undefined : res.liftBp >= 0 ? 'good' : 'bad'} />
      </View>
      {c.holdout > 0 ? (
        <ColumnChart
          id='cmr-conversion-chart'
          categories={['实验组', '对照组']}
          series={[{ key: 'rate', label: '转化率', color: COLORS.treated, values: [res.conversionTreatedBp, res.conversionHoldoutBp] }]}
          selected={sel}
          onSelect={setSel}
          axisText={bpText}
          valueText={bpText}
          extra={(i) => [i === 0 ? `${c.convertedTreated} / ${c.treated} 人` : `${c.convertedHoldout} / ${c.holdout} 人`]}
        />
      ) : (
        <Text className='rpt-note'>本活动未设对照组，只能看实验组自己的转化；下次留出 5–10% 对照组，才知道活动真正带来了多少。</Text>
      )}
    </ReportCard>
  );
}

/** Money: revenue (after coupons) and profit after bonus spent and product cost, per group, and what the campaign added. */
function Money({ r }: { r: CampaignReportView }) {
  const [sel, setSel] = useState(0);
  const c = r.counts;
  const res = r.results;
  return (
    <ReportCard id='cmr-money' title='收入与利润' hint='收入是顾客实付（已扣优惠券）；利润 = 收入 − 赠送金消耗 − 商品成本，与经营报表同一口径（只看利润，不只看成交额）'>
      <View className='rpt-kpis'>
        <Kpi id='cmr-revenue' label='实验组收入' value={yuanText(c.revenueTreatedFen)} />
        <Kpi id='cmr-profit' label='实验组利润' value={yuanText(res.profitTreatedFen)} tone={res.profitTreatedFen >= 0 ? 'good' : 'bad'} />
        <Kpi
          id='cmr-incremental'
          label='活动带来的利润'
          value={res.incrementalProfitFen === null ? '无对照组' : yuanText(res.incrementalProfitFen)}
          sub='对照组按人数折算后相减'
          tone={res.incrementalProfitFen === null ? undefined : res.incrementalProfitFen >= 0 ? 'good' : 'bad'}
        />
      </View>
      <Text className='rpt-sub'>实验组：收入 → 利润</Text>
      <Waterfall
        id='cmr-profit-waterfall'
        start={{ label: '实验组收入', value: c.revenueTreatedFen }}
        steps={[
          { key: 'bonus', label: '赠送金消耗', value: c.bonusTreatedFen },
          { key: 'cogs', label: '商品成本', value: c.cogsTreatedFen },
        ]}
        end={{ label: '利润' }}
        valueText={yuanText}
      />
      {c.couponCostFen > 0 ? <Text className='rpt-note' id='cmr-coupon-given'>活动优惠券共让利 {yuanText(c.couponCostFen)}，已在收入中扣除，不再重复扣减。</Text> : null}
      {c.holdout > 0 ? (
        <>
          <Text className='rpt-sub'>实验组与对照组</Text>
          <ColumnChart
            id='cmr-money-chart'
            categories={['实验组', '对照组']}
            series={[
              { key: 'revenue', label: '收入', color: COLORS.revenue, values: [c.revenueTreatedFen, c.revenueHoldoutFen] },
              { key: 'profit', label: '利润', color: COLORS.profit, values: [res.profitTreatedFen, res.profitHoldoutFen] },
            ]}
            selected={sel}
            onSelect={setSel}
            axisText={compactYuan}
            valueText={yuanText}
          />
        </>
      ) : null}
    </ReportCard>
  );
}

/** 活动报告: reach, conversion vs holdout (lift), revenue and profit (the profit report's definition), opt-outs. */
export function CampaignReport({ report, error, onRetry }: { report: CampaignReportView | undefined; error?: string; onRetry: () => void }) {
  if (!report) return <ReportCard id='cmr' title='活动报告' error={error ?? undefined} onRetry={onRetry} hint={error ? undefined : '正在加载…'} />;
  return (
    <View className='rpt' id='cmr'>
      <Reach r={report} />
      <Conversion r={report} />
      <Money r={report} />
    </View>
  );
}
