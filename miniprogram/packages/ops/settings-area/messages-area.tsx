import '../zod-setup';
import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { MESSAGE_KINDS } from '@shared/settings';
import { Field } from '../components/shell';
import { fieldId, IntField, ItemCard, MoneyField, TextField } from '../components/settings-fields';
import type { SettingsEditorStore } from '../stores/settings-store';

type S = SettingsEditorStore;

/** What separates a small offer from a big one (the contact policy's 小额优惠 / 大额优惠). */
export const OfferDepth = ({ s }: { s: S }) => (
  <ItemCard id={fieldId('offerDepth')} title='小额优惠的标准'>
    <Text className='ops__intro'>折扣券不超过这个比例、或满减券不超过这个金额（或不超过门槛的这个比例）算小额优惠，其余为大额优惠。</Text>
    <IntField s={s} path='offerDepth.smallMaxPercent' label='比例不超过' unit='%' />
    <MoneyField s={s} path='offerDepth.smallMaxAmountFen' label='金额不超过' />
  </ItemCard>
);

const KIND_TITLES = { promotion: '活动通知（营销活动）', renewal: '会员到期提醒' } as const;

/** "30, 7，1" → ["30", "7", "1"] (Chinese and Latin separators alike). */
const daysOf = (text: string) => text.split(/[,，、\s]+/).filter(Boolean);

/** Days before expiry as "30, 7, 1": numbers go to the draft; anything else goes as typed, for the schema to refuse. */
const ReminderDays = observer(function ReminderDays({ s }: { s: S }) {
  const path = 'renewalReminderDays';
  const current = s.value(path);
  const [text, setText] = useState(Array.isArray(current) ? current.join(', ') : '');
  const id = fieldId(path);
  const parts = daysOf(text);
  // A day that is not a whole number goes into the draft as typed (the schema then refuses the
  // save), and is explained here in words rather than as the schema's type error.
  const typo = parts.some((p) => !/^\d{1,3}$/.test(p));
  const error = typo ? '请填写整数天数，用逗号分隔，如 30, 7, 1' : (s.fieldError(path) ?? s.shownIssues.find((i) => i.path.startsWith(`${path}.`))?.message);
  const onInput = (v: string) => {
    setText(v);
    s.setValue(
      path,
      daysOf(v).map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : p)),
    );
  };
  return (
    <Field id={id} label='会员到期提醒（提前天数）' hint='用逗号分隔，如 30, 7, 1；每个时点只发一次，顾客须有剩余的订阅次数' error={error}>
      <Input className='field ops-input' id={`${id}-input`} value={text} maxlength={40} onInput={(e) => onInput(e.detail.value)} />
    </Field>
  );
});

/** 消息模板: each kind's WeChat template id and keyword names, and when renewal reminders go out. */
export const MessagesArea = ({ s }: { s: S }) => (
  <View>
    <Text className='ops__intro'>在小程序后台「订阅消息」中选用模板后，把模板 ID 和它的字段名（如 thing1、time3）填在这里。本地开发时消息不会发到微信，顾客可在「我的 › 消息」中看到。</Text>
    {MESSAGE_KINDS.map((k) => (
      <ItemCard key={k} id={fieldId(`messageTemplates.${k}`)} title={KIND_TITLES[k]}>
        <TextField s={s} path={`messageTemplates.${k}.templateId`} label='模板 ID' hint='从小程序后台「订阅消息 → 我的模板」复制；留空则这类消息不发送（上线检查会显示未完成）' maxlength={64} />
        <TextField s={s} path={`messageTemplates.${k}.fields.title`} label='标题字段' hint='模板里放消息标题的关键词，如 thing1' maxlength={20} />
        <TextField s={s} path={`messageTemplates.${k}.fields.detail`} label='内容字段' hint='放消息内容的关键词，如 thing2' maxlength={20} />
        <TextField s={s} path={`messageTemplates.${k}.fields.until`} label='时间字段' hint='放截止或到期时间的关键词，如 time3' maxlength={20} />
      </ItemCard>
    ))}
    <View className='card ops-form'>
      <ReminderDays s={s} />
    </View>
  </View>
);
