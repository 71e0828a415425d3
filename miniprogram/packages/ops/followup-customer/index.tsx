import '../zod-setup';
import { useRouter } from '@tarojs/taro';
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { CHANNEL_LABELS, CONTACT_CHANNELS, CONTACT_OUTCOMES, OUTCOME_LABELS } from '@shared/followup/rules';
import { QtyStepper } from '../../../components/qty-stepper';
import { NoticeBar } from '../../../components/notice-bar';
import { dateTime, fullDate } from '../../../format/date';
import { useWhenSignedIn } from '../../../stores/context';
import type { CustomerCardView } from '../../../services/followup';
import { ReadBody } from '../components/list-page';
import { CustomerName } from '../components/customer-name';
import { Chips, Field, OpsShell, SaveBar } from '../components/shell';
import { ScriptCard } from '../followup/script-card';
import { useBackOffice } from '../stores/back-office';
import type { FollowupCustomerStore } from '../stores/followup-store';
import '../ops.css';
import '../followup.css';

const Facts = observer(function Facts({ v }: { v: CustomerCardView }) {
  return (
    <View className='surface fu-card' id='fu-card'>
      <CustomerName id='fu-card-who' openid={v.entry.openid} customer={v.entry.customer} large />
      {v.highlights.map((h, i) => (
        <View className='fu-card__line' key={h.label + i} id={`fu-card-line-${i}`}>
          <Text className='fu-card__label'>{h.label}</Text>
          <Text className='fu-card__value'>{h.value}</Text>
        </View>
      ))}
      {v.survey.map((q, i) => (
        <View className='fu-card__line' key={q.question} id={`fu-card-survey-${i}`}>
          <Text className='fu-card__label'>{q.question}</Text>
          <Text className='fu-card__value'>{q.answer}</Text>
        </View>
      ))}
      <Text className={`fu-card__policy ${v.entry.policy.capped ? 'fu-card__policy--capped' : ''}`} id='fu-card-policy'>
        {`联系上限：${v.entry.policy.stageLabel}每 7 天最多 ${v.entry.policy.maxPer7Days} 次，近 7 天已 ${v.entry.policy.sentIn7Days} 次${v.entry.policy.lastContactAt ? `（最近 ${dateTime(v.entry.policy.lastContactAt)}）` : ''}`}
      </Text>
    </View>
  );
});

const History = observer(function History({ v }: { v: CustomerCardView }) {
  if (!v.contacts.length) return null;
  return (
    <View className='surface fu-history' id='fu-history'>
      <Text className='fu-section__title'>此前的联系</Text>
      {v.contacts.map((c) => (
        <View className='fu-history__item' key={c.contactId} id={`fu-contact-${c.contactId}`}>
          <Text className='fu-history__head'>{`${dateTime(c.at)} · ${c.staffName} · ${c.channelLabel} · ${c.outcomeLabel}`}</Text>
          {c.facts.length ? <Text className='fu-history__facts'>{c.facts.map((f) => f.text).join('　')}</Text> : null}
          {c.objection ? <Text className='fu-history__facts'>{`异议：${c.objection}`}</Text> : null}
          {c.note ? <Text className='fu-history__note'>{c.note}</Text> : null}
          {c.overCapReason ? <Text className='fu-history__note'>{`超出上限的理由：${c.overCapReason}`}</Text> : null}
          {c.nextAt ? <Text className='fu-history__note'>{`约定下次：${fullDate(c.nextAt)}`}</Text> : null}
        </View>
      ))}
    </View>
  );
});

const FactInputs = observer(function FactInputs({ s, v }: { s: FollowupCustomerStore; v: CustomerCardView }) {
  return (
    <View className='fu-facts' id='fu-facts'>
      {v.facts.map((f) => (
        <View className='fu-fact' key={f.key} id={`fu-fact-${f.key}`}>
          <Text className='fu-fact__label'>{f.label}</Text>
          {f.kind === 'count' ? (
            <QtyStepper idPrefix={`fu-fact-${f.key}-qty`} value={typeof s.facts[f.key] === 'number' ? (s.facts[f.key] as number) : 0} min={0} max={99} onChange={(n) => s.setCount(f.key, n)} />
          ) : (
            <View className='fu-fact__flags'>
              <Text className={`ops-chip ${s.facts[f.key] === true ? 'ops-chip--on' : ''}`} id={`fu-fact-${f.key}-yes`} onClick={() => s.setFlag(f.key, true)}>
                是 ✓
              </Text>
              <Text className={`ops-chip ${s.facts[f.key] === false ? 'ops-chip--on' : ''}`} id={`fu-fact-${f.key}-no`} onClick={() => s.setFlag(f.key, false)}>
                否 ✗
              </Text>
            </View>
          )}
        </View>
      ))}
    </View>
  );
});

/** 记录联系: channel, the list's facts (counts and yes/no), an objection, the outcome and the next date. */
const ContactForm = observer(function ContactForm({ s, v }: { s: FollowupCustomerStore; v: CustomerCardView }) {
  return (
    <View className='card ops-form fu-form' id='fu-form'>
      <Text className='fu-section__title'>记录这次联系</Text>
      <Field id='fu-channel' label='联系方式'>
        <Chips idPrefix='fu-channel' options={CONTACT_CHANNELS.map((c) => ({ key: c, label: CHANNEL_LABELS[c] }))} value={s.channel} onSelect={(c) => s.setChannel(c)} />
      </Field>
      <Field id='fu-facts-field' label='事实清单' hint='只记顾客说了什么、问了什么，不写印象；没问到的不用填'>
        <FactInputs s={s} v={v} />
      </Field>
      <Field id='fu-objection' label='异议（可选）'>
        <Chips idPrefix='fu-objection' options={v.objections.map((o, i) => ({ key: String(i), label: o }))} value={s.objection === undefined ? '' : String(v.objections.indexOf(s.objection))} onSelect={(i) => s.setObjection(v.objections[Number(i)])} />
      </Field>
      <Field id='fu-outcome' label='结果' required>
        <Chips idPrefix='fu-outcome' options={CONTACT_OUTCOMES.map((o) => ({ key: o, label: OUTCOME_LABELS[o] }))} value={s.outcome} onSelect={(o) => s.setOutcome(o)} />
      </Field>
      {s.needsNextDate ? (
        <Field id='fu-next' label='下次跟进日期' required>
          <Picker mode='date' value={s.nextDate} start={fullDate(Date.now())} onChange={(e) => s.setNextDate(String(e.detail.value))}>
            <Text className='field ops-input' id='fu-next-value'>
              {s.nextDate || '选择日期'}
            </Text>
          </Picker>
        </Field>
      ) : null}
      <Field id='fu-note' label='备注（可选）'>
        <Textarea className='field ops-textarea' id='fu-note-input' value={s.note} maxlength={200} placeholder='例如：下周发工资后再买' onInput={(e) => s.setNote(e.detail.value)} />
      </Field>
      {s.capped ? (
        <Field id='fu-reason' label='超出联系上限的理由' required hint='这位顾客近 7 天的联系已达上限；只有确有必要（如顾客主动咨询）才记录'>
          <Input className='field ops-input' id='fu-reason-input' value={s.overCapReason} maxlength={60} placeholder='例如：顾客主动到店咨询' onInput={(e) => s.setOverCapReason(e.detail.value)} />
        </Field>
      ) : null}
      <SaveBar id='fu-save' problem={s.problem} busy={s.saving} label='保存这次联系' busyLabel='保存中…' onSave={() => void s.submit()} />
    </View>
  );
});

/** 跟进顾客: what matters for the goal, the script, earlier contacts, and the form to record this one. */
function FollowupCustomerPage() {
  const s = useBackOffice().followup.card;
  const { listId = '', openid = '' } = useRouter().params;
  useWhenSignedIn(() => void s.open(listId, decodeURIComponent(openid)), [listId, openid, s]);
  return (
    <OpsShell forbidden={s.card.forbidden}>
      <NoticeBar id='fu-notice' notice={s.notice} onClose={() => s.dismissNotice()} />
      <ReadBody read={s.card} loadingText='正在加载顾客卡片…'>
        {() => (
          <View id='fu-customer'>
            <Facts v={s.card.data!} />
            <ScriptCard script={s.card.data!.script} />
            <ContactForm s={s} v={s.card.data!} />
            <History v={s.card.data!} />
          </View>
        )}
      </ReadBody>
    </OpsShell>
  );
}

export default observer(FollowupCustomerPage);
