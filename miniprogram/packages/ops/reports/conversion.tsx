import { Text, View } from '@tarojs/components';
import type { ConversionView } from '../../../services/report';
import { Funnel } from '../components/charts';
import { durationText, pctText } from '../format/report';

/** Trial → full product, and the first-three-purchase funnel (customers with ≥ 1 / 2 / 3 purchases). */
export function ConversionFunnels({ conversion }: { conversion: ConversionView }) {
  const t = conversion.trial;
  const f = conversion.funnel;
  return (
    <View>
      <Text className='rpt-sub'>体验装 → 正装</Text>
      <Funnel id='rpt-trial-funnel' stages={[
        { key: 'buyers', label: '买过体验装', value: t.buyers },
        { key: 'converted', label: '买了正装', value: t.converted },
      ]} />
      <View className='rpt-facts' id='rpt-trial-facts'>
        <Text className='rpt-fact'>
          转化率 <Text className='rpt-fact__value'>{pctText(t.ratePct)}</Text>
        </Text>
        <Text className='rpt-fact'>
          转化用时中位数 <Text className='rpt-fact__value'>{durationText(t.medianTimeToConvertMs)}</Text>
        </Text>
        <Text className='rpt-fact'>
          退款且未转化 <Text className='rpt-fact__value'>{t.refundedUnconverted} 人</Text>
        </Text>
      </View>
      {conversion.complete ? null : <Text className='rpt-note'>体验装买家较多，本次按前 {conversion.scanned} 位统计。</Text>}
      <Text className='rpt-sub'>首购 → 复购 → 三购</Text>
      <Funnel id='rpt-purchase-funnel' stages={[
        { key: 'first', label: '购买 ≥1 次', value: f.atLeast1 },
        { key: 'second', label: '购买 ≥2 次', value: f.atLeast2 },
        { key: 'third', label: '购买 ≥3 次', value: f.atLeast3 },
      ]} />
      <Text className='rpt-note'>按有效购买次数（体验装、充值、会员费和已全额退款的订单不计），截至现在。</Text>
    </View>
  );
}
