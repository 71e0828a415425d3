import '../zod-setup';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { FOLLOWUP_GOALS, type FollowupGoal } from '@shared/followup/rules';
import { GOAL_DEFAULTS } from '@shared/followup/scripts';
import { segmentLabel } from '@shared/segments/labels';
import { TickBox } from '../../../components/choice';
import { NoticeBar } from '../../../components/notice-bar';
import { fullDate } from '../../../format/date';
import { useWhenSignedIn } from '../../../stores/context';
import { ReadBody } from '../components/list-page';
import { Chips, Field, OpsShell, SaveBar } from '../components/shell';
import { followupListUrl } from '../routes';
import { useBackOffice } from '../stores/back-office';
import type { FollowupNewStore } from '../stores/followup-store';
import '../ops.css';
import '../followup.css';

/** Audiences offered: each goal's default plus the usual one-to-one audiences. */
const AUDIENCES = [...new Set([...FOLLOWUP_GOALS.map((g) => GOAL_DEFAULTS[g].segment), 'member:lapsed', 'purchases:2', 'layer:ironfan', 'life:silent', 'tier:near'])];
const safeId = (key: string) => key.replace(/[^a-z0-9]/gi, '-');

const Form = observer(function Form({ s }: { s: FollowupNewStore }) {
  const f = s.form!;
  const o = s.options.data!;
  const size = s.audienceSize;
  const audiences = AUDIENCES.includes(f.segment) ? AUDIENCES : [f.segment, ...AUDIENCES];
  return (
    <View className='card ops-form' id='fu-new-form'>
      <Field id='fu-new-goal' label='跟进目标' required hint={o.goals.find((g) => g.goal === f.goal)?.conversion ? `算作转化：${o.goals.find((g) => g.goal === f.goal)!.conversion}` : undefined}>
        <Chips idPrefix='fu-new-goal' options={o.goals.map((g) => ({ key: g.goal, label: g.label }))} value={f.goal} onSelect={(g) => s.setGoal(g as FollowupGoal)} />
      </Field>
      {f.openids.length ? (
        <Field id='fu-new-audience' label='顾客' hint='从顾客详情挑选；已在同一目标进行中任务里的顾客不会重复加入'>
          <Text className='fu-new__tick' id='fu-new-hand'>{`挑选的顾客 ${f.openids.length} 人`}</Text>
        </Field>
      ) : (
        <Field id='fu-new-audience' label='顾客来自分群' required hint={size === undefined ? undefined : `现有 ${size} 人；同一目标已在进行中任务里的顾客不会重复加入，最多 500 人`}>
          <Chips idPrefix='fu-new-seg' options={audiences.map((k) => ({ key: safeId(k), label: `${segmentLabel(k)}（${s.counts.data?.[k] ?? 0}）` }))} value={safeId(f.segment)} onSelect={(id) => s.set('segment', audiences.find((k) => safeId(k) === id)!)} />
        </Field>
      )}
      <Field id='fu-new-title' label='任务名称' required>
        <Input className='field ops-input' id='fu-new-title-input' value={f.title} maxlength={30} onInput={(e) => s.set('title', e.detail.value)} />
      </Field>
      <Field id='fu-new-script' label='话术' required hint='专员一键复制后按顾客情况修改；不会自动群发'>
        <Textarea className='field ops-textarea' id='fu-new-script-input' value={f.script} maxlength={500} onInput={(e) => s.set('script', e.detail.value)} />
      </Field>
      <Field id='fu-new-facts' label='要记录的事实' hint='事实而非看法：每次联系专员按这张清单记录，之后可作为分群使用'>
        {o.facts.map((x) => (
          <TickBox key={x.key} id={`fu-new-fact-${x.key}`} checked={f.factKeys.includes(x.key)} onChange={() => s.toggle('factKeys', x.key)}>
            <Text className='fu-new__tick'>{`${x.label}（${x.kind === 'count' ? '记次数' : '是 / 否'}）`}</Text>
          </TickBox>
        ))}
      </Field>
      <Field id='fu-new-staff' label='指派跟进专员' required hint={o.staff.length ? '顾客按顺序轮流分给勾选的专员' : '还没有跟进专员：请店主在 设置 › 运营人员 中添加'}>
        {o.staff.map((m) => (
          <TickBox key={m.openid} id={`fu-new-staff-${m.openid}`} checked={f.staff.includes(m.openid)} onChange={() => s.toggle('staff', m.openid)}>
            <Text className='fu-new__tick'>{m.name}</Text>
          </TickBox>
        ))}
      </Field>
      <Field id='fu-new-due' label='截止日期' required hint='到这天还没联系的顾客算逾期，出现在运营后台首页的待办里'>
        <Picker mode='date' value={f.dueDate} start={fullDate(Date.now())} onChange={(e) => s.set('dueDate', String(e.detail.value))}>
          <Text className='field ops-input' id='fu-new-due-value'>
            {f.dueDate}
          </Text>
        </Picker>
      </Field>
      <Field id='fu-new-holdout' label='对照组比例' hint='这部分顾客不跟进，用来算一对一带来的提升'>
        <Chips idPrefix='fu-new-holdout' options={['0', '10', '20', '30'].map((p) => ({ key: p, label: `${p}%` }))} value={String(f.holdoutPercent)} onSelect={(p) => s.set('holdoutPercent', Number(p))} />
      </Field>
      <Field id='fu-new-window' label='归因天数' hint='联系后这么多天内的购买，算作这次联系带来的'>
        <Chips idPrefix='fu-new-window' options={['7', '14', '30'].map((d) => ({ key: d, label: `${d} 天` }))} value={String(f.windowDays)} onSelect={(d) => s.set('windowDays', Number(d))} />
      </Field>
      <SaveBar
        id='fu-new-save'
        problem={s.problem}
        busy={s.saving}
        label='建立跟进任务'
        busyLabel='正在建立…'
        onSave={async () => {
          const list = await s.submit();
          if (list) void Taro.redirectTo({ url: followupListUrl(list.listId) });
        }}
      />
    </View>
  );
});

/** 新建跟进任务: from a segment (the renewal desk links here with its goal and segment). */
function FollowupNewPage() {
  const s = useBackOffice().followup.form;
  const { goal, segment, openid } = useRouter().params;
  useWhenSignedIn(() => void s.open({ ...(goal ? { goal } : {}), ...(segment ? { segment: decodeURIComponent(segment) } : {}), ...(openid ? { openid: decodeURIComponent(openid) } : {}) }), [goal, segment, openid, s]);
  return (
    <OpsShell forbidden={s.options.forbidden}>
      <NoticeBar id='fu-new-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
      <ReadBody read={s.options} loadingText='正在加载…'>
        {() => (s.form ? <Form s={s} /> : null)}
      </ReadBody>
    </OpsShell>
  );
}

export default observer(FollowupNewPage);
