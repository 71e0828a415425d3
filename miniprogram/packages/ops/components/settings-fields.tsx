import { Input, Text, Textarea, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { TickBox } from '../../../components/choice';
import type { SettingsEditorStore } from '../stores/settings-store';
import { Chips, Field } from './shell';

/**
 * Fields of the settings screens, bound to the draft by path (e.g. `membershipPlans.0.priceFen`).
 * Ids: `set-<path with - for .>` on the row, `-input` on the control, `-error` on the problem.
 */
export const fieldId = (path: string) => `set-${path.replace(/\./g, '-')}`;

interface Props {
  s: SettingsEditorStore;
  path: string;
  label: string;
  hint?: string;
}

export const MoneyField = observer(function MoneyField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <Field id={id} label={`${label}（元）`} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} type='digit' value={s.moneyText(path)} maxlength={12} placeholder='如 1000 或 12.80' onInput={(e) => s.setMoney(path, e.detail.value)} />
    </Field>
  );
});

export const IntField = observer(function IntField({ s, path, label, hint, unit }: Props & { unit?: string }) {
  const id = fieldId(path);
  return (
    <Field id={id} label={unit ? `${label}（${unit}）` : label} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} type='number' value={s.intText(path)} maxlength={9} onInput={(e) => s.setInt(path, e.detail.value)} />
    </Field>
  );
});

export const TextField = observer(function TextField({ s, path, label, hint, maxlength = 40 }: Props & { maxlength?: number }) {
  const id = fieldId(path);
  const v = s.value(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Input className='field ops-input' id={`${id}-input`} value={typeof v === 'string' ? v : ''} maxlength={maxlength} onInput={(e) => s.setValue(path, e.detail.value)} />
    </Field>
  );
});

/** A list of short texts, one per line. */
export const LinesField = observer(function LinesField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <Field id={id} label={label} hint={hint ?? '每行一项'} error={s.fieldError(path)}>
      <Textarea className='field ops-textarea' id={`${id}-input`} value={s.linesText(path)} maxlength={2000} onInput={(e) => s.setLines(path, e.detail.value)} />
    </Field>
  );
});

export const BoolField = observer(function BoolField({ s, path, label, hint }: Props) {
  const id = fieldId(path);
  return (
    <View className='ops-bool'>
      <TickBox id={`${id}-tick`} checked={s.value(path) === true} onChange={(v) => s.setValue(path, v)}>
        <Text>{label}</Text>
      </TickBox>
      {hint ? <Text className='ops-field__hint'>{hint}</Text> : null}
      {s.fieldError(path) ? (
        <Text className='ops-field__error' id={`${id}-error`}>
          {s.fieldError(path)}
        </Text>
      ) : null}
    </View>
  );
});

export const ChoiceField = observer(function ChoiceField<K extends string>({ s, path, label, hint, options }: Props & { options: Array<{ key: K; label: string }> }) {
  const id = fieldId(path);
  return (
    <Field id={id} label={label} hint={hint} error={s.fieldError(path)}>
      <Chips idPrefix={`${id}-opt`} options={options} value={s.value(path) as K} onSelect={(k) => s.setValue(path, k)} />
    </Field>
  );
});
