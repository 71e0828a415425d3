import '../zod-setup';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { formatYuan } from '@shared/money/format';
import { OUTCOME_LABELS, type ContactOutcome } from '@shared/followup/rules';
import { useWhenSignedIn } from '../../../stores/context';
import type { ExecutionRow, ExecutionView } from '../../../services/followup';
import { ReadBody } from '../components/list-page';
import { OpsShell } from '../components/shell';
import { useBackOffice } from '../stores/back-office';
import '../ops.css';
import '../followup.css';

const pct = (bp: number) => `${(bp / 100).toFixed(1)}%`;

function Row({ r, id }: { r: ExecutionRow; id: string }) {
  const outcomes = (Object.entries(r.outcomes) as Array<[ContactOutcome, number]>).map(([k, n]) => `${OUTCOME_LABELS[k]} ${n}`).join('、');
  const contactedBp = r.assigned ? Math.round((r.contacted * 10_000) / r.assigned) : 0;
  return (
    <View className='surface fu-exec' id={id}>
      <Text className='fu-exec__name'>{r.name}</Text>
      <View className='fu-exec__bar'>
        <View className='fu-exec__fill' style={{ width: `${contactedBp / 100}%` }} />
      </View>
      <Text className='fu-exec__line' id={`${id}-done`}>{`做没做：分到 ${r.assigned} 人 · 已联系 ${r.contacted}（${pct(contactedBp)}） · 逾期 ${r.overdue}`}</Text>
      <Text className='fu-exec__line' id={`${id}-result`}>{`做的怎么样：转化 ${r.converted} 人 · 计入跟进 ${r.credited} · 收入 ${formatYuan(r.revenueFen)} · 利润 ${formatYuan(r.profitFen)}`}</Text>
      {outcomes ? <Text className='fu-exec__sub'>{`最近结果：${outcomes}`}</Text> : null}
    </View>
  );
}

const Lift = observer(function Lift({ v }: { v: ExecutionView }) {
  return (
    <View className='surface fu-lift' id='fu-lift'>
      <Text className='fu-lift__title'>{v.list.title}</Text>
      <Text className='fu-lift__line' id='fu-lift-rates'>
        {v.holdoutRateBp === null ? `跟进组转化率 ${pct(v.treatedRateBp)}（没有对照组，无法计算提升）` : `跟进组转化率 ${pct(v.treatedRateBp)} · 对照组 ${pct(v.holdoutRateBp)}`}
      </Text>
      {v.liftBp !== null ? (
        <Text className={`fu-lift__value ${v.liftBp > 0 ? 'fu-lift__value--up' : ''}`} id='fu-lift-value'>
          {`一对一带来的提升：${v.liftBp >= 0 ? '+' : ''}${pct(v.liftBp)}`}
        </Text>
      ) : null}
    </View>
  );
});

/** 执行情况: 做没做 / 做的怎么样 per staff member, the treated group against the holdout. */
function FollowupExecutionPage() {
  const s = useBackOffice().followup.execution;
  const listId = useRouter().params.listId ?? '';
  useWhenSignedIn(() => void s.open(listId), [listId, s]);
  return (
    <OpsShell forbidden={s.view.forbidden}>
      <ReadBody read={s.view} loadingText='正在计算执行情况…'>
        {() => {
          const v = s.view.data!;
          return (
            <View id='fu-execution'>
              <Lift v={v} />
              <Row r={v.treated} id='fu-exec-treated' />
              <Row r={v.holdout} id='fu-exec-holdout' />
              <Text className='fu-section__title fu-exec__heading'>每位专员</Text>
              {v.staff.map((r) => (
                <Row key={r.key} r={r} id={`fu-exec-${r.key}`} />
              ))}
            </View>
          );
        }}
      </ReadBody>
    </OpsShell>
  );
}

export default observer(FollowupExecutionPage);
